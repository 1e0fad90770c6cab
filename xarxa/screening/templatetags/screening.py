from django import template

register = template.Library()


@register.filter
def level_label(domain, level) -> str:
    """The description of a level of a domain, in the reader's language."""
    return domain.level_text(level)
