from django import template

register = template.Library()


@register.filter
def level_label(domain, level) -> str:
    """The description of a level of a domain, in the reader's language."""
    return domain.level_text(level)


@register.simple_tag
def segment_url(segment, level="", flag="") -> str:
    """The drill-down list behind one figure of the segmentation."""
    from urllib.parse import urlencode

    from django.urls import reverse

    params = dict(segment.params)
    if level:
        params["level"] = level
    if flag:
        params["flag"] = flag
    return f"{reverse('screening:segment_cases')}?{urlencode(params)}"
