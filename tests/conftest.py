"""Personas used across the suite: a social worker of ABSS Vic and a teammate, a worker of
another ABSS (Manlleu), an Òmnia facilitator, a data-protection officer and an admin."""

import os
from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import PASSWORD, AssignmentFactory, TeamFactory, UserFactory, abss
from xarxa.organisations.models import Organisation, TeamKind

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API loop

# Property tests on a busy two-core machine: no per-example deadline, no "too slow" verdicts.
hypothesis_settings.register_profile(
    "xarxa",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
hypothesis_settings.load_profile("xarxa")


@dataclass
class Persona:
    user: object
    role: str

    @property
    def username(self):
        return self.user.username


def _persona(username, role, org_code, team_name, team_kind, abss_code=None) -> Persona:
    team = TeamFactory(
        organisation=Organisation.objects.get(code=org_code),
        name=team_name,
        kind=team_kind,
        abss=abss(abss_code) if abss_code else None,
    )
    user = UserFactory(username=username)
    AssignmentFactory(user=user, team=team, role=role)
    return Persona(user, role)


@pytest.fixture
def social_worker(db):
    return _persona(
        "sw.vic",
        "social_worker",
        "ajuntament-vic",
        "SSB Vic",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-VIC",
    )


@pytest.fixture
def teammate(db):
    return _persona(
        "ed.vic",
        "social_educator",
        "ajuntament-vic",
        "SSB Vic",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-VIC",
    )


@pytest.fixture
def siad(db):
    """A gender-violence specialised service: sees a case only while referred to it."""
    return _persona(
        "siad", "specialised_professional", "coss", "SIAD Osona", TeamKind.SPECIALISED_SERVICE
    )


@pytest.fixture
def person(db):
    from tests.factories import PersonFactory

    return PersonFactory()


@pytest.fixture
def case(social_worker, person):
    """A case file of ABSS Vic held by the social worker."""
    from xarxa.records import services

    return services.case_open(actor=social_worker.user, person=person)


@pytest.fixture
def coordinator(db):
    """A team coordinator of ABSS Vic: merges, reassigns, manages the catalogue."""
    return _persona(
        "coord.vic",
        "team_coordinator",
        "ajuntament-vic",
        "SSB Vic",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-VIC",
    )


@pytest.fixture
def api_for():
    """An API client with a bearer token for the user."""

    def make(user) -> Client:
        from xarxa.accounts.services import api_token_issue

        _, raw = api_token_issue(actor=None, user=user)
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    return make


@pytest.fixture
def other_abss_worker(db):
    return _persona(
        "sw.manlleu",
        "social_worker",
        "ajuntament-manlleu",
        "SSB Manlleu",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-MAN",
    )


@pytest.fixture
def facilitator(db):
    return _persona(
        "facilitator",
        "omnia_facilitator",
        "generalitat-drets-socials",
        "Punt Òmnia de prova",
        TeamKind.OMNIA,
    )


@pytest.fixture
def dpo(db):
    return _persona(
        "dpo", "data_protection_officer", "coss", "Protecció de dades", TeamKind.DATA_PROTECTION
    )


@pytest.fixture
def admin(db):
    return _persona("sysadmin", "system_admin", "coss", "Sistemes", TeamKind.IT)


@pytest.fixture
def evaluator(db):
    """Aggregated figures only: no case data."""
    return _persona("evaluator", "evaluator", "coss", "Avaluació", TeamKind.EVALUATION)


@pytest.fixture
def personas(social_worker, teammate, other_abss_worker, facilitator, dpo, admin):
    return {
        "social_worker": social_worker,
        "teammate": teammate,
        "other_abss_worker": other_abss_worker,
        "facilitator": facilitator,
        "dpo": dpo,
        "admin": admin,
    }


def verified_client(user) -> Client:
    """A client signed in with password and a confirmed second factor, as through the UI."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for():
    return verified_client


@pytest.fixture
def password():
    return PASSWORD


# Checks whose answer cannot depend on the database engine (the code's structure, the
# catalogues, the web server's own refusals, the route-by-persona walk over policies that
# tests/security also runs on both): `make test` runs them in the SQLite pass only.
ENGINE_INDEPENDENT = {"structure", "test_translations.py", "test_web_server.py"}


def pytest_collection_modifyitems(items):
    """Every test under tests/browser drives Chromium: mark it (``-m "not browser"``);
    engine-independent checks are marked ``once``."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        if ENGINE_INDEPENDENT & {*item.path.parts}:
            item.add_marker(pytest.mark.once)
