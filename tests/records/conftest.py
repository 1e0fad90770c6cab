"""Records fixtures: a case of ABSS Vic held by the social worker, a specialised-service
professional (SIAD), a coordinator, API clients, and helpers to read pages."""

from datetime import date, timedelta

from django.utils import timezone

from xarxa.organisations.models import Team
from xarxa.records.models import CaseAccess


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
