"""Households with dated memberships (moves keep the history) and consents."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.people import services
from xarxa.people.models import Consent, Household, HouseholdMembership

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 1)


def test_create_a_household_and_add_a_member(client_for, social_worker, vic):
    mother = PersonFactory(given_names="Laia")
    son = PersonFactory(given_names="Pol", birth_date=date(2015, 1, 1))
    client = client_for(social_worker.user)
    response = client.post(
        reverse("people:household_create", args=[mother.public_id]),
        {"address": "Carrer Nou 3", "municipality": vic.pk, "relationship": "reference",
         "valid_from": "2025-03-01"},
    )  # fmt: skip
    household = Household.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:household", args=[household.public_id])
    page = client.get(response["Location"], {"q": "pol vilaro"}).content.decode()
    assert f'name="person" value="{son.public_id}"' in page  # found to be added
    added = client.post(
        reverse("people:household_member_add", args=[household.public_id]),
        {"person": str(son.public_id), "relationship": "child", "valid_from": "2025-03-01"},
    )
    assert added.status_code == 302
    assert set(household.memberships.values_list("person__given_names", "relationship")) == {
        ("Laia", "reference"),
        ("Pol", "child"),
    }
    card = client.get(reverse("people:detail", args=[mother.public_id])).content.decode()
    assert reverse("people:household", args=[household.public_id]) in card


def test_moving_ends_the_previous_membership_the_day_before(social_worker):
    person = PersonFactory()
    first = services.household_create_with(
        actor=social_worker.user, person=person, address="A", municipality=None,
        relationship="reference", on=DAY,
    )  # fmt: skip
    second = services.household_create(actor=social_worker.user, address="B")
    moved_on = DAY + timedelta(days=200)
    services.household_member_add(
        actor=social_worker.user, household=second, person=person, relationship="partner",
        on=moved_on,
    )  # fmt: skip
    rows = list(HouseholdMembership.objects.filter(person=person).order_by("valid_from"))
    assert [(m.household, m.valid_from, m.valid_until) for m in rows] == [
        (first, DAY, moved_on - timedelta(days=1)),
        (second, moved_on, None),
    ]
    with pytest.raises(ValidationError):  # already there
        services.household_member_add(
            actor=social_worker.user, household=second, person=person, relationship="other",
            on=moved_on + timedelta(days=1),
        )  # fmt: skip
    with pytest.raises(ValidationError):  # a move must come after joining
        services.household_member_add(
            actor=social_worker.user, household=first, person=person, relationship="other",
            on=moved_on,
        )  # fmt: skip
    assert HouseholdMembership.objects.filter(person=person).count() == 2


def test_end_a_stay_without_moving(client_for, social_worker):
    person = PersonFactory(given_names="Laia")
    household = services.household_create_with(
        actor=social_worker.user, person=person, address="", municipality=None,
        relationship="reference", on=DAY,
    )  # fmt: skip
    membership = household.memberships.get()
    client = client_for(social_worker.user)
    url = reverse("people:household_member_end", args=[household.public_id, membership.id])
    english = {"accept-language": "en"}
    before_start = client.post(url, {"valid_until": "2025-02-01"}, follow=True, headers=english)
    assert "The end cannot be before the start." in before_start.content.decode()
    not_a_date = client.post(url, {"valid_until": "someday"}, follow=True)
    assert not_a_date.status_code == 200
    membership.refresh_from_db()
    assert membership.valid_until is None  # bad input changed nothing
    ended = client.post(url, {"valid_until": "2025-06-30"})
    assert ended.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_until == date(2025, 6, 30)
    page = client.get(reverse("people:household", args=[household.public_id]), headers=english)
    page = page.content.decode()
    assert "Nobody lives here now." in page and "Lived here before" in page
    again = client.post(url, {"valid_until": "2025-07-30"})
    assert again.status_code == 404  # a past stay cannot be ended twice
    membership.refresh_from_db()
    assert membership.valid_until == date(2025, 6, 30)


def test_household_page_masks_members_the_user_may_not_see(client_for, social_worker, manlleu):
    here = PersonFactory(given_names="Laia")
    there = PersonFactory(given_names="Amadou", municipality=manlleu, abss=None)
    household = services.household_create_with(
        actor=social_worker.user, person=here, address="", municipality=None,
        relationship="reference", on=DAY,
    )  # fmt: skip
    HouseholdMembership.objects.create(
        household=household, person=there, relationship="partner", valid_from=DAY
    )
    page = client_for(social_worker.user).get(
        reverse("people:household", args=[household.public_id])
    )
    assert page.status_code == 200
    assert "Laia" in page.content.decode() and "Amadou" not in page.content.decode()


def test_household_of_nobody_you_see_is_forbidden(client_for, other_abss_worker, social_worker):
    person = PersonFactory()
    household = services.household_create_with(
        actor=social_worker.user, person=person, address="Secret 1", municipality=None,
        relationship="reference", on=DAY,
    )  # fmt: skip
    client = client_for(other_abss_worker.user)
    page = client.get(reverse("people:household", args=[household.public_id]))
    assert page.status_code == 404 and b"Secret 1" not in page.content
    added = client.post(
        reverse("people:household_member_add", args=[household.public_id]),
        {"person": str(person.public_id), "relationship": "child", "valid_from": "2025-03-01"},
    )
    assert added.status_code == 404
    assert household.memberships.count() == 1
    membership = household.memberships.get()
    ended = client.post(
        reverse("people:household_member_end", args=[household.public_id, membership.id]),
        {"valid_until": "2025-06-30"},
    )
    assert ended.status_code == 404
    membership.refresh_from_db()
    assert membership.valid_until is None
    assert AuditEvent.objects.filter(
        actor=other_abss_worker.user, action=AuditAction.DENIED
    ).exists()
    with pytest.raises(PermissionDenied):
        services.household_create_with(
            actor=other_abss_worker.user, person=person, address="", municipality=None,
            relationship="reference", on=DAY,
        )  # fmt: skip


def test_record_and_withdraw_a_consent(client_for, social_worker):
    person = PersonFactory()
    client = client_for(social_worker.user)
    url = reverse("people:consent_add", args=[person.public_id])
    bad = client.post(url, {"purpose": "share_health", "given_on": "2025-03-01",
                            "method": "written", "expires_on": "2025-01-01"})  # fmt: skip
    assert bad.status_code == 200 and 'id="id_expires_on_error"' in bad.content.decode()
    assert not Consent.objects.exists()
    ok = client.post(url, {"purpose": "share_health", "given_on": "2025-03-01",
                           "method": "written", "expires_on": "2027-01-01"})  # fmt: skip
    assert ok.status_code == 302
    consent = Consent.objects.get()
    assert consent.recorded_by == social_worker.user
    assert consent.is_active_on(date(2026, 1, 1))
    withdraw = reverse("people:consent_withdraw", args=[person.public_id, consent.pk])
    assert client.post(withdraw).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    assert not consent.is_active_on(timezone.localdate())
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=social_worker.user, consent=consent)
    actions = AuditEvent.objects.filter(person_id=str(person.pk)).values_list("action", flat=True)
    assert {AuditAction.CREATE, AuditAction.UPDATE} <= set(actions)


def test_consents_of_someone_out_of_reach_cannot_be_touched(client_for, other_abss_worker):
    person = PersonFactory()
    consent = Consent.objects.create(
        person=person, purpose="share_health", given_on=DAY, method="verbal",
        recorded_by=other_abss_worker.user,
    )  # fmt: skip
    client = client_for(other_abss_worker.user)
    assert client.post(
        reverse("people:consent_add", args=[person.public_id]),
        {"purpose": "share_omnia", "given_on": "2025-03-01", "method": "verbal"},
    ).status_code == 404  # fmt: skip
    assert client.post(
        reverse("people:consent_withdraw", args=[person.public_id, consent.pk])
    ).status_code == 404  # fmt: skip
    consent.refresh_from_db()
    assert consent.withdrawn_on is None and Consent.objects.count() == 1
