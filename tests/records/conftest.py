"""Records fixtures: a case of ABSS Vic held by the social worker, a specialised-service
professional (SIAD), a coordinator, API clients, and helpers to read pages."""

from datetime import date, timedelta

from django.utils import timezone

from xarxa.catalogue.models import Service
from xarxa.organisations.models import Team
from xarxa.records.models import CaseAccess


def refer(case, *, until=None):
    """Open (or, with ``until`` in the past, an expired) access of SIAD to the case. The
    SIAD team runs a gender-violence service: it reads that special category."""
    team = Team.objects.get(name="SIAD Osona")
    Service.objects.get_or_create(
        code="siad-records-test",
        defaults={
            "organisation": team.organisation, "kind": "women", "owner_team": team,
            "texts": {"ca": {"name": "SIAD (proves)"}}, "confidentiality": "restricted",
            "special_category": "gender_violence",
        },
    )  # fmt: skip
    return CaseAccess.objects.create(
        case=case,
        team=team,
        reason="derivació",
        valid_from=date(2020, 1, 1),
        valid_until=until,
    )


def yesterday():
    return timezone.localdate() - timedelta(days=1)


def opened_back_then(case, day=date(2024, 1, 1)):
    """The case file opened on ``day``, so notes may be dated since then."""
    from xarxa.records.models import CaseFile

    CaseFile.objects.filter(pk=case.pk).update(opened_on=day)
    case.opened_on = day
