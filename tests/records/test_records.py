"""Case files, quick notes, masking and the timeline, persona by persona."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.records.conftest import opened_back_then, refer
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.records import services
from xarxa.records.models import CaseFile, Intervention, TimelineEntry

pytestmark = pytest.mark.django_db


def test_open_a_case_from_the_person_card(client_for, social_worker):
    person = PersonFactory()
    response = client_for(social_worker.user).post(
        reverse("records:case_open", args=[person.public_id])
    )
    case = CaseFile.objects.get()
    assert response["Location"] == reverse("records:case_detail", args=[case.public_id])
    assert case.number == f"VIC-{timezone.localdate().year}-000001"
    assert case.assignments.get().reference_professional == social_worker.user
    assert TimelineEntry.objects.filter(person=person, kind="case.opened").exists()


def test_other_abss_cannot_open_a_case_for_a_person_it_cannot_see(client_for, other_abss_worker):
    person = PersonFactory()
    url = reverse("records:case_open", args=[person.public_id])
    assert client_for(other_abss_worker.user).post(url).status_code == 404
    assert not CaseFile.objects.exists()


def test_quick_note_is_saved_and_appears_in_the_timeline(client_for, social_worker, case):
    client = client_for(social_worker.user)
    url = reverse("records:intervention_add", args=[case.public_id])
    response = client.post(
        url,
        {
            "summary": "Entrevista de seguiment. Porta la documentació del lloguer.",
            "kind": "interview",
            "occurred_on": timezone.localdate().isoformat(),
            "duration_minutes": 20,
            "confidentiality": "team",
            "sensitivity": "",
        },
    )
    assert response.status_code == 302
    person = case.person
    timeline = client.get(reverse("records:timeline", args=[person.public_id]))
    assert "documentació del lloguer" in timeline.content.decode()


def test_bad_note_is_refused_and_nothing_saved(client_for, social_worker, case):
    client = client_for(social_worker.user)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("records:intervention_add", args=[case.public_id]),
        {
            "summary": "x",
            "kind": "interview",
            "occurred_on": tomorrow,
            "duration_minutes": 20,
            "confidentiality": "team",
        },
    )
    assert response.status_code == 200
    assert not Intervention.objects.exists()


def test_case_page_access_by_persona(client_for, personas, case, siad):
    url = reverse("records:case_detail", args=[case.public_id])
    expected = {
        "social_worker": 200,
        "teammate": 200,
        "other_abss_worker": 404,  # out of reach: answered as an unknown id
        "facilitator": 403,
        "dpo": 403,
        "admin": 403,
    }
    for name, status in expected.items():
        assert client_for(personas[name].user).get(url).status_code == status, name
    assert client_for(siad.user).get(url).status_code == 404
    refer(case)
    assert client_for(siad.user).get(url).status_code == 200


def test_forbidden_note_changes_nothing(client_for, other_abss_worker, case):
    response = client_for(other_abss_worker.user).post(
        reverse("records:intervention_add", args=[case.public_id]),
        {
            "summary": "intrusion",
            "kind": "interview",
            "occurred_on": "2026-01-01",
            "duration_minutes": 5,
            "confidentiality": "team",
        },
    )
    assert response.status_code == 404  # the case is out of reach
    assert not Intervention.objects.exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.DENIED, actor=other_abss_worker.user
    ).exists()


def test_sensitive_note_is_masked_for_a_teammate(client_for, social_worker, teammate, case):
    opened_back_then(case)  # notes are dated on or after the case file opened
    services.intervention_add(
        actor=social_worker.user,
        case=case,
        kind="interview",
        occurred_on=date(2026, 2, 1),
        summary="Relata episodis de violència a casa.",
        sensitivity="gender_violence",
    )
    url = reverse("records:case_detail", args=[case.public_id])
    assert "violència a casa" in client_for(social_worker.user).get(url).content.decode()
    assert "violència a casa" not in client_for(teammate.user).get(url).content.decode()
    timeline = reverse("records:timeline", args=[case.person.public_id])
    assert "violència a casa" not in client_for(teammate.user).get(timeline).content.decode()


def test_close_and_reopen_keep_the_history(client_for, social_worker, case):
    client = client_for(social_worker.user)
    client.post(
        reverse("records:case_close", args=[case.public_id]),
        {"reason": "Objectius assolits", "version": 1},
    )
    case.refresh_from_db()
    assert case.status == "closed" and case.closing_reason == "Objectius assolits"
    client.post(
        reverse("records:case_reopen", args=[case.public_id]),
        {"reason": "Nova demanda", "version": 2},
    )
    case.refresh_from_db()
    assert case.status == "open"
    assert list(case.events.values_list("kind", flat=True)) == ["opened", "closed", "reopened"]


def test_caseload_lists_my_open_cases(client_for, social_worker, teammate, case):
    page = client_for(social_worker.user).get(reverse("records:caseload")).content.decode()
    assert case.number in page
    other = client_for(teammate.user).get(reverse("records:caseload")).content.decode()
    assert case.number not in other


def test_note_for_some_persons_only_copies_its_sensitivity(client_for, social_worker):
    from xarxa.people.models import Household, HouseholdMembership

    mother, son = PersonFactory(), PersonFactory(given_names="Pau")
    household = Household.objects.create(municipality=mother.municipality)
    for person in (mother, son):
        HouseholdMembership.objects.create(
            household=household, person=person, relationship="other", valid_from=date(2020, 1, 1)
        )
    case = services.case_open(actor=social_worker.user, household=household)
    client = client_for(social_worker.user)
    page = client.get(reverse("records:case_detail", args=[case.public_id])).content.decode()
    assert page.count('name="persons"') == 2 and page.count("checked") >= 2  # all by default
    response = client.post(
        reverse("records:intervention_add", args=[case.public_id]),
        {
            "summary": "Entrevista amb la mare.",
            "kind": "interview",
            "occurred_on": timezone.localdate().isoformat(),
            "duration_minutes": 30,
            "confidentiality": "named",
            "sensitivity": "health",
            "persons": [mother.pk],
        },
        follow=True,
    )
    note = Intervention.objects.get()
    assert list(note.persons.all()) == [mother]
    entries = TimelineEntry.objects.filter(
        object_type="records.intervention", object_id=str(note.pk)
    )
    assert [(e.person_id, e.sensitivity, e.confidentiality) for e in entries] == [
        (mother.pk, "health", "named")
    ]
    # Ready for the next note: a confirmation, an empty summary with the focus.
    body = response.content.decode()
    assert 'class="messages"' in body or "message" in body
    assert "Entrevista amb la mare.</textarea>" not in body
    assert 'name="summary"' in body and "autofocus" in body
    assert "accesskey" not in body


def test_a_person_outside_the_case_is_refused(client_for, social_worker, case):
    stranger = PersonFactory(given_names="Joan")
    response = client_for(social_worker.user).post(
        reverse("records:intervention_add", args=[case.public_id]),
        {
            "summary": "x",
            "kind": "interview",
            "occurred_on": timezone.localdate().isoformat(),
            "duration_minutes": 30,
            "confidentiality": "team",
            "persons": [stranger.pk],
        },
    )
    assert response.status_code == 200
    assert not Intervention.objects.exists()


def test_timeline_filters_and_pages(client_for, social_worker, case):
    opened_back_then(case)  # notes are dated on or after the case file opened
    for day in range(1, 61):
        services.intervention_add(
            actor=social_worker.user,
            case=case,
            kind="phone_call",
            occurred_on=date(2026, 1, 1) + timedelta(days=day),
            summary=f"Trucada {day}",
        )
    client = client_for(social_worker.user)
    url = reverse("records:timeline", args=[case.person.public_id])
    first = client.get(url).content.decode()
    assert "Trucada 60" in first and "Trucada 10<" not in first and 'rel="next"' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Trucada 10<" in second
    only_cases = client.get(url, {"kind": "case"}).content.decode()
    assert "Trucada" not in only_cases and case.number in only_cases
    window = client.get(url, {"date_from": "2026-01-05", "date_to": "2026-01-06"}).content.decode()
    assert "Trucada 4<" in window and "Trucada 5<" in window and "Trucada 6<" not in window
    by_case = client.get(url, {"case": str(case.public_id)}).content.decode()
    assert "Trucada 60" in by_case
    bad = client.get(url, {"date_from": "2026-02-01", "date_to": "2026-01-01"}).content.decode()
    assert 'id="error-summary"' in bad
