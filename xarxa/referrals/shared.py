"""The shared view of a referral: what one reader sees of it, built in ONE place from
the sender's ``shared`` choices. The page, the API (detail, inbox, sent list) and the
FHIR export all read through ``shared_view``.

- The sending side (the sender and colleagues of the sending ABSS) reads the referral
  whole: they wrote it.
- The receiving team reads only what was ticked (identity, the professional's summary,
  the plan's goals...), and only while the referral is open: a finished referral shows
  nothing shared, in every list.
- A referral to a restricted service (``policies.may_know_where``): colleagues of the
  sending ABSS other than the sender and the case's reference professional see that it
  exists, not to whom or why.
- Anyone else reads nothing of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from xarxa.people.models import ContactChannel, HouseholdMembership
from xarxa.people.policies import service_categories
from xarxa.records.problems import problem_name
from xarxa.referrals.policies import may_know_where, party_of
from xarxa.referrals.states import OPEN, RECEIVER, SENDER, SharedData

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.referrals.models import Referral

__all__ = ["SharedView", "shared_view"]


@dataclass(frozen=True)
class SharedView:
    party: str | None
    shown: bool  # something of the referral's content is shown to this reader
    service_shown: bool = True  # to whom it went (False: a restricted service, see above)
    service: str | None = None  # the service's name, and the team or partner receiving
    receiver: str | None = None
    person: str | None = None  # name (identity shared)
    age: int | None = None
    municipality: str | None = None
    reason: str | None = None  # the professional's summary (summary shared)
    request: str | None = None  # what is asked: goes with every referral shown
    goals: list[dict[str, Any]] | None = None  # plan goals (plan_goals shared)
    transition_from: str | None = None
    shared: list[str] = field(default_factory=list)  # what was ticked, for the record
    # One referral read whole (``detail``): the channels the person agreed to be contacted
    # by, who lives with them now, the case's problems; None when not shared.
    contact: list[str] | None = None
    household: list[str] | None = None
    problems: list[str] | None = None


NOTHING = SharedView(party=None, shown=False)


def shared_view(
    referral: Referral, viewer: User | None, party: str | None = None, *, detail: bool = False
) -> SharedView:
    """What ``viewer`` reads of ``referral`` (``party``: their side, when known);
    ``detail``: also the contact channels, household and problems when shared (one
    referral's page, not lists)."""
    if party is None and viewer is not None:
        party = party_of(viewer, referral)
    if not may_know_where(viewer, referral, party):
        # That a referral exists, about whom (their own ABSS's person), not where or why.
        return SharedView(
            party=party, shown=False, service_shown=False, person=referral.person.display_name
        )
    service, receiver = referral.service.name, referral.receiver_name
    if party == SENDER:
        ticked = set(SharedData.values)  # the sending side reads its own referral whole
    elif party == RECEIVER and referral.state in OPEN:
        ticked = set(referral.shared)
    else:
        return SharedView(
            party=party, shown=False, service=service, receiver=receiver,
            shared=list(referral.shared),
        )  # fmt: skip
    person = referral.person
    identity = SharedData.IDENTITY in ticked
    return SharedView(
        party=party,
        shown=True,
        person=person.display_name if identity else None,
        age=person.age if identity else None,
        municipality=str(person.municipality) if identity and person.municipality else None,
        reason=referral.reason if SharedData.SUMMARY in ticked else None,
        request=referral.request,
        goals=list(referral.goals) if SharedData.PLAN_GOALS in ticked else None,
        transition_from=referral.transition_from.name if referral.transition_from else None,
        shared=list(referral.shared),
        service=service,
        receiver=receiver,
        **(_details(referral, ticked, viewer, party) if detail else {}),
    )


def _details(
    referral: Referral, ticked: set[str], viewer: User | None, party: str
) -> dict[str, Any]:
    """Contact channels, household and problems, each only when ticked. Problems of a
    special category show only to a reader whose service works with it (or the sender)."""
    person = referral.person
    found: dict[str, Any] = {}
    if SharedData.CONTACT in ticked:
        found["contact"] = [
            f"{channel.get_kind_display()}: {channel.value}"
            for channel in ContactChannel.objects.filter(person=person, may_contact=True)
        ]
    if SharedData.HOUSEHOLD in ticked:
        today = timezone.localdate()
        homes = HouseholdMembership.objects.valid_on(today).filter(person=person)
        found["household"] = [
            f"{m.person.given_names} ({m.get_relationship_display()})"
            for m in HouseholdMembership.objects.valid_on(today)
            .filter(household_id__in=homes.values("household_id"))
            .exclude(person=person)
            .select_related("person")
        ]
    if SharedData.PROBLEMS in ticked:
        readable = service_categories(viewer) if viewer is not None else frozenset()
        found["problems"] = [
            problem_name(p.category.code)
            for p in referral.case.problems.filter(ended_on__isnull=True).select_related("category")
            if party == SENDER or not p.category.sensitivity or p.category.sensitivity in readable
        ]
    return found
