"""Registering and correcting a person, their documents and contact channels, and the
restriction of their record."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.es import dni, nie, nif
from stdnum.exceptions import ValidationError as StdnumError

from xarxa.accounts.selectors import scope_for
from xarxa.core.audit import audit_record
from xarxa.core.concurrency import StaleEdit, save_versioned
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.core.policies import check_perm
from xarxa.people.models import (
    PERSON_FIELDS,
    PERSON_OTHER_FIELDS,
    ChannelKind,
    ContactChannel,
    DocumentKind,
    IdentityDocument,
    NameToken,
    Person,
    PersonNameToken,
)
from xarxa.people.names import digits
from xarxa.people.policies import PeoplePerm, require_processing
from xarxa.people.search import index_person
from xarxa.territory.selectors import abss_for_municipality, municipality_of

if TYPE_CHECKING:
    from xarxa.accounts.models import User

PHONE_KINDS = frozenset({ChannelKind.MOBILE, ChannelKind.PHONE, ChannelKind.WHATSAPP})
WRITABLE_FIELDS = (*PERSON_FIELDS, *PERSON_OTHER_FIELDS)


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

    DNI and NIE carry a check letter that python-stdnum verifies (a DNI field also takes
    the K/L/M personal NIFs); passports, foreign documents and the CatSalut CIP are kept
    as typed: upper case, without spaces, dashes or dots. Full-width digits and letters
    (a phone keyboard in Chinese or Japanese mode, NFKC) and the digits of any script
    (Arabic-Indic on an Arabic keyboard) are read as the ASCII ones on purpose, so the
    number is found whichever way it was typed; any other symbol is refused.
    """
    compact = unicodedata.normalize("NFKC", "".join(number.split()))
    compact = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in compact)
    compact = compact.replace("-", "").replace(".", "").replace("/", "").upper()
    if not compact:
        raise ValidationError(_("Write the document number."), code="required")
    if kind not in DocumentKind.values:
        raise ValidationError(_("Choose the type of document."), code="kind")
    if kind in (DocumentKind.DNI, DocumentKind.NIE):
        module = dni if kind == DocumentKind.DNI else nie
        try:
            return str(module.validate(compact))
        except StdnumError as error:
            if kind == DocumentKind.DNI and compact[:1] in "KLM":
                try:
                    return str(nif.validate(compact))
                except StdnumError:
                    pass
            raise ValidationError(
                _("This %(kind)s number is not valid: check the digits and the letter.")
                % {"kind": DocumentKind(kind).label},
                code="invalid",
            ) from error
    if len(compact) > 32:
        raise ValidationError(_("A document number has at most 32 characters."), code="long")
    if not compact.isascii() or not compact.isalnum():
        raise ValidationError(
            _("A document number has only letters and digits."), code="characters"
        )
    return compact


def normalise_channel(kind: str, value: str) -> tuple[str, str]:
    """(value as shown, value searched) of a contact channel, or a clear refusal."""
    value = value.strip()
    if kind not in ChannelKind.values:
        raise ValidationError(_("Choose how to contact the person."), code="kind")
    if kind in PHONE_KINDS:
        if len(digits(value)) < 9:
            raise ValidationError(_("A phone number needs at least nine digits."), code="phone")
        return value, digits(value)
    if kind == ChannelKind.EMAIL:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(
                _("Enter an email address like name@example.com."), code="email"
            ) from None
        return value, value.lower()
    if not value:
        raise ValidationError(_("Write the postal address."), code="required")
    return value, value.lower()[:200]


def _set_abss(person: Person, actor: User) -> None:
    """The ABSS follows from the municipality on the day. Without an address (homeless,
    not known yet) the person stays with the ABSS that attends them: the one they had,
    or the registering professional's own when they have exactly one."""
    if person.municipality:
        person.abss = abss_for_municipality(person.municipality, timezone.localdate())
    elif person.abss_id is None:
        own = scope_for(actor).abss_ids
        person.abss_id = next(iter(own)) if len(own) == 1 else None


def _person_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """The writable fields sent, the municipality as itself or by its INE code."""
    values = {k: v for k, v in data.items() if k in WRITABLE_FIELDS}
    if "municipality" in values:
        values["municipality"] = municipality_of(values["municipality"])
    return values


