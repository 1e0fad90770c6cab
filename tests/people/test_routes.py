"""Every people page, persona by persona: allowed, forbidden (audited, nothing leaked),
and a forbidden write changes nothing. Also the card's masking and marks."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.organisations.models import Team
from xarxa.people import services
from xarxa.people.models import AccessGrant, Person, PersonMerge
from xarxa.records.models import CaseFile, CaseParticipant
from xarxa.territory.models import Abss

pytestmark = pytest.mark.django_db

PERSONAS = [
    "social_worker", "teammate", "coordinator", "other_abss_worker", "facilitator", "dpo", "admin"
]  # fmt: skip
CASEWORK = {"social_worker", "teammate", "coordinator"}
READERS = CASEWORK | {"dpo"}


@pytest.fixture
def world(personas, coordinator, social_worker):
    person = PersonFactory(given_names="Secretina")
    duplicate = PersonFactory(given_names="Secretina", first_surname="Vilaro")
    household = services.household_create_with(
        actor=social_worker.user, person=person, address="Carrer Amagat 1", municipality=None,
        relationship="reference", on=date(2025, 1, 1),
    )  # fmt: skip
    merge = PersonMerge.objects.create(
        survivor=person, merged=duplicate, merged_by=coordinator.user, reason="x" * 20,
        undone_at=timezone.now(), undone_by=coordinator.user,
    )  # fmt: skip
    grant = AccessGrant.objects.create(
        person=person, user=social_worker.user, reason="y" * 20, expires_at=timezone.now()
    )
    return {
        "personas": {**personas, "coordinator": coordinator},
        "person": person,
        "household": household,
        "merge": merge,
        "grant": grant,
    }


def pages(world):
    p = world["person"].public_id
    return {
        reverse("people:search") + "?q=secretina": {*READERS, "other_abss_worker"},
        reverse("people:register"): {*CASEWORK, "other_abss_worker"},
        reverse("people:detail", args=[p]): READERS,
        reverse("people:edit", args=[p]): CASEWORK,
        reverse("people:contacts", args=[p]): CASEWORK,
        reverse("people:household_create", args=[p]): CASEWORK,
        reverse("people:consent_add", args=[p]): CASEWORK,
        reverse("people:household", args=[world["household"].public_id]): READERS,
        reverse("people:merge", args=[p]): {"coordinator"},
        reverse("people:merge_undo", args=[world["merge"].pk]): {"coordinator"},
        reverse("people:emergency_access", args=[p]): {*CASEWORK, "other_abss_worker"},
        reverse("people:emergency_reviews"): {"dpo"},
        reverse("people:emergency_approvals"): {"coordinator", "dpo"},
        reverse("people:access_log", args=[p]): {"dpo"},
        reverse("subject_access:export", args=[p, "json"]): {"dpo"},
    }


def refused(world, persona, url):
    """404 for a record outside the persona's reach (answered as an unknown id), 403 for
    a page their role does not open."""
    p = world["person"].public_id
    records = {
        reverse(name, args=[p])
        for name in ("people:detail", "people:edit", "people:contacts",
                     "people:household_create", "people:consent_add")
    } | {reverse("people:household", args=[world["household"].public_id])}  # fmt: skip
    return 404 if persona == "other_abss_worker" and url in records else 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_by_persona(client_for, world, persona):
    user = world["personas"][persona].user
    client = client_for(user)
    for url, allowed in pages(world).items():
        before = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
        response = client.get(url)
        expected = 200 if persona in allowed else refused(world, persona, url)
        assert response.status_code == expected, (persona, url)
        if expected != 200:
            assert b"Secretina" not in response.content and b"Amagat" not in response.content
            after = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
            assert after == before + 1, (persona, url)


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - CASEWORK))
def test_forbidden_writes_change_nothing(client_for, world, persona):
    person = world["person"]
    client = client_for(world["personas"][persona].user)
    p = person.public_id
    posts = {
        reverse("people:edit", args=[p]): {"given_names": "Changed", "sex": "F", "version": 1},
        reverse("people:contacts", args=[p]): {"add_channel": "1", "channel-kind": "email",
                                               "channel-value": "x@example.org"},
        reverse("people:consent_add", args=[p]): {"purpose": "share_health", "method": "verbal",
                                                  "given_on": "2025-01-01"},
        reverse("people:household_create", args=[p]): {"relationship": "reference",
                                                       "valid_from": "2025-06-01"},
        reverse("people:merge", args=[p]) + f"?other={world['merge'].merged.public_id}": {
            "reason": "Mateixa persona, mateix document"},
        reverse("people:household_member_end", args=[
            world["household"].public_id, person.memberships.get().pk]): {
            "valid_until": "2025-06-01"},
    }  # fmt: skip
    if persona != "dpo":
        posts[reverse("people:restrict", args=[p])] = {"restricted": "1", "reason": "Petició"}
    for url, data in posts.items():
        assert client.post(url, data).status_code in (403, 404), url  # 404: out of reach
    person.refresh_from_db()
    assert (person.given_names, person.version, person.restricted_at) == ("Secretina", 1, None)
    assert not person.channels.exists() and not person.consents.exists()
    assert person.memberships.count() == 1
    assert person.memberships.get().valid_until is None
    assert PersonMerge.objects.count() == 1


def test_card_shows_identity_contacts_households_and_consents(client_for, social_worker, vic):
    person = PersonFactory(birth_date=date(2015, 6, 1), gender_identity="Dona trans")
    services.channel_add(
        actor=social_worker.user, person=person,
        channel=services.ChannelIn("mobile", "612 345 678", True),
    )  # fmt: skip
    services.consent_record(
        actor=social_worker.user, person=person, purpose="share_health",
        given_on=date(2025, 1, 1), method="guardian",
    )  # fmt: skip
    response = client_for(social_worker.user).get(reverse("people:detail", args=[person.public_id]))
    page = response.content.decode()
    assert "612 345 678" in page
    assert 'class="tag"' in page  # a minor is marked
    assert "Dona trans" not in page  # special category, masked for a non-reference worker
    assert AuditEvent.objects.filter(
        actor=social_worker.user, action=AuditAction.READ, person_id=str(person.pk)
    ).exists()
    assert 'id="records-title"' in page  # the records slot is filled


def test_gender_identity_shows_to_the_reference_professional(client_for, social_worker):
    person = PersonFactory(gender_identity="Dona trans")
    case = CaseFile.objects.create(
        number="VIC-2025-000009", person=person, abss=Abss.objects.get(code="ABSS-VIC"),
        team=Team.objects.get(name="SSB Vic"), municipality=person.municipality,
        reference_professional=social_worker.user, opened_on=date(2025, 1, 1),
    )  # fmt: skip
    CaseParticipant.objects.create(case=case, person=person)
    page = client_for(social_worker.user).get(reverse("people:detail", args=[person.public_id]))
    assert "Dona trans" in page.content.decode()


def test_card_query_count_does_not_grow_with_history(
    client_for, social_worker, django_assert_max_num_queries
):
    person = PersonFactory()
    client = client_for(social_worker.user)
    url = reverse("people:detail", args=[person.public_id])
    client.get(url)
    for i in range(15):
        services.household_create_with(
            actor=social_worker.user, person=person, address=f"Carrer {i}", municipality=None,
            relationship="reference", on=date(2000 + i, 1, 1),
        )  # fmt: skip
        services.consent_record(
            actor=social_worker.user, person=person, purpose="share_health",
            given_on=date(2000 + i, 1, 1), method="verbal",
        )  # fmt: skip
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200
    assert Person.objects.get(pk=person.pk).memberships.count() == 15
