"""Who a case file covers changes over time; the opener chooses the reference
professional. Through the pages and the API, with what is refused."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.people.models import Household, HouseholdMembership
from xarxa.records import services
from xarxa.records.models import CaseFile, CaseParticipant, TimelineEntry

pytestmark = pytest.mark.django_db

ENGLISH = {"accept-language": "en"}


@pytest.fixture
def family(social_worker):
    """A mother and her son living together; the case file is the mother's own."""
    mother, son = PersonFactory(given_names="Laia"), PersonFactory(given_names="Pau")
    household = Household.objects.create(municipality=mother.municipality)
    for member, relationship in ((mother, "reference"), (son, "child")):
        HouseholdMembership.objects.create(
            household=household,
            person=member,
            relationship=relationship,
            valid_from=date(2020, 1, 1),
        )
    case = services.case_open(actor=social_worker.user, person=mother, opened_on=date(2024, 1, 10))
    return mother, son, case


def test_add_someone_who_lives_with_them_then_remove_them(client_for, social_worker, family):
    mother, son, case = family
    client = client_for(social_worker.user)
    page = client.get(reverse("records:case_detail", args=[case.public_id])).content.decode()
    assert f'value="{son.public_id}"' in page  # offered: lives with the mother
    added = client.post(
        reverse("records:participant_add", args=[case.public_id]),
        {"person": str(son.public_id), "on": "2024-03-01"},
    )
    assert added.status_code == 302
    joined = CaseParticipant.objects.get(case=case, person=son)
    assert joined.valid_from == date(2024, 3, 1) and joined.valid_until is None
    assert TimelineEntry.objects.filter(person=son, kind="case.joined").exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, person_id=str(son.pk), details__event="joined"
    ).exists()

    end_url = reverse("records:participant_end", args=[case.public_id, joined.pk])
    too_early = client.post(end_url, {"on": "2024-02-01"}, follow=True, headers=ENGLISH)
    assert "The date cannot be before the person joined." in too_early.content.decode()
    joined.refresh_from_db()
    assert joined.valid_until is None
    ended = client.post(end_url, {"on": "2024-06-30"})
    assert ended.status_code == 302
    joined.refresh_from_db()
    assert joined.valid_until == date(2024, 6, 30)
    assert TimelineEntry.objects.filter(person=son, kind="case.left").exists()
    page = client.get(reverse("records:case_detail", args=[case.public_id]), headers=ENGLISH)
    text = page.content.decode()
    assert "People in this case file" in text and "Pau" in text  # the history stays
    # A note now involves only who is in the case file today.
    assert page.context["form"].fields["persons"].choices == [(mother.pk, mother.display_name)]


def test_the_case_person_and_the_last_person_stay(client_for, social_worker, family):
    mother, _son, case = family
    own = case.participants.get(person=mother)
    response = client_for(social_worker.user).post(
        reverse("records:participant_end", args=[case.public_id, own.pk]),
        {"on": timezone.localdate().isoformat()},
        follow=True,
        headers=ENGLISH,
    )
    assert "close it instead" in response.content.decode()
    own.refresh_from_db()
    assert own.valid_until is None


def test_only_people_living_with_them_can_be_added_from_the_page(client_for, social_worker, family):
    _mother, _son, case = family
    stranger = PersonFactory(given_names="Arnau")
    response = client_for(social_worker.user).post(
        reverse("records:participant_add", args=[case.public_id]),
        {"person": str(stranger.public_id), "on": "2024-03-01"},
    )
    assert response.status_code == 404
    assert not case.participants.filter(person=stranger).exists()


def test_a_closed_case_or_bad_dates_change_nothing(client_for, social_worker, family):
    _mother, son, case = family
    client = client_for(social_worker.user)
    url = reverse("records:participant_add", args=[case.public_id])
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    before_opening = client.post(
        url, {"person": str(son.public_id), "on": "2023-12-31"}, follow=True, headers=ENGLISH
    )
    assert "between the opening and today" in before_opening.content.decode()
    client.post(url, {"person": str(son.public_id), "on": future})
    client.post(url, {"person": str(son.public_id), "on": "not a date"})
    services.case_close(actor=social_worker.user, case=case, reason="Objectius assolits")
    client.post(url, {"person": str(son.public_id), "on": "2024-03-01"})
    assert not case.participants.filter(person=son).exists()


