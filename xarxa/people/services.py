"""Every write about persons: atomic, audited, refused on a restricted record."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.es import dni, nie
from stdnum.exceptions import ValidationError as StdnumError

from xarxa.core.audit import audit_record
from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm
from xarxa.people.models import (
    AccessGrant,
    ChannelKind,
    ContactChannel,
    DocumentKind,
    IdentityDocument,
    Person,
)
from xarxa.people.names import digits
from xarxa.people.policies import PeoplePerm
from xarxa.people.search import index_person
from xarxa.territory.selectors import abss_for_municipality

EMERGENCY_ACCESS_HOURS = 4
PERSON_FIELDS = [
    "given_names",
    "first_surname",
    "second_surname",
    "used_name",
    "birth_date",
    "birth_date_approximate",
    "sex",
    "gender_identity",
    "nationality",
    "languages",
    "contact_language",
    "address",
    "postal_code",
    "municipality",
]


@dataclass
class DocumentIn:
    kind: str
    number: str


@dataclass
class ChannelIn:
    kind: str
    value: str
    may_contact: bool


def normalise_document(kind: str, number: str) -> str:
    """Validate a document number and return it in its stored form.

    DNI and NIE carry a check letter that python-stdnum verifies; passports, foreign
    documents and the CatSalut CIP are kept as typed (upper case, no spaces).
    """
    compact = "".join(number.split()).replace("-", "").upper()
    if not compact:
        raise ValidationError(_("Write the document number."), code="required")
    validators = {DocumentKind.DNI: dni, DocumentKind.NIE: nie}
    module = validators.get(kind)
    if module is not None:
        try:
            return module.validate(compact)
        except StdnumError as error:
            label = DocumentKind(kind).label
            raise ValidationError(
                _("This %(kind)s number is not valid: check the digits and the letter.")
                % {"kind": label},
                code="invalid",
            ) from error
    return compact


def _refuse_if_restricted(person: Person) -> None:
    if person.is_restricted:
        raise ValidationError(
            _("This record is restricted at the person's request and cannot be changed."),
            code="restricted",
        )


def _set_abss(person: Person) -> None:
    person.abss = (
        abss_for_municipality(person.municipality, timezone.localdate())
        if person.municipality
        else None
    )


@transaction.atomic
def person_register(
    *,
    actor,
    data: dict,
    documents: list[DocumentIn] = (),
    channels: list[ChannelIn] = (),
) -> Person:
    check_perm(actor, PeoplePerm.REGISTER)
    person = Person(**{k: v for k, v in data.items() if k in PERSON_FIELDS}, registered_by=actor)
    _set_abss(person)
    person.full_clean()
    person.save()
    for doc in documents:
        IdentityDocument.objects.create(
            person=person, kind=doc.kind, number=normalise_document(doc.kind, doc.number)
        )
    for channel in channels:
        channel_add(actor=actor, person=person, channel=channel, audited=False)
    index_person(person)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=person, person_id=person.pk)
    return person


@transaction.atomic
def person_update(*, actor, person: Person, data: dict, expected_version: int) -> Person:
    """Rectification through a normal edit: stale saves are refused (StaleEdit)."""
    check_perm(actor, PeoplePerm.REGISTER)
    _refuse_if_restricted(person)
    original = {name: getattr(person, name) for name in PERSON_FIELDS}
    for name in PERSON_FIELDS:
        if name in data:
            setattr(person, name, data[name])
    _set_abss(person)
    person.full_clean(exclude=["version"])
    changed = [name for name in PERSON_FIELDS if getattr(person, name) != original[name]]
    save_versioned(
        person,
        expected_version=expected_version,
        fields=[*PERSON_FIELDS, "abss", "updated_at"],
        original=original,
    )
    index_person(person)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=person,
        person_id=person.pk,
        details={"fields": changed},
    )
    return person


def channel_add(*, actor, person: Person, channel: ChannelIn, audited: bool = True):
    check_perm(actor, PeoplePerm.REGISTER)
    _refuse_if_restricted(person)
    value = channel.value.strip()
    phone_kinds = {ChannelKind.MOBILE, ChannelKind.PHONE, ChannelKind.WHATSAPP}
    if channel.kind in phone_kinds and len(digits(value)) < 9:
        raise ValidationError(_("A phone number needs at least nine digits."), code="phone")
    row = ContactChannel.objects.create(
        person=person,
        kind=channel.kind,
        value=value,
        search_value=digits(value) if channel.kind != ChannelKind.EMAIL else value.lower(),
        may_contact=channel.may_contact,
        consent_on=timezone.localdate() if channel.may_contact else None,
    )
    if audited:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=row, person_id=person.pk)
    return row


@transaction.atomic
def access_grant_open(*, actor, person: Person, reason: str) -> AccessGrant:
    """Break the glass: time-limited access with a reason, flagged to the DPO."""
    check_perm(actor, PeoplePerm.BREAK_GLASS)
    reason = reason.strip()
    if len(reason) < 15:
        raise ValidationError(
            _("Explain why you need this access now (at least 15 characters)."), code="reason"
        )
    grant = AccessGrant.objects.create(
        person=person,
        user=actor,
        reason=reason,
        expires_at=timezone.now() + timedelta(hours=EMERGENCY_ACCESS_HOURS),
    )
    audit_record(
        actor=actor,
        action=AuditAction.EMERGENCY_ACCESS,
        obj=grant,
        person_id=person.pk,
        reason=reason,
    )
    return grant


@transaction.atomic
def person_restrict(*, actor, person: Person, reason: str, restricted: bool = True) -> Person:
    """Right to restriction: the record is frozen (reads are still audited)."""
    check_perm(actor, PeoplePerm.RESTRICT)
    if restricted and not reason.strip():
        raise ValidationError(_("Write the reason for the restriction."), code="reason")
    person.restricted_at = timezone.now() if restricted else None
    person.restriction_reason = reason.strip() if restricted else ""
    person.save(update_fields=["restricted_at", "restriction_reason", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.RESTRICT,
        obj=person,
        person_id=person.pk,
        reason=reason,
        details={"restricted": restricted},
    )
    return person
