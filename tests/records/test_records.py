"""Case files, quick notes, masking and the timeline, persona by persona."""

import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import _persona
from tests.factories import PersonFactory
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.organisations.models import Team, TeamKind
from xarxa.records import services
from xarxa.records.models import CaseAccess, CaseFile, Intervention, TimelineEntry
from xarxa.territory.models import Abss

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(social_worker):
    person = PersonFactory()
    return services.case_open(
        actor=social_worker.user,
        person=person,
        team=Team.objects.get(name="SSB Vic"),
        abss=Abss.objects.get(code="ABSS-VIC"),
    )


@pytest.fixture
def siad(db):
    return _persona(
        "siad", "specialised_professional", "coss", "SIAD Osona", TeamKind.SPECIALISED_SERVICE
    )


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
    assert client_for(other_abss_worker.user).post(url).status_code == 403
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
        "other_abss_worker": 403,
        "facilitator": 403,
        "dpo": 403,
        "admin": 403,
    }
    for name, status in expected.items():
        assert client_for(personas[name].user).get(url).status_code == status, name
    assert client_for(siad.user).get(url).status_code == 403
    CaseAccess.objects.create(
        case=case,
        team=Team.objects.get(name="SIAD Osona"),
        reason="derivació",
        valid_from=date(2020, 1, 1),
    )
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
    assert response.status_code == 403
    assert not Intervention.objects.exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.DENIED, actor=other_abss_worker.user
    ).exists()


def test_sensitive_note_is_masked_for_a_teammate(client_for, social_worker, teammate, case):
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
        reverse("records:case_status", args=[case.public_id, "close"]),
        {"reason": "Objectius assolits"},
    )
    case.refresh_from_db()
    assert case.status == "closed" and case.closing_reason == "Objectius assolits"
    client.post(
        reverse("records:case_status", args=[case.public_id, "reopen"]), {"reason": "Nova demanda"}
    )
    case.refresh_from_db()
    assert case.status == "open"
    assert list(case.events.values_list("kind", flat=True)) == ["opened", "closed", "reopened"]


def _bulk_notes(case, author, count):
    notes = Intervention.objects.bulk_create(
        [
            Intervention(
                case=case,
                kind="phone_call",
                occurred_on=date(2023, 1, 1) + timedelta(days=i % 1000),
                summary=f"Trucada {i}",
                author=author,
            )
            for i in range(count)
        ]
    )
    return notes


def test_case_page_queries_do_not_grow_with_history_and_it_renders_fast(
    client_for, social_worker, case
):
    client = client_for(social_worker.user)
    url = reverse("records:case_detail", args=[case.public_id])
    _bulk_notes(case, social_worker.user, 10)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _bulk_notes(case, social_worker.user, 990)
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        started = time.perf_counter()
        response = client.get(url)
        elapsed_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 200
    assert len(large) == len(small)
    assert elapsed_ms <= 100, f"{elapsed_ms:.0f} ms"


def test_caseload_lists_my_open_cases(client_for, social_worker, teammate, case):
    page = client_for(social_worker.user).get(reverse("records:caseload")).content.decode()
    assert case.number in page
    other = client_for(teammate.user).get(reverse("records:caseload")).content.decode()
    assert case.number not in other
