"""Protected reads of households: a household is shown to whoever may see one of its
members, and members out of reach are listed without their name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, out_of_reach
from xarxa.people.models import Consent, Household, HouseholdMembership, Person
from xarxa.people.policies import PeoplePerm, visible_persons_q

if TYPE_CHECKING:
    from xarxa.accounts.models import User


@dataclass
class HouseholdView:
    household: Household
    memberships: list[tuple[HouseholdMembership, bool]]  # (membership, visible), current first


def household_get_for(user: User, public_id: UUID | str) -> HouseholdView:
    """A household, for someone who may see at least one of its members (now or in the
    past). Members the user may not see are listed without their name."""
    check_perm(user, PeoplePerm.VIEW)
    try:
        household = Household.objects.select_related("municipality").get(public_id=public_id)
    except (Household.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    memberships = list(
        household.memberships.select_related("person__municipality").order_by(
            F("valid_until").desc(nulls_first=True), "valid_from", "id"
        )
    )
    member_ids = {m.person_id for m in memberships}
    visible_ids = set(
        Person.objects.filter(visible_persons_q(user), id__in=member_ids).values_list(
            "id", flat=True
        )
    )
    if not visible_ids:
        raise out_of_reach(user, obj=household)  # answered as an unknown id
    audit_record(
        actor=user,
        action=AuditAction.READ,
        obj=household,
        details={"persons": sorted(visible_ids)},
    )
    return HouseholdView(household, [(m, m.person_id in visible_ids) for m in memberships])


def consent_get_for(user: User, person: Person, consent_id: int) -> Consent:
    try:
        return person.consents.get(pk=consent_id)
    except (Consent.DoesNotExist, ValueError):
        raise Http404 from None


def person_memberships_for(user: User, person: Person) -> list[HouseholdMembership]:
    """The households of a person already read (person_get_for audited it), newest
    first, each with its household and municipality."""
    check_perm(user, PeoplePerm.VIEW)
    return list(
        person.memberships.select_related("household__municipality").order_by("-valid_from", "-id")
    )


def household_stay_for(
    user: User,
    view: HouseholdView,
    *,
    person_id: int | None = None,
    membership_id: int | None = None,
) -> HouseholdMembership:
    """A current stay in a household already read: by the member or by its id (404 when
    there is none)."""
    for membership, _visible in view.memberships:
        if membership.valid_until is not None:
            continue
        if membership.pk == membership_id or (person_id and membership.person_id == person_id):
            return membership
    raise Http404
