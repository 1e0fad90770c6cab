"""People-specific fixtures: places, and messages as pages show them."""

import pytest

from xarxa.territory.models import Municipality


@pytest.fixture
def vic():
    return Municipality.objects.get(ine_code="08298")


@pytest.fixture
def manlleu():
    return Municipality.objects.get(ine_code="08112")


def msg(text: str) -> str:
    """A message as pages show it: in the default language, HTML-escaped."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.html import escape

    with translation.override(settings.LANGUAGE_CODE):
        return escape(translation.gettext(text))
