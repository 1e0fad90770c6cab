"""The community API: same scope, same audit, problem details on bad input."""

import pytest

from xarxa.community.models import Activity, Attendance, Participant
from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
BASE = "/api/v1/community"


def test_a_facilitator_runs_a_session_by_api(api_for, facilitator, point, registered):
    api = api_for(facilitator.user)
    points = api.get(f"{BASE}/points").json()
    assert [p["name"] for p in points] == ["Punt Òmnia Remei"]
    created = api.post(
        f"{BASE}/points/{point.public_id}/activities",
        {"title": "Cerca de feina", "axis": "labour", "kind": "support",
         "starts_on": "2026-02-02", "digcomp": ["1.1"], "actic": ["C3"]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    activity = created.json()["public_id"]
    planned = api.post(
        f"{BASE}/activities/{activity}/sessions",
        {"first": "2026-02-02", "starts_at": "10:00", "ends_at": "12:00", "weeks": 4},
        content_type="application/json",
    )
    assert planned.status_code == 201 and len(planned.json()) == 4
    session = planned.json()[0]["public_id"]
    enrolled = api.post(
        f"{BASE}/activities/{activity}/enrolments?participant={registered.public_id}"
    )
    assert enrolled.status_code == 201
    ticked = api.put(
        f"{BASE}/sessions/{session}/attendance/{registered.public_id}",
        {"present": True},
        content_type="application/json",
    )
    assert ticked.status_code == 200 and ticked.json()["present"] == 1
    walk = api.post(
        f"{BASE}/sessions/{session}/walk-ins",
        {"gender": "woman", "age_band": "65", "situation": "retired"},
        content_type="application/json",
    )
    assert walk.status_code == 201 and walk.json()["name"] == ""
    path = api.get(f"{BASE}/participants/{registered.public_id}").json()
    assert path["uses"] == 1 and path["digcomp"] == ["1.1"]
    figures = api.get(f"{BASE}/figures?year=2026").json()
    assert figures["level"] == "point" and figures["participants"] is None  # 2 < 5


def test_bad_input_is_a_problem_and_changes_nothing(api_for, facilitator, point):
    api = api_for(facilitator.user)
    response = api.post(
        f"{BASE}/points/{point.public_id}/activities",
        {"title": "", "axis": "cooking", "kind": "course", "starts_on": "2026-02-02"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    registered = api.post(
        f"{BASE}/points/{point.public_id}/participants",
        {"registered": True, "first_name": "Anna", "gender": "woman", "age_band": "65",
         "situation": "retired"},
        content_type="application/json",
    )  # fmt: skip
    assert registered.status_code == 422
    assert not Activity.objects.exists() and not Participant.objects.exists()


def test_outside_the_reach_is_refused(api_for, other_facilitator, point, session, registered):
    api = api_for(other_facilitator.user)
    assert api.get(f"{BASE}/points/{point.public_id}").status_code == 403
    assert api.get(f"{BASE}/participants/{registered.public_id}").status_code == 404
    response = api.put(
        f"{BASE}/sessions/{session.public_id}/attendance/{registered.public_id}",
        {"present": True},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert api.get(f"{BASE}/figures?point={point.public_id}").status_code == 403
    assert not Attendance.objects.exists()
    assert (
        AuditEvent.objects.filter(actor=other_facilitator.user, action=AuditAction.DENIED).count()
        == 4
    )


def test_the_technical_office_sees_the_network(api_for, technical_office, point, other_point):
    api = api_for(technical_office.user)
    assert {p["name"] for p in api.get(f"{BASE}/points").json()} == {
        "Punt Òmnia Remei", "Punt Òmnia Manlleu",
    }  # fmt: skip
    patched = api.patch(
        f"{BASE}/points/{point.public_id}",
        {"version": 1, "opening_hours": "dl-dv 9-13"},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["version"] == 2
    stale = api.patch(
        f"{BASE}/points/{point.public_id}",
        {"version": 1, "opening_hours": "mai"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    refused = api.post(
        f"{BASE}/points/{point.public_id}/participants",
        {"gender": "woman", "age_band": "65", "situation": "retired"},
        content_type="application/json",
    )
    assert refused.status_code == 403 and not Participant.objects.exists()
    assert api.get(f"{BASE}/figures").json()["level"] == "network"


def test_equipment_by_api(api_for, facilitator, technical_office, point):
    api = api_for(facilitator.user)
    device = api.post(
        f"{BASE}/points/{point.public_id}/devices",
        {"kind": "laptop", "label": "Portàtil 3", "year": 2021, "loanable": True},
        content_type="application/json",
    )
    assert device.status_code == 201 and device.json()["state"] == "working"
    bad = api.post(
        f"{BASE}/points/{point.public_id}/incidents",
        {"kind": "need", "description": " "},
        content_type="application/json",
    )
    assert bad.status_code == 422
    need = api.post(
        f"{BASE}/points/{point.public_id}/incidents",
        {"kind": "need", "description": "Connexió lenta", "estimated_cost": 300},
        content_type="application/json",
    )
    assert need.status_code == 201
    assert len(api.get(f"{BASE}/points/{point.public_id}/equipment").json()["devices"]) == 1
    assert [
        n["description"] for n in api_for(technical_office.user).get(f"{BASE}/needs").json()
    ] == ["Connexió lenta"]


def test_projects_by_api(api_for, facilitator, technical_office, point):
    api = api_for(facilitator.user)
    created = api.post(
        f"{BASE}/points/{point.public_id}/projects",
        {"title": "Connectem", "goals": "Ningú sol", "starts_on": "2026-03-01",
         "framework": "placi", "partners": "Escola\nCasal"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201 and created.json()["partners"] == ["Escola", "Casal"]
    bad = api.post(
        f"{BASE}/points/{point.public_id}/projects",
        {"title": "X", "goals": "Y", "starts_on": "2026-03-01", "framework": "nope"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    listed = api_for(technical_office.user).get(f"{BASE}/projects?framework=placi").json()
    assert [p["title"] for p in listed] == ["Connectem"]


def test_training_by_api(api_for, facilitator, technical_office, point):
    import datetime

    from xarxa.community.models import TrainingCourse

    course = TrainingCourse.objects.create(
        title="Gènere", starts_on=datetime.date(2026, 1, 1), hours=8, competences=["gender"]
    )
    api = api_for(facilitator.user)
    assert api.post(f"{BASE}/training/{course.public_id}/enrolments").status_code == 201
    assert api.post(f"{BASE}/training/{course.public_id}/enrolments").status_code == 422
    assert api.get(f"{BASE}/training").json()[0]["enrolled"] is True
    office = api_for(technical_office.user)
    assert office.post(f"{BASE}/training/{course.public_id}/enrolments").status_code == 403
    rows = office.get(f"{BASE}/training/facilitators").json()
    assert [r["point"] for r in rows] == ["Punt Òmnia Remei"]


def test_help_requests_by_api(api_for, facilitator, social_worker, registered):
    api = api_for(facilitator.user)
    url = f"{BASE}/participants/{registered.public_id}/help-requests"
    body = {"abss": "ABSS-VIC", "reason": "Lloguer", "consent_method": "verbal"}
    assert api.post(url, body, content_type="application/json").status_code == 422
    sent = api.post(url, {**body, "consent": True}, content_type="application/json")
    assert sent.status_code == 201
    assert [
        h["participant"] for h in api_for(social_worker.user).get(f"{BASE}/help-requests").json()
    ] == ["Fatima Benali"]
    assert api.get(f"{BASE}/help-requests").status_code == 403


def test_mobile_stops_by_api(api_for, facilitator, point):
    api = api_for(facilitator.user)
    body = {"municipality": "08131", "place": "Casal", "weekday": 1, "starts_at": "10:00",
            "ends_at": "13:00"}  # fmt: skip
    url = f"{BASE}/points/{point.public_id}/stops"
    assert api.post(url, body, content_type="application/json").status_code == 422  # not mobile
    point.kind = "mobile"
    point.save()
    assert api.post(url, body, content_type="application/json").status_code == 201
    assert api.get(url).json()[0]["municipality"] == "Montesquiu"


def test_cancel_by_api(api_for, facilitator, session, registered):
    api = api_for(facilitator.user)
    services_mark = api.put(
        f"{BASE}/sessions/{session.public_id}/attendance/{registered.public_id}",
        {"present": True},
        content_type="application/json",
    )
    assert services_mark.status_code == 200
    assert api.post(f"{BASE}/sessions/{session.public_id}/cancel").status_code == 422
    api.put(
        f"{BASE}/sessions/{session.public_id}/attendance/{registered.public_id}",
        {"present": False},
        content_type="application/json",
    )
    assert api.post(f"{BASE}/sessions/{session.public_id}/cancel").json()["cancelled"] is True
