"""Every write about persons: atomic, audited, refused on a restricted record."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.es import dni, nie, nif
from stdnum.exceptions import ValidationError as StdnumError

from xarxa.accounts.selectors import scope_for
from xarxa.core.audit import audit_record
from xarxa.core.concurrency import StaleEdit, save_versioned
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.core.policies import check_perm, deny
from xarxa.people.access import person_access
from xarxa.people.models import (
    AccessGrant,
    ChannelKind,
    Consent,
    ContactChannel,
    DocumentKind,
    Household,
    HouseholdMembership,
    IdentityDocument,
    NameToken,
    Person,
    PersonMerge,
    PersonNameToken,
)
from xarxa.people.names import digits
from xarxa.people.policies import PeoplePerm
from xarxa.people.search import index_person
from xarxa.territory.selectors import abss_for_municipality

EMERGENCY_ACCESS_HOURS = 4
MIN_REASON_LENGTH = 15
PHONE_KINDS = frozenset({ChannelKind.MOBILE, ChannelKind.PHONE, ChannelKind.WHATSAPP})
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


# --- validation helpers -------------------------------------------------------------


def normalise_document(kind: str, number: str) -> str:
    """Validate a document number and return it in its stored form.

    DNI and NIE carry a check letter that python-stdnum verifies (a DNI field also takes
    the K/L/M personal NIFs); passports, foreign documents and the CatSalut CIP are kept
    as typed: upper case, without spaces, dashes or dots.
    """
    compact = "".join(number.split()).replace("-", "").replace(".", "").upper()
    if not compact:
        raise ValidationError(_("Write the document number."), code="required")
    if kind not in DocumentKind.values:
        raise ValidationError(_("Choose the type of document."), code="kind")
    if kind in (DocumentKind.DNI, DocumentKind.NIE):
        module = dni if kind == DocumentKind.DNI else nie
        try:
            return module.validate(compact)
        except StdnumError as error:
            if kind == DocumentKind.DNI and compact[:1] in "KLM":
                try:
                    return nif.validate(compact)
                except StdnumError:
                    pass
            raise ValidationError(
                _("This %(kind)s number is not valid: check the digits and the letter.")
                % {"kind": DocumentKind(kind).label},
                code="invalid",
            ) from error
    if len(compact) > 32:
        raise ValidationError(_("A document number has at most 32 characters."), code="long")
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


def _refuse_if_restricted(person: Person) -> None:
    if person.is_restricted:
        raise ValidationError(
            _("This record is restricted at the person's request and cannot be changed."),
            code="restricted",
        )


def _require_reach(actor, person: Person) -> None:
    """Writes about a person need the same reach as reading their file."""
    if not person_access(actor, person).reads_records:
        raise deny(actor, f"people.person:{person.pk}")


def _require_reason(reason: str, *, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {
                field: _("Explain the reason in a sentence (at least %(n)d characters).")
                % {"n": MIN_REASON_LENGTH}
            }
        )
    return reason


def _set_abss(person: Person, actor) -> None:
    """The ABSS follows from the municipality on the day. Without an address (homeless,
    not known yet) the person stays with the ABSS that attends them: the one they had,
    or the registering professional's own when they have exactly one."""
    if person.municipality:
        person.abss = abss_for_municipality(person.municipality, timezone.localdate())
    elif person.abss_id is None:
        own = scope_for(actor).abss_ids
        person.abss_id = next(iter(own)) if len(own) == 1 else None


# --- persons ------------------------------------------------------------------------


@transaction.atomic
def person_register(
    *,
    actor,
    data: dict,
    documents: list[DocumentIn] = (),
    channels: list[ChannelIn] = (),
) -> Person:
    """Register a person. Field errors are raised together, keyed by field name
    (``documents.0.number``, ``channels.1.value`` for the lists); nothing is saved."""
    check_perm(actor, PeoplePerm.REGISTER)
    person = Person(**{k: v for k, v in data.items() if k in PERSON_FIELDS}, registered_by=actor)
    _set_abss(person, actor)
    errors: dict[str, list] = {}
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
def person_update(*, actor, person: Person, data: dict, expected_version: int) -> Person:
    """Rectification through a normal edit. A stale save is refused with StaleEdit whose
    ``changed`` maps each field others changed since ``expected_version`` to its value."""
    check_perm(actor, PeoplePerm.REGISTER)
    _refuse_if_restricted(person)
    original = {name: getattr(person, name) for name in PERSON_FIELDS}
    for name in PERSON_FIELDS:
        if name in data:
            setattr(person, name, data[name])
    _set_abss(person, actor)
    person.full_clean(exclude=["version"])
    changed = [name for name in PERSON_FIELDS if getattr(person, name) != original[name]]
    try:
        save_versioned(
            person,
            expected_version=expected_version,
            fields=[*PERSON_FIELDS, "abss", "updated_at"],
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
def document_add(*, actor, person: Person, document: DocumentIn) -> IdentityDocument:
    check_perm(actor, PeoplePerm.REGISTER)
    _refuse_if_restricted(person)
    number = normalise_document(document.kind, document.number)
    if person.documents.filter(kind=document.kind, number=number).exists():
        raise ValidationError(_("This document is already recorded."), code="duplicate")
    row = IdentityDocument.objects.create(person=person, kind=document.kind, number=number)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=row, person_id=person.pk)
    return row


