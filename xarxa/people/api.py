"""Persons, households and consents under /api/v1/persons: the same selectors and
services as the pages, so the same access rules and the same audit rows."""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError

from xarxa.core.concurrency import StaleEdit
from xarxa.core.errors import problem
from xarxa.people import selectors, services
from xarxa.people.models import Household, Person
from xarxa.people.subject_access import subject_access_response
from xarxa.territory.models import Municipality

router = Router(tags=["people"])


class PersonSummaryOut(Schema):
    public_id: UUID
    name: str
    age: int | None
    municipality: str | None
    abss: str | None


class DocumentSchema(Schema):
    kind: str
    number: str


class ChannelSchema(Schema):
    kind: str
    value: str
    may_contact: bool = False


class PersonOut(Schema):
    public_id: UUID
    version: int
    given_names: str
    first_surname: str
    second_surname: str
    used_name: str
    birth_date: date | None
    birth_date_approximate: bool
    sex: str
    nationality: str
    contact_language: str
    address: str
    postal_code: str
    municipality: str | None  # INE code
    abss: str | None
    is_minor: bool
    restricted: bool
    merged_into: UUID | None
    documents: list[DocumentSchema]
    channels: list[ChannelSchema]


class PersonIn(Schema):
    given_names: str
    first_surname: str = ""
    second_surname: str = ""
    used_name: str = ""
    birth_date: date | None = None
    birth_date_approximate: bool = False
    sex: str = "U"
    nationality: str = ""
    contact_language: str = ""
    address: str = ""
    postal_code: str = ""
    municipality: str | None = None  # INE code, e.g. "08298"
    documents: list[DocumentSchema] = []
    channels: list[ChannelSchema] = []
    confirm_new: bool = False  # "none of the possible duplicates is this person"


class PersonPatch(Schema):
    version: int
    given_names: str | None = None
    first_surname: str | None = None
    second_surname: str | None = None
    used_name: str | None = None
    birth_date: date | None = None
    birth_date_approximate: bool | None = None
    sex: str | None = None
    nationality: str | None = None
    contact_language: str | None = None
    address: str | None = None
    postal_code: str | None = None
    municipality: str | None = None


class MembershipOut(Schema):
    household: UUID
    address: str
    municipality: str | None
    relationship: str
    valid_from: date | None
    valid_until: date | None


class StayEndIn(Schema):
    valid_until: date


class MembershipIn(Schema):
    household: UUID | None = None  # an existing household; none creates a new one
    address: str = ""
    municipality: str | None = None
    relationship: str
    valid_from: date


class ConsentIn(Schema):
    purpose: str
    given_on: date
    method: str
    expires_on: date | None = None


class ConsentOut(Schema):
    id: int
    purpose: str
    given_on: date
    method: str
    expires_on: date | None
    withdrawn_on: date | None


def _problem(request, status: int, title: str, **extra):
    return problem(request, status, title, **extra)


def _invalid(error: ValidationError, where: str = "body"):
    """A service refusal as the API's own 422 problem document, field by field."""
    if hasattr(error, "error_dict"):
        items = error.message_dict.items()
    else:
        items = [("__all__", error.messages)]
    errors = [
        {"loc": [where, *field.split(".")], "msg": message, "type": "value_error"}
        for field, messages in items
        for message in messages
    ]
    return NinjaValidationError(errors)


def _municipality(ine_code: str | None, field: str = "municipality"):
    if not ine_code:
        return None
    found = Municipality.objects.filter(ine_code=ine_code).first()
    if found is None:
        raise _invalid(ValidationError({field: ["Unknown municipality code."]}))
    return found


def _summary(person: Person) -> dict:
    return {
        "public_id": person.public_id,
        "name": person.display_name,
        "age": person.age,
        "municipality": person.municipality.name if person.municipality else None,
        "abss": person.abss.code if person.abss else None,
    }


def _person_out(person: Person) -> dict:
    merged = Person.objects.filter(pk=person.merged_into_id).values_list("public_id", flat=True)
    return {
        **{
            name: getattr(person, name)
            for name in (
                "public_id",
                "version",
                "given_names",
                "first_surname",
                "second_surname",
                "used_name",
                "birth_date",
                "birth_date_approximate",
                "sex",
                "nationality",
                "contact_language",
                "address",
                "postal_code",
                "is_minor",
            )
        },
        "municipality": person.municipality.ine_code if person.municipality else None,
        "abss": person.abss.code if person.abss else None,
        "restricted": person.is_restricted,
        "merged_into": merged.first() if person.merged_into_id else None,
        "documents": [{"kind": d.kind, "number": d.number} for d in person.documents.all()],
        "channels": [
            {"kind": c.kind, "value": c.value, "may_contact": c.may_contact}
            for c in person.channels.all()
        ],
    }


def _writable(request, public_id):
    view = selectors.person_get_for(request.auth, public_id)
    if not view.access.reads_records:
        raise selectors.deny_person(request.auth, view.person)
    return view


@router.get("", response=list[PersonSummaryOut])
def search(request, q: str = "", limit: int = 25):
    """Persons you may see matching a name, document number, phone or birth date."""
    found = selectors.person_search_for(request.auth, q, limit=max(1, min(limit, 100)))
    return [_summary(p) for p in found]


