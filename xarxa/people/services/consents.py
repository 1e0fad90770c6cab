"""Consents a person gives (and withdraws) for sharing and for being contacted."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm
from xarxa.people.models import Consent, Person
from xarxa.people.policies import PeoplePerm, require_person_reach, require_processing

if TYPE_CHECKING:
    from xarxa.accounts.models import User


@transaction.atomic
def consent_record(
    *,
    actor: User,
    person: Person,
    purpose: str,
    given_on: date,
    method: str,
    expires_on: date | None = None,
) -> Consent:
    check_perm(actor, PeoplePerm.REGISTER)
    require_person_reach(actor, person)
    require_processing(actor, [person])
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date cannot be in the future.")})
    if expires_on and expires_on < given_on:
        raise ValidationError({"expires_on": _("The expiry cannot be before the consent.")})
    consent = Consent(
        person=person,
        purpose=purpose,
        given_on=given_on,
        method=method,
        expires_on=expires_on,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=consent,
        person_id=person.pk,
        details={"purpose": purpose},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, on: date | None = None) -> Consent:
    check_perm(actor, PeoplePerm.REGISTER)
    require_person_reach(actor, consent.person)
    require_processing(actor, [consent.person])
    on = on or timezone.localdate()
    if consent.withdrawn_on:
        raise ValidationError(_("This consent was already withdrawn."), code="withdrawn")
    if on < consent.given_on:
        raise ValidationError({"on": _("The withdrawal cannot be before the consent.")})
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=consent,
        person_id=consent.person_id,
        details={"withdrawn_on": on.isoformat()},
    )
    return consent