@transaction.atomic
def channel_add(*, actor, person: Person, channel: ChannelIn) -> ContactChannel:
    check_perm(actor, PeoplePerm.REGISTER)
    _refuse_if_restricted(person)
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


# --- households ---------------------------------------------------------------------


@transaction.atomic
def household_create(*, actor, address: str = "", municipality=None) -> Household:
    check_perm(actor, PeoplePerm.REGISTER)
    household = Household.objects.create(address=address.strip(), municipality=municipality)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=household)
    return household


@transaction.atomic
def household_create_with(
    *, actor, person: Person, address: str, municipality, relationship: str, on: date
) -> Household:
    """A new household with its first member (who moves there if they lived elsewhere)."""
    _require_reach(actor, person)
    _refuse_if_restricted(person)
    household = household_create(actor=actor, address=address, municipality=municipality)
    household_member_add(
        actor=actor, household=household, person=person, relationship=relationship, on=on
    )
    return household


@transaction.atomic
def household_member_add(
    *, actor, household: Household, person: Person, relationship: str, on: date
) -> HouseholdMembership:
    """Add a person to a household from ``on``. If they live in another household, that
    membership ends the day before: a move, and the history stays."""
    check_perm(actor, PeoplePerm.REGISTER)
    _require_reach(actor, person)
    _refuse_if_restricted(person)
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
def household_member_end(*, actor, membership: HouseholdMembership, on: date):
    """The person left the household on ``on`` (the last day they lived there)."""
    check_perm(actor, PeoplePerm.REGISTER)
    _require_reach(actor, membership.person)
    _refuse_if_restricted(membership.person)
    if membership.valid_from and on < membership.valid_from:
        raise ValidationError({"on": _("The end cannot be before the start.")})
    membership.valid_until = on
    membership.save(update_fields=["valid_until"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=membership, person_id=membership.person_id
    )
    return membership


# --- consents -----------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    actor,
    person: Person,
    purpose: str,
    given_on: date,
    method: str,
    expires_on: date | None = None,
) -> Consent:
    check_perm(actor, PeoplePerm.REGISTER)
    _require_reach(actor, person)
    _refuse_if_restricted(person)
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
def consent_withdraw(*, actor, consent: Consent, on: date | None = None) -> Consent:
    check_perm(actor, PeoplePerm.REGISTER)
    _require_reach(actor, consent.person)
    _refuse_if_restricted(consent.person)
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


# --- merge --------------------------------------------------------------------------

# Relations that are not "what hangs off the person": the search index follows the
# name, merges are the history itself, and merged_into is the merge mark.
_NOT_MOVED = {
    (PersonNameToken, "person"),
    (PersonMerge, "survivor"),
    (PersonMerge, "merged"),
    (Person, "merged_into"),
}


def _person_relations():
    """(model, field name, key) for each foreign key to Person, and the M2M relations."""
    foreign, many = [], []
    for rel in Person._meta.related_objects:
        if rel.many_to_many:
            through = rel.through
            column = next(
                f.name for f in through._meta.fields if f.related_model is Person and f.concrete
            )
            owner = next(
                f.name
                for f in through._meta.fields
                if f.is_relation and f.related_model is rel.related_model
            )
            key = f"{rel.related_model._meta.label_lower}.{rel.field.name}"
            many.append((through, column, owner, key))
        elif (rel.related_model, rel.field.name) not in _NOT_MOVED:
            key = f"{rel.related_model._meta.label_lower}.{rel.field.name}"
            foreign.append((rel.related_model, rel.field.name, key))
    return foreign, many