@router.post("", response={201: PersonOut})
def register(request, payload: PersonIn):
    """Register a person. Likely duplicates answer 409 with the matches the caller may
    see; send ``confirm_new: true`` once checked that none is this person."""
    data = payload.dict(exclude={"documents", "channels", "confirm_new"})
    data["municipality"] = _municipality(payload.municipality)
    if not payload.confirm_new:
        duplicates = selectors.person_duplicates(
            request.auth,
            given_names=payload.given_names,
            first_surname=payload.first_surname,
            second_surname=payload.second_surname,
            birth_date=payload.birth_date,
            documents=[d.number for d in payload.documents],
            phones=[c.value for c in payload.channels],
        )
        if duplicates:
            return _problem(
                request,
                409,
                "This person may already be registered",
                duplicates=[
                    {"public_id": str(d.person.public_id), "name": d.person.full_name, "why": d.why}
                    if d.person
                    else {"public_id": None, "why": d.why, "elsewhere": True}
                    for d in duplicates
                ],
            )
    try:
        person = services.person_register(
            actor=request.auth,
            data=data,
            documents=[services.DocumentIn(d.kind, d.number) for d in payload.documents],
            channels=[services.ChannelIn(c.kind, c.value, c.may_contact) for c in payload.channels],
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _person_out(person))


@router.get("/households/{uuid:public_id}", response=list[MembershipOut])
def household(request, public_id: UUID):
    """Who lives or lived in a household (members you may not see are left out)."""
    view = selectors.household_get_for(request.auth, public_id)
    return [_membership_out(m, view.household) for m, visible in view.memberships if visible]


@router.get("/{uuid:public_id}/export")
def export(request, public_id: UUID, format: str = "json"):
    """Everything held about the person (right of access): JSON, or `format=pdf`.
    Data-protection officer only; audited."""
    return subject_access_response(request.auth, public_id, format)


@router.get("/{uuid:public_id}", response=PersonOut)
def detail(request, public_id: UUID):
    view = selectors.person_get_for(request.auth, public_id)
    return _person_out(view.person)


@router.patch("/{uuid:public_id}", response=PersonOut)
def update(request, public_id: UUID, payload: PersonPatch):
    """Change some fields. ``version`` is the one you read; if someone saved since, the
    answer is 409 listing the fields they changed, and nothing is saved."""
    view = _writable(request, public_id)
    data = payload.dict(exclude={"version"}, exclude_unset=True)
    if "municipality" in data:
        data["municipality"] = _municipality(data["municipality"])
    try:
        person = services.person_update(
            actor=request.auth,
            person=view.person,
            data=data,
            expected_version=payload.version,
        )
    except StaleEdit as stale:
        return _problem(
            request,
            409,
            str(stale),
            version=stale.current.version,
            changed={
                name: value.pk if hasattr(value, "pk") else value
                for name, value in stale.changed.items()
            },
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return _person_out(person)


def _membership_out(membership, household) -> dict:
    return {
        "household": household.public_id,
        "address": household.address,
        "municipality": household.municipality.ine_code if household.municipality else None,
        "relationship": membership.relationship,
        "valid_from": membership.valid_from,
        "valid_until": membership.valid_until,
    }


def _memberships(person: Person) -> list[dict]:
    rows = person.memberships.select_related("household__municipality").order_by(
        "-valid_from", "-id"
    )
    return [_membership_out(m, m.household) for m in rows]


@router.get("/{uuid:public_id}/households", response=list[MembershipOut])
def households(request, public_id: UUID):
    """The person's households, current and past."""
    view = selectors.person_get_for(request.auth, public_id)
    return _memberships(view.person)


@router.post("/{uuid:public_id}/households", response={201: list[MembershipOut]})
def household_join(request, public_id: UUID, payload: MembershipIn):
    """Add the person to a household (a new one when ``household`` is empty). If they
    live elsewhere now, that stay ends the day before ``valid_from``."""
    view = _writable(request, public_id)
    try:
        if payload.household:
            target = Household.objects.filter(public_id=payload.household).first()
            if target is None:
                raise Http404
            selectors.household_get_for(request.auth, target.public_id)
            services.household_member_add(
                actor=request.auth,
                household=target,
                person=view.person,
                relationship=payload.relationship,
                on=payload.valid_from,
            )
        else:
            services.household_create_with(
                actor=request.auth,
                person=view.person,
                address=payload.address,
                municipality=_municipality(payload.municipality),
                relationship=payload.relationship,
                on=payload.valid_from,
            )
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _memberships(view.person))


@router.post(
    "/{uuid:public_id}/households/{uuid:household_public_id}/end", response=list[MembershipOut]
)
def household_leave(request, public_id: UUID, household_public_id: UUID, payload: StayEndIn):
    """The person no longer lives in that household (without moving anywhere known):
    ``valid_until`` is the last day they lived there."""
    view = _writable(request, public_id)
    household = selectors.household_get_for(request.auth, household_public_id)
    membership = next(
        (
            m
            for m, _visible in household.memberships
            if m.person_id == view.person.pk and m.valid_until is None
        ),
        None,
    )
    if membership is None:
        raise Http404
    try:
        services.household_member_end(
            actor=request.auth, membership=membership, on=payload.valid_until
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return _memberships(view.person)


@router.post("/{uuid:public_id}/consents", response={201: ConsentOut})
def consent_add(request, public_id: UUID, payload: ConsentIn):
    view = _writable(request, public_id)
    try:
        consent = services.consent_record(actor=request.auth, person=view.person, **payload.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, consent)
