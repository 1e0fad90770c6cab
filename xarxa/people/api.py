"""Persons, households and consents under /api/v1/persons: the same selectors and
services as the pages, so the same access rules and the same audit rows. Refusals
propagate to the central error kit (``xarxa.core.errors``)."""

from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Router, Status

from xarxa.accounts.reauth import recent_password_required
from xarxa.core.errors import Conflict
from xarxa.core.types import ApiRequest
from xarxa.people import selectors, services
from xarxa.people.models import AccessGrant, Consent, HouseholdMembership, Person
from xarxa.people.schemas import (
    ConsentIn,
    ConsentOut,
    DuplicateOut,
    EmergencyAccessIn,
    GrantOut,
    GrantReviewIn,
    MembershipIn,
    MembershipOut,
    PersonIn,
    PersonOut,
    PersonPatch,
    PersonSummaryOut,
    ProtectionIn,
    StayEndIn,
)

router = Router(tags=["people"])


@router.get("", response=list[PersonSummaryOut])
def search(request: ApiRequest, q: str = "", limit: int = 25) -> list[Person]:
    """Persons you may see matching a name, document number, phone or birth date."""
    return selectors.person_search_for(request.auth, q, limit=max(1, min(limit, 100)))


@router.post("", response={201: PersonOut})
def register(request: ApiRequest, payload: PersonIn) -> Status:
    """Register a person. Likely duplicates answer 409 with the matches the caller may
    see; send ``confirm_new: true`` once checked that none is this person."""
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
            raise Conflict(
                _("This person may already be registered"),
                duplicates=[
                    DuplicateOut(
                        public_id=str(d.person.public_id), name=d.person.full_name, why=d.why
                    ).model_dump(exclude_none=True)
                    if d.person
                    else DuplicateOut(public_id=None, why=d.why, elsewhere=True).model_dump(
                        exclude={"name"}
                    )
                    for d in duplicates
                ],
            )
    person = services.person_register(
        actor=request.auth,
        data=payload.dict(exclude={"documents", "channels", "confirm_new"}),
        documents=[services.DocumentIn(d.kind, d.number) for d in payload.documents],
        channels=[services.ChannelIn(c.kind, c.value, c.may_contact) for c in payload.channels],
    )
    return Status(201, person)


@router.get("/emergency-access/pending", response=list[GrantOut])
def emergency_pending(request: ApiRequest) -> list[AccessGrant]:
    """Emergency accesses to protected persons waiting for your approval."""
    return list(selectors.access_grants_pending_for(request.auth)[:100])


@router.get("/emergency-access/unreviewed", response=list[GrantOut])
def emergency_unreviewed(request: ApiRequest) -> list[AccessGrant]:
    """Emergency accesses the data-protection officer has not reviewed yet (oldest 100)."""
    return list(selectors.access_grants_unreviewed_for(request.auth)[:100])


@router.post("/emergency-access/{int:grant_id}/approve", response=GrantOut)
def emergency_approve(request: ApiRequest, grant_id: int) -> AccessGrant:
    """Second person's approval of an emergency access to a protected person."""
    grant = selectors.access_grant_pending_get_for(request.auth, grant_id)
    return services.access_grant_approve(actor=request.auth, grant=grant)


@router.post("/emergency-access/{int:grant_id}/review", response=GrantOut)
def emergency_review(request: ApiRequest, grant_id: int, payload: GrantReviewIn) -> AccessGrant:
    """The data-protection officer's review: ``justified`` or ``not_justified`` with the
    ``follow_up``."""
    grant = selectors.access_grant_get_for(request.auth, grant_id)
    return services.access_grant_review(
        actor=request.auth, grant=grant, outcome=payload.outcome, follow_up=payload.follow_up
    )


@router.get("/households/{uuid:public_id}", response=list[MembershipOut])
def household(request: ApiRequest, public_id: UUID) -> list[HouseholdMembership]:
    """Who lives or lived in a household (members you may not see are left out)."""
    view = selectors.household_get_for(request.auth, public_id)
    return [m for m, visible in view.memberships if visible]


