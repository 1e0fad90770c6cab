"""Records fixtures: a case of ABSS Vic held by the social worker, a specialised-service
professional (SIAD), a coordinator, API clients, and helpers to read pages."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.conftest import _persona
from tests.factories import PersonFactory
from xarxa.organisations.models import Team, TeamKind
from xarxa.records import services
from xarxa.records.models import CaseAccess


@pytest.fixture
def person(db):
    return PersonFactory()


@pytest.fixture
def case(social_worker, person):
    return services.case_open(actor=social_worker.user, person=person)


@pytest.fixture
def siad(db):
    """A gender-violence specialised service: sees a case only while referred to it."""
    return _persona(
        "siad", "specialised_professional", "coss", "SIAD Osona", TeamKind.SPECIALISED_SERVICE
    )


def refer(case, *, until=None):
    """Open (or, with ``until`` in the past, an expired) access of SIAD to the case."""
    return CaseAccess.objects.create(
        case=case,
        team=Team.objects.get(name="SIAD Osona"),
        reason="derivació",
        valid_from=date(2020, 1, 1),
        valid_until=until,
    )


def yesterday():
    return timezone.localdate() - timedelta(days=1)
