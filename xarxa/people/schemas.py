"""The API's shapes for persons, households and consents, declared once.

The person's own fields come from ``PERSON_FIELDS`` (the list the forms use too), their
types from the model; only the municipality differs: the API names it by INE code."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import models
from ninja import Schema
from pydantic import create_model

from xarxa.core.schemas import In, model_choice, model_text
from xarxa.people.models import (
    PERSON_FIELDS,
    Consent,
    ContactChannel,
    HouseholdMembership,
    IdentityDocument,
    Person,
)

_OWN_FIELDS = [name for name in PERSON_FIELDS if name != "municipality"]


def _python_type(field: models.Field[Any, Any]) -> type:
    if isinstance(field, models.DateField):
        return date
    if isinstance(field, models.BooleanField):
        return bool
    return str


def _person_schema(name: str, *, mode: str) -> type[Schema]:
    """A schema of the person's own fields. ``out``: as stored; ``in``: the model's
    defaults for what may be left out; ``patch``: everything optional."""
    fields: dict[str, Any] = {}
    for field_name in _OWN_FIELDS:
        field = Person._meta.get_field(field_name)
        assert isinstance(field, models.Field)
        base = _python_type(field)
        kind: Any = base
        if mode != "out" and field.choices:
            kind = model_choice(Person, field_name)  # an invented value is a 422
        elif mode != "out" and base is str and field.max_length:
            kind = model_text(Person, field_name)  # too long is a 422 naming the limit
        if field.null:
            kind = kind | None
        if mode == "patch":
            # Left out: unchanged. Null only where the record can hold none (a text field is
            # emptied with "", never null).
            fields[field_name] = (kind, None)
        elif mode == "in" and (field.blank or field.has_default()):
            default = field.get_default() if field.has_default() else ("" if base is str else None)
            fields[field_name] = (kind, default)
        else:
            fields[field_name] = (kind, ...)
    base = Schema if mode == "out" else In
    schema: type[Schema] = create_model(name, __base__=base, **fields)
    return schema


PersonFieldsOut = _person_schema("PersonFieldsOut", mode="out")
PersonFieldsIn = _person_schema("PersonFieldsIn", mode="in")
PersonFieldsPatch = _person_schema("PersonFieldsPatch", mode="patch")


class PersonSummaryOut(Schema):
    public_id: UUID
    name: str
    age: int | None
    municipality: str | None
    abss: str | None

    @staticmethod
    def resolve_name(person: Person) -> str:
        return person.display_name

    @staticmethod
    def resolve_municipality(person: Person) -> str | None:
        return person.municipality.name if person.municipality else None

    @staticmethod
    def resolve_abss(person: Person) -> str | None:
        return person.abss.code if person.abss else None


class DocumentSchema(In):
    kind: model_choice(IdentityDocument, "kind")  # type: ignore[valid-type]
    number: str


class ChannelSchema(In):
    kind: model_choice(ContactChannel, "kind")  # type: ignore[valid-type]
    value: str
    may_contact: bool = False


class PersonOut(PersonFieldsOut):  # type: ignore[misc,valid-type]
    public_id: UUID
    version: int
    municipality: str | None  # INE code
    abss: str | None
    is_minor: bool
    restricted: bool
    merged_into: UUID | None
    documents: list[DocumentSchema]
    channels: list[ChannelSchema]

    @staticmethod
    def resolve_municipality(person: Person) -> str | None:
        return person.municipality.ine_code if person.municipality else None

    @staticmethod
    def resolve_abss(person: Person) -> str | None:
        return person.abss.code if person.abss else None

    @staticmethod
    def resolve_restricted(person: Person) -> bool:
        return person.is_restricted

    @staticmethod
    def resolve_merged_into(person: Person) -> UUID | None:
        return person.merged_into.public_id if person.merged_into is not None else None

    @staticmethod
    def resolve_documents(person: Person) -> list[IdentityDocument]:
        return list(person.documents.all())

    @staticmethod
    def resolve_channels(person: Person) -> list[ContactChannel]:
        return list(person.channels.all())


class PersonIn(PersonFieldsIn):  # type: ignore[misc,valid-type]
    municipality: str | None = None  # INE code, e.g. "08298"
    documents: list[DocumentSchema] = []
    channels: list[ChannelSchema] = []
    confirm_new: bool = False  # "none of the possible duplicates is this person"


class PersonPatch(PersonFieldsPatch):  # type: ignore[misc,valid-type]
    version: int
    municipality: str | None = None


class DuplicateOut(Schema):
    """A likely existing record: who it is when the caller may see them, else only why."""

    public_id: str | None
    name: str | None = None
    why: str
    elsewhere: bool | None = None


class MembershipOut(Schema):
    household: UUID
    address: str
    municipality: str | None
    relationship: str
    valid_from: date | None
    valid_until: date | None

    @staticmethod
    def resolve_household(membership: HouseholdMembership) -> UUID:
        return membership.household.public_id

    @staticmethod
    def resolve_address(membership: HouseholdMembership) -> str:
        return membership.household.address

    @staticmethod
    def resolve_municipality(membership: HouseholdMembership) -> str | None:
        municipality = membership.household.municipality
        return municipality.ine_code if municipality else None


class StayEndIn(In):
    valid_until: date


class MembershipIn(In):
    household: UUID | None = None  # an existing household; none creates a new one
    address: str = ""
    municipality: str | None = None
    relationship: model_choice(HouseholdMembership, "relationship")  # type: ignore[valid-type]
    valid_from: date


class EmergencyAccessIn(In):
    reason_kind: str  # one of people.models.EmergencyReason
    reason: str


class ProtectionIn(In):
    protection: str  # "", gender_violence or relocated_victim
    reason: str


class GrantReviewIn(In):
    outcome: str  # justified / not_justified
    follow_up: str = ""


class GrantOut(Schema):
    id: int
    person: UUID
    reason_kind: str
    reason: str
    pending: bool
    expires_at: datetime
    outcome: str
    follow_up: str

    @staticmethod
    def resolve_person(grant: Any) -> UUID:
        return UUID(str(grant.person.public_id))


class ConsentIn(In):
    purpose: model_choice(Consent, "purpose")  # type: ignore[valid-type]
    given_on: date
    method: model_choice(Consent, "method")  # type: ignore[valid-type]
    expires_on: date | None = None


class ConsentOut(Schema):
    id: int
    purpose: str
    given_on: date
    method: str
    expires_on: date | None
    withdrawn_on: date | None
