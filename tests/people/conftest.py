"""People-specific fixtures: a team coordinator of ABSS Vic (may merge), API clients."""

import pytest
from django.test import Client

from tests.conftest import _persona
from xarxa.accounts.services import api_token_issue
from xarxa.organisations.models import TeamKind
from xarxa.territory.models import Municipality


@pytest.fixture
def coordinator(db):
    return _persona(
        "coord.vic",
        "team_coordinator",
        "ajuntament-vic",
        "SSB Vic",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-VIC",
    )


@pytest.fixture
def vic():
    return Municipality.objects.get(ine_code="08298")


@pytest.fixture
def manlleu():
    return Municipality.objects.get(ine_code="08112")


@pytest.fixture
def api_for():
    """An API client with a bearer token for the user."""

    def make(user) -> Client:
        _, raw = api_token_issue(actor=None, user=user)
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    return make


def msg(text: str) -> str:
    """A message as pages show it: in the default language, HTML-escaped."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.html import escape

    with translation.override(settings.LANGUAGE_CODE):
        return escape(translation.gettext(text))