@router.get("/{uuid:public_id}", response=PersonOut)
def detail(request: ApiRequest, public_id: UUID) -> Person:
    return selectors.person_get_for(request.auth, public_id).person


@router.patch("/{uuid:public_id}", response=PersonOut)
def update(request: ApiRequest, public_id: UUID, payload: PersonPatch) -> Person:
    """Change some fields. ``version`` is the one you read; if someone saved since, the
    answer is 409 listing the fields they changed, and nothing is saved."""
    view = selectors.person_writable_for(request.auth, public_id)
    return services.person_update(
        actor=request.auth,
        person=view.person,
        data=payload.dict(exclude={"version"}, exclude_unset=True),
        expected_version=payload.version,
    )


@router.get("/{uuid:public_id}/households", response=list[MembershipOut])
def households(request: ApiRequest, public_id: UUID) -> list[HouseholdMembership]:
    """The person's households, current and past."""
    view = selectors.person_get_for(request.auth, public_id)
    return selectors.person_memberships_for(request.auth, view.person)


@router.post("/{uuid:public_id}/households", response={201: list[MembershipOut]})
def household_join(request: ApiRequest, public_id: UUID, payload: MembershipIn) -> Status:
    """Add the person to a household (a new one when ``household`` is empty). If they
    live elsewhere now, that stay ends the day before ``valid_from``."""
    view = selectors.person_writable_for(request.auth, public_id)
    if payload.household:
        target = selectors.household_get_for(request.auth, payload.household)
        services.household_member_add(
            actor=request.auth,
            household=target.household,
            person=view.person,
            relationship=payload.relationship,
            on=payload.valid_from,
        )
    else:
        services.household_create_with(
            actor=request.auth,
            person=view.person,
            address=payload.address,
            municipality=payload.municipality,
            relationship=payload.relationship,
            on=payload.valid_from,
        )
    return Status(201, selectors.person_memberships_for(request.auth, view.person))


@router.post(
    "/{uuid:public_id}/households/{uuid:household_public_id}/end", response=list[MembershipOut]
)
def household_leave(
    request: ApiRequest, public_id: UUID, household_public_id: UUID, payload: StayEndIn
) -> list[HouseholdMembership]:
    """The person no longer lives in that household (without moving anywhere known):
    ``valid_until`` is the last day they lived there."""
    view = selectors.person_writable_for(request.auth, public_id)
    household = selectors.household_get_for(request.auth, household_public_id)
    membership = selectors.household_stay_for(request.auth, household, person_id=view.person.pk)
    services.household_member_end(actor=request.auth, membership=membership, on=payload.valid_until)
    return selectors.person_memberships_for(request.auth, view.person)


@router.post("/{uuid:public_id}/emergency-access", response={201: GrantOut})
@recent_password_required
def emergency_access(request: ApiRequest, public_id: UUID, payload: EmergencyAccessIn) -> Status:
    """Emergency access for 4 hours, read only, with ``reason_kind`` (a choice) and a
    ``reason`` in words. A protected person's grant waits (``pending``) for a second
    person. Over the weekly cap: 429."""
    person = selectors.person_for_emergency_access(request.auth, public_id)
    grant = services.access_grant_open(
        actor=request.auth, person=person, reason=payload.reason, reason_kind=payload.reason_kind
    )
    return Status(201, grant)


@router.post("/{uuid:public_id}/protection", response=PersonOut)
def protection(request: ApiRequest, public_id: UUID, payload: ProtectionIn) -> Person:
    """Flag the person as protected (``gender_violence``, ``relocated_victim``) or not
    (``""``): an emergency access to their file then needs a second person."""
    view = selectors.person_get_for(request.auth, public_id)
    return services.person_protection_set(
        actor=request.auth, person=view.person, protection=payload.protection, reason=payload.reason
    )


@router.post("/{uuid:public_id}/consents", response={201: ConsentOut})
def consent_add(request: ApiRequest, public_id: UUID, payload: ConsentIn) -> Status:
    view = selectors.person_writable_for(request.auth, public_id)
    consent: Consent = services.consent_record(
        actor=request.auth, person=view.person, **payload.dict()
    )
    return Status(201, consent)
