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


NOTHING = SharedView(party=None, shown=False)


def shared_view(referral: Referral, viewer: User | None, party: str | None = None) -> SharedView:
    """What ``viewer`` reads of ``referral`` (``party``: their side, when known)."""
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
    )
