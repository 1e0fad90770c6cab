from django import template

register = template.Library()


@register.filter
def catalogue_text(service, field: str) -> str:
    """A catalogue text in the reader's language (Catalan when not written in it)."""
    return service.text(field)