@transaction.atomic
def person_register(
    *,
    actor: User,
    data: Mapping[str, Any],
    documents: Sequence[DocumentIn] = (),
    channels: Sequence[ChannelIn] = (),
) -> Person:
    """Register a person. Field errors are raised together, keyed by field name
    (``documents.0.number``, ``channels.1.value`` for the lists); nothing is saved."""
    check_perm(actor, PeoplePerm.REGISTER)
    person = Person(**_person_values(data), registered_by=actor)
    _set_abss(person, actor)
    errors: dict[str, list[str]] = {}
    try:
        person.full_clean(exclude=["version"])
    except ValidationError as error:
        errors.update(error.message_dict)
    clean_documents = []
    for i, doc in enumerate(documents):
        try:
            clean_documents.append((doc.kind, normalise_document(doc.kind, doc.number)))
        except ValidationError as error:
            errors[f"documents.{i}.number"] = error.messages
    if len(set(clean_documents)) < len(clean_documents):
        errors["documents"] = [_("The same document is written twice.")]
    clean_channels = []
    for i, channel in enumerate(channels):
        try:
            clean_channels.append((channel, *normalise_channel(channel.kind, channel.value)))
        except ValidationError as error:
            errors[f"channels.{i}.value"] = error.messages
    if errors:
        raise ValidationError(errors)
    person.save()
    for kind, number in clean_documents:
        IdentityDocument.objects.create(person=person, kind=kind, number=number)
    for channel, value, search_value in clean_channels:
        ContactChannel.objects.create(
            person=person,
            kind=channel.kind,
            value=value,
            search_value=search_value,
            may_contact=channel.may_contact,
            consent_on=timezone.localdate() if channel.may_contact else None,
        )
    index_person(person)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=person,
        person_id=person.pk,
        details={"documents": len(clean_documents), "channels": len(clean_channels)},
    )
    return person


def _changed_since(person: Person, version: int) -> list[str]:
    """Fields other saves changed after ``version``, from the audit log of updates."""
    events = AuditEvent.objects.filter(
        action=AuditAction.UPDATE,
        object_type="people.person",
        object_id=str(person.pk),
        details__version__gt=version,
    ).values_list("details", flat=True)
    fields: list[str] = []
    for details in events:
        fields += [f for f in details.get("fields", []) if f not in fields]
    return fields


@transaction.atomic
def person_update(
    *, actor: User, person: Person, data: Mapping[str, Any], expected_version: int
) -> Person:
    """Rectification through a normal edit. A stale save is refused with StaleEdit whose
    ``changed`` maps each field others changed since ``expected_version`` to its value.
    ``person`` is re-read inside the transaction: what the caller holds may be stale."""
    check_perm(actor, PeoplePerm.REGISTER)
    person = Person.objects.get(pk=person.pk)
    require_processing(actor, [person])
    original = {name: getattr(person, name) for name in WRITABLE_FIELDS}
    for name, value in _person_values(data).items():
        setattr(person, name, value)
    _set_abss(person, actor)
    person.full_clean(exclude=["version"])
    changed = [name for name in WRITABLE_FIELDS if getattr(person, name) != original[name]]
    try:
        save_versioned(
            person,
            expected_version=expected_version,
            fields=[*WRITABLE_FIELDS, "abss", "updated_at"],
            original=original,
        )
    except StaleEdit as stale:
        others = _changed_since(person, expected_version) or list(stale.changed)
        raise StaleEdit(
            stale.current, {name: getattr(stale.current, name) for name in others}
        ) from None
    index_person(person)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=person,
        person_id=person.pk,
        details={"fields": changed, "version": person.version},
    )
    return person


@transaction.atomic
def document_add(*, actor: User, person: Person, document: DocumentIn) -> IdentityDocument:
    check_perm(actor, PeoplePerm.REGISTER)
    require_processing(actor, [person])
    number = normalise_document(document.kind, document.number)
    if person.documents.filter(kind=document.kind, number=number).exists():
        raise ValidationError(_("This document is already recorded."), code="duplicate")
    row = IdentityDocument.objects.create(person=person, kind=document.kind, number=number)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=row, person_id=person.pk)
    return row


@transaction.atomic
def channel_add(*, actor: User, person: Person, channel: ChannelIn) -> ContactChannel:
    check_perm(actor, PeoplePerm.REGISTER)
    require_processing(actor, [person])
    value, search_value = normalise_channel(channel.kind, channel.value)
    row = ContactChannel.objects.create(
        person=person,
        kind=channel.kind,
        value=value,
        search_value=search_value,
        may_contact=channel.may_contact,
        consent_on=timezone.localdate() if channel.may_contact else None,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=row, person_id=person.pk)
    return row


@transaction.atomic
def person_restrict(*, actor: User, person: Person, reason: str, restricted: bool = True) -> Person:
    """Right to restriction: the record is frozen (reads are still audited)."""
    check_perm(actor, PeoplePerm.RESTRICT)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write the reason for this decision.")})
    person.restricted_at = timezone.now() if restricted else None
    person.restriction_reason = reason if restricted else ""
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


def token_counts_check() -> list[str]:
    """Index tokens whose stored count disagrees with the postings (for tests and ops)."""
    actual = dict(
        PersonNameToken.objects.values("token_id")
        .annotate(n=models.Count("id"))
        .values_list("token_id", "n")
    )
    return [
        text
        for token_id, text, persons in NameToken.objects.values_list("id", "text", "persons")
        if actual.get(token_id, 0) != persons
    ]