@transaction.atomic
def person_merge(*, actor, survivor: Person, merged: Person, reason: str) -> PersonMerge:
    """Merge a duplicate into the survivor: everything that hangs off the duplicate moves
    to the survivor and is listed in PersonMerge.moved so the merge can be undone."""
    check_perm(actor, PeoplePerm.MERGE)
    reason = _require_reason(reason)
    if survivor.pk == merged.pk:
        raise ValidationError(_("Choose two different records."), code="same")
    for person in (survivor, merged):
        _require_reach(actor, person)
        _refuse_if_restricted(person)
        if person.merged_into_id:
            raise ValidationError(_("One of these records was already merged."), code="merged")
    foreign, many = _person_relations()
    moved: dict[str, list] = {}
    for model, field, key in foreign:
        rows = model.objects.filter(**{field: merged})
        if model is IdentityDocument:
            # The same document on both records: keep the survivor's, leave the copy.
            have = set(survivor.documents.values_list("kind", "number"))
            ids = [
                pk for pk, k, n in rows.values_list("pk", "kind", "number") if (k, n) not in have
            ]
        else:
            ids = list(rows.values_list("pk", flat=True))
        if ids:
            model.objects.filter(pk__in=ids).update(**{field: survivor})
            moved[key] = ids
    for through, column, owner, key in many:
        rows = through.objects.filter(**{column: merged})
        shared = set(
            through.objects.filter(**{column: survivor}).values_list(f"{owner}_id", flat=True)
        )
        keep, drop = [], []
        for pk, owner_id in rows.values_list("pk", f"{owner}_id"):
            (drop if owner_id in shared else keep).append((pk, owner_id))
        if keep:
            through.objects.filter(pk__in=[pk for pk, _ in keep]).update(**{column: survivor})
            moved[key] = [pk for pk, _ in keep]
        if drop:
            through.objects.filter(pk__in=[pk for pk, _ in drop]).delete()
            moved[f"{key}:dropped"] = [owner_id for _, owner_id in drop]
    merged.merged_into = survivor
    merged.save(update_fields=["merged_into", "updated_at"])
    index_person(merged)  # a merged record is not found any more
    merge = PersonMerge.objects.create(
        survivor=survivor, merged=merged, moved=moved, merged_by=actor, reason=reason
    )
    details = {"merge": merge.pk, "survivor": survivor.pk, "merged": merged.pk}
    for person in (survivor, merged):
        audit_record(
            actor=actor,
            action=AuditAction.MERGE,
            obj=merge,
            person_id=person.pk,
            reason=reason,
            details={**details, "moved": {k: len(v) for k, v in moved.items()}},
        )
    return merge


@transaction.atomic
def person_merge_undo(*, actor, merge: PersonMerge, reason: str) -> PersonMerge:
    """Move back exactly what the merge moved; the merged record is a record again."""
    check_perm(actor, PeoplePerm.MERGE)
    reason = _require_reason(reason)
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at:
        raise ValidationError(_("This merge was already undone."), code="undone")
    survivor, merged = merge.survivor, merge.merged
    _require_reach(actor, survivor)
    _refuse_if_restricted(survivor)
    foreign, many = _person_relations()
    for model, field, key in foreign:
        if merge.moved.get(key):
            model.objects.filter(pk__in=merge.moved[key]).update(**{field: merged})
    for through, column, owner, key in many:
        if merge.moved.get(key):
            through.objects.filter(pk__in=merge.moved[key]).update(**{column: merged})
        for owner_id in merge.moved.get(f"{key}:dropped", []):
            try:
                with transaction.atomic():
                    through.objects.create(**{f"{owner}_id": owner_id, column: merged})
            except IntegrityError:  # already back
                pass
    merged.merged_into = None
    merged.save(update_fields=["merged_into", "updated_at"])
    index_person(merged)
    merge.undone_at = timezone.now()
    merge.undone_by = actor
    merge.save(update_fields=["undone_at", "undone_by"])
    for person in (survivor, merged):
        audit_record(
            actor=actor,
            action=AuditAction.UNMERGE,
            obj=merge,
            person_id=person.pk,
            reason=reason,
            details={"merge": merge.pk},
        )
    return merge


# --- access: break the glass, review, restriction -----------------------------------


@transaction.atomic
def access_grant_open(*, actor, person: Person, reason: str) -> AccessGrant:
    """Break the glass: time-limited access with a reason, flagged to the DPO."""
    check_perm(actor, PeoplePerm.BREAK_GLASS)
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            _("Explain why you need this access now (at least 15 characters)."), code="reason"
        )
    if person.merged_into_id:
        raise ValidationError(_("This record was merged into another one."), code="merged")
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
        details={"expires_at": grant.expires_at.isoformat()},
    )
    return grant


@transaction.atomic
def access_grant_review(*, actor, grant: AccessGrant, note: str = "") -> AccessGrant:
    """The data-protection officer has looked at an emergency access."""
    check_perm(actor, PeoplePerm.VIEW_ACCESS_LOG)
    if grant.reviewed_at is None:
        grant.reviewed_at = timezone.now()
        grant.save(update_fields=["reviewed_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=grant,
            person_id=grant.person_id,
            reason=note.strip(),
            details={"reviewed": True},
        )
    return grant


@transaction.atomic
def person_restrict(*, actor, person: Person, reason: str, restricted: bool = True) -> Person:
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