def test_out_of_reach_staff_cannot_change_who_is_in_a_case(
    client_for, other_abss_worker, facilitator, family
):
    _mother, son, case = family
    for user in (other_abss_worker.user, facilitator.user):
        response = client_for(user).post(
            reverse("records:participant_add", args=[case.public_id]),
            {"person": str(son.public_id), "on": "2024-03-01"},
        )
        assert response.status_code in (403, 404)  # 404: the case is out of reach
    assert not case.participants.filter(person=son).exists()
    assert AuditEvent.objects.filter(
        actor=other_abss_worker.user, action=AuditAction.DENIED
    ).exists()


def test_open_a_case_for_a_colleague_of_the_same_abss(
    client_for, social_worker, teammate, other_abss_worker
):
    person = PersonFactory()
    client = client_for(social_worker.user)
    url = reverse("records:case_open", args=[person.public_id])
    form = client.get(url).context["form"]
    choices = dict(form.fields["reference_professional"].choices)
    assert social_worker.user.pk in choices and teammate.user.pk in choices
    assert other_abss_worker.user.pk not in choices  # another ABSS
    refused = client.post(url, {"reference_professional": other_abss_worker.user.pk})
    assert refused.status_code == 200 and not CaseFile.objects.exists()
    opened = client.post(
        url, {"reference_professional": teammate.user.pk, "opened_on": "2024-05-02"}
    )
    case = CaseFile.objects.get()
    assert opened["Location"] == reverse("records:case_detail", args=[case.public_id])
    assert case.reference_professional == teammate.user
    assert case.opened_on == date(2024, 5, 2)
    assert case.assignments.get().reference_professional == teammate.user


def test_household_page_opens_a_case_for_everyone_living_there(client_for, social_worker):
    mother, son = PersonFactory(), PersonFactory()
    household = Household.objects.create(municipality=mother.municipality)
    for member in (mother, son):
        HouseholdMembership.objects.create(
            household=household, person=member, relationship="other", valid_from=date(2020, 1, 1)
        )
    client = client_for(social_worker.user)
    page = client.get(reverse("people:household", args=[household.public_id])).content.decode()
    url = reverse("records:case_open_household", args=[household.public_id])
    assert url in page
    client.post(url, {})
    case = CaseFile.objects.get(household=household)
    assert set(case.participants.values_list("person", flat=True)) == {mother.pk, son.pk}


def test_api_participants_and_reference_professional(api_for, social_worker, teammate, family):
    mother, son, case = family
    api = api_for(social_worker.user)
    url = f"/api/v1/cases/{case.public_id}/participants"
    added = api.post(url, {"person": str(son.public_id), "on": "2024-03-01"}, "application/json")
    assert added.status_code == 201
    people = {p["name"]: p for p in added.json()["participants"]}
    assert people[son.display_name]["since"] == "2024-03-01"
    twice = api.post(url, {"person": str(son.public_id)}, "application/json")
    assert twice.status_code == 422
    ended = api.post(f"{url}/{son.public_id}/end", {"on": "2024-04-01"}, "application/json")
    assert ended.status_code == 200
    people = {p["name"]: p for p in ended.json()["participants"]}
    assert people[son.display_name]["until"] == "2024-04-01"
    own = api.post(f"{url}/{mother.public_id}/end", {}, "application/json")
    assert own.status_code == 422

    other = PersonFactory()
    unknown = api.post(
        "/api/v1/cases",
        {"person": str(other.public_id), "reference_professional": "nobody"},
        "application/json",
    )
    assert unknown.status_code == 422
    opened = api.post(
        "/api/v1/cases",
        {"person": str(other.public_id), "reference_professional": teammate.user.username},
        "application/json",
    )
    assert opened.status_code == 201
    assert CaseFile.objects.get(person=other).reference_professional == teammate.user
