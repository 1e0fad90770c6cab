"""Links that people follow from Xarxa's pages: web pages only (http, https).

A ``javascript:`` or ``data:`` link runs code in the reader's session when followed; an
``ftp:`` or other scheme is not a page a browser shows. One check, used by the catalogue,
the HSDS import and the community library, in forms and services alike."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ["http", "https"]
WEB_LINK_MESSAGE = _("Enter a web address that begins with http:// or https://.")

validate_web_link = URLValidator(schemes=WEB_SCHEMES, message=WEB_LINK_MESSAGE)


class WebLinkField(forms.URLField):
    """A form field for a link: http or https only, with the message above."""

    default_validators = [validate_web_link]
    default_error_messages = {"invalid": WEB_LINK_MESSAGE}


def check_web_link(value: str, field: str) -> str:
    """The link, stripped; empty is allowed. Raises ValidationError({field: message})."""
    link = (value or "").strip()
    if not link:
        return ""
    try:
        validate_web_link(link)
    except ValidationError:
        raise ValidationError({field: WEB_LINK_MESSAGE}) from None
    return link


def is_web_link(value: str) -> bool:
    try:
        validate_web_link(value)
    except ValidationError:
        return False
    return True
