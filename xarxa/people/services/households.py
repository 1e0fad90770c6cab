"""Households (unitats de convivència): who lives together, and moves that keep the
history."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm
from xarxa.people.models import Household, HouseholdMembership, Person
from xarxa.people.policies import PeoplePerm, require_person_reach, require_processing
from xarxa.territory.selectors import municipality_of

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.territory.models import Municipality


@transaction.atomic
def household_create(
    *, actor: User, address: str = "", municipality: Municipality | str | None = None
) -> Household:
    check_perm(actor, PeoplePerm.REGISTER)
    household = Household.objects.create(
        address=address.strip(), municipality=municipality_of(municipality)
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=household)
    return household


@transaction.atomic
def household_create_with(
    *,
    actor: User,
    person: Person,
    address: str,
    municipality: Municipality | str | None,
    relationship: str,
    on: date,
) -> Household:
    """A new household with its first member (who moves there if they lived elsewhere)."""
    require_person_reach(actor, person)
    require_processing(actor, [person])
    household = household_create(actor=actor, address=address, municipality=municipality)
    household_member_add(
        actor=actor, household=household, person=person, relationship=relationship, on=on
    )
    return household


@transaction.atomic
def household_member_add(
    *, actor: User, household: Household, person: Person, relationship: str, on: date
) -> HouseholdMembership:
    """Add a person to a household from ``on``. If they live in another household, that
    membership ends the day before: a move, and the history stays."""
    check_perm(actor, PeoplePerm.REGISTER)
    require_person_reach(actor, person)
    require_processing(actor, [person])
    current = list(
        HouseholdMembership.objects.select_for_update()
        .filter(person=person)
        .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on))
    )
    if any(m.household_id == household.pk for m in current):
        raise ValidationError(
            {"person": _("This person already lives in this household.")}, code="member"
        )
    for membership in current:
        if membership.valid_from and membership.valid_from >= on:
            raise ValidationError(
                {"valid_from": _("The move must be after the person joined their household.")},
                code="order",
            )
        membership.valid_until = on - timedelta(days=1)
        membership.save(update_fields=["valid_until"])
    membership = HouseholdMembership(
        household=household, person=person, relationship=relationship, valid_from=on
    )
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=membership,
        person_id=person.pk,
        details={"household": str(household.public_id), "ended": [m.pk for m in current]},
    )
    return membership


@transaction.atomic
def household_member_end(
    *, actor: User, membership: HouseholdMembership, on: date
) -> HouseholdMembership:
    """The person left the household on ``on`` (the last day they lived there)."""
    check_perm(actor, PeoplePerm.REGISTER)
    require_person_reach(actor, membership.person)
    require_processing(actor, [membership.person])
    if membership.valid_from and on < membership.valid_from:
        raise ValidationError({"on": _("The end cannot be before the start.")})
    membership.valid_until = on
    membership.save(update_fields=["valid_until"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=membership, person_id=membership.person_id
    )
    return membership
