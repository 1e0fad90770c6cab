"""Deterministic, realistic demo data for Osona: organisations, teams and staff with one
demo account per role (``staff``), the services catalogue, the Òmnia network
(``community``), persons with their households and case files (``people``), referrals,
assessments and plans. Bulk paths are used for anything that can reach a million rows.
"""

import random
import time

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from xarxa.catalogue import osona
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.demo.community import build_community
from xarxa.demo.people import SHARE_OF_POPULATION, PeopleBuilder
from xarxa.demo.referrals import build_referrals
from xarxa.demo.screening import build_screening
from xarxa.demo.staff import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    organisations_ensure,
    staff_ensure,
    teams_ensure,
)
from xarxa.territory.models import AbssMembership

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "build", "default_persons"]


def default_persons() -> int:
    """About 6% of the residents of the municipalities served today."""
    today = timezone.localdate()
    served = AbssMembership.objects.valid_on(today).aggregate(n=Sum("municipality__population"))
    return int((served["n"] or 0) * SHARE_OF_POPULATION)


@transaction.atomic
def build(*, seed: int = 1, persons: int = 0, log=print) -> dict[str, int]:
    started = time.perf_counter()
    rng = random.Random(seed)
    password_hash = make_password(DEMO_PASSWORD)
    organisations_ensure()
    teams = teams_ensure()
    staff = staff_ensure(teams, rng, password_hash)
    log(f"  organisations, teams and staff: {time.perf_counter() - started:.1f} s")
    log(f"  services catalogue: {osona.load(timezone.localdate())} entries")
    build_community(seed=seed, log=log)
    people = PeopleBuilder(seed=seed, persons=persons, log=log).build() if persons else {}
    if persons:
        started = time.perf_counter()
        count = build_referrals(seed=seed)
        log(f"  referrals: {count} in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        build_screening(seed=seed, log=log)
        log(f"  assessments and plans: {time.perf_counter() - started:.1f} s")
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        object_type="demo.dataset",
        details={"seed": seed, "persons": persons, "staff": staff},
    )
    return {"teams": len(teams), "staff": staff, "persons": people.get("persons", 0)}
