"""/api/v1/cases: the same rules, masking and audit as the pages."""

from datetime import date

import pytest
from django.utils import timezone

from tests.factories import PersonFactory
from tests.records.conftest import opened_back_then, refer
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.records import services
from xarxa.records.models import CaseFile, Intervention

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_open_read_close_reopen(api_for, social_worker):
    person = PersonFactory()
    api = api_for(social_worker.user)
    created = api.post("/api/v1/cases", {"person": str(person.public_id)}, content_type=JSON)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["number"] == f"VIC-{timezone.localdate().year}-000001"
    assert body["participants"] == [
        {
            "public_id": str(person.public_id),
            "name": "Montserrat Vilaró Puig",
            "since": timezone.localdate().isoformat(),
            "until": None,
        }
    ]
    url = f"/api/v1/cases/{body['public_id']}"
    assert api.get(url).json()["version"] == 1
    refused = api.post(f"{url}/close", {"reason": " ", "version": 1}, content_type=JSON)
    assert refused.status_code == 422
    closed = api.post(f"{url}/close", {"reason": "Fet", "version": 1}, content_type=JSON)
    assert closed.json()["status"] == "closed"
    stale = api.post(f"{url}/reopen", {"reason": "Torna", "version": 1}, content_type=JSON)
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    assert stale.json()["version"] == 2
    reopened = api.post(f"{url}/reopen", {"reason": "Torna", "version": 2}, content_type=JSON)
    assert reopened.json()["status"] == "open"
    mine = api.get("/api/v1/cases/mine").json()
    assert [c["number"] for c in mine["items"]] == [body["number"]]


def test_forbidden_and_unknown_are_refused_and_audited(
    api_for, social_worker, other_abss_worker, case
):
    other = api_for(other_abss_worker.user)
    url = f"/api/v1/cases/{case.public_id}"
    for method, path, payload in [
        ("get", url, None),
        ("get", f"{url}/interventions", None),
        ("post", f"{url}/interventions", {"summary": "Intrusion"}),
        ("post", f"{url}/close", {"reason": "x", "version": 1}),
        ("get", f"/api/v1/cases/persons/{case.person.public_id}/timeline", None),
        ("post", "/api/v1/cases", {"person": str(case.person.public_id)}),
    ]:
        before = AuditEvent.objects.filter(action=AuditAction.DENIED).count()
        if method == "get":
            response = other.get(path)
        else:
            response = other.post(path, payload, content_type=JSON)
        assert response.status_code in (403, 404), (method, path)  # 404: out of reach
        assert response["Content-Type"] == "application/problem+json"
        assert AuditEvent.objects.filter(action=AuditAction.DENIED).count() > before
    assert not Intervention.objects.exists()
    assert CaseFile.objects.get().status == "open" and CaseFile.objects.count() == 1
    missing = api_for(social_worker.user).get("/api/v1/cases/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404


def test_interventions_and_timeline_are_masked(api_for, social_worker, teammate, siad, case):
    api = api_for(social_worker.user)
    url = f"/api/v1/cases/{case.public_id}/interventions"
    created = api.post(
        url,
        {"summary": "Violència a casa.", "sensitivity": "gender_violence", "kind": "home_visit"},
        content_type=JSON,
    )
    assert created.status_code == 201 and created.json()["summary"] == "Violència a casa."
    bad = api.post(url, {"summary": "x", "kind": "séance"}, content_type=JSON)
    assert bad.status_code == 422
    future = api.post(url, {"summary": "x", "occurred_on": "2999-01-01"}, content_type=JSON)
    assert future.status_code == 422
    assert Intervention.objects.count() == 1

    mate = api_for(teammate.user).get(url).json()
    assert mate["count"] == 1
    assert mate["items"][0]["restricted"] is True
    assert mate["items"][0]["summary"] is None and mate["items"][0]["kind"] == "home_visit"
    timeline = (
        api_for(teammate.user).get(f"/api/v1/cases/persons/{case.person.public_id}/timeline").json()
    )
    masked = [e for e in timeline["items"] if e["restricted"]]
    assert len(masked) == 1 and masked[0]["title"] is None and masked[0]["summary"] is None
    assert "Violència" not in str(timeline)

    assert api_for(siad.user).get(url).status_code == 404
    refer(case)
    assert api_for(siad.user).get(url).json()["items"][0]["summary"] == "Violència a casa."


def test_timeline_paging_and_filters(api_for, social_worker, case):
    opened_back_then(case)  # notes are dated on or after the case file opened
    for day in range(1, 56):
        services.intervention_add(
            actor=social_worker.user,
            case=case,
            kind="phone_call",
            occurred_on=date(2025, 1, day % 28 + 1),
            summary=f"Trucada {day}",
        )
    api = api_for(social_worker.user)
    url = f"/api/v1/cases/persons/{case.person.public_id}/timeline"
    first = api.get(url).json()
    assert first["count"] == 56 and first["pages"] == 2 and len(first["items"]) == 50
    assert [e["on"] for e in first["items"]] == sorted(
        (e["on"] for e in first["items"]), reverse=True
    )
    only = api.get(url, {"kind": "case"}).json()
    assert [e["kind"] for e in only["items"]] == ["case.opened"]
    unknown_case = api.get(url, {"case": "00000000-0000-0000-0000-000000000000"})
    assert unknown_case.status_code == 404


def test_the_case_list_and_the_case_agree_on_the_last_contact(api_for, social_worker, case):
    from datetime import date

    from xarxa.records.models import Intervention

    for day in (date(2026, 3, 2), date(2026, 5, 4)):
        Intervention.objects.create(
            case=case, kind="phone_call", occurred_on=day, summary="Seguiment",
            author=social_worker.user,
        )  # fmt: skip
    api = api_for(social_worker.user)
    listed = {c["public_id"]: c for c in api.get("/api/v1/cases/mine").json()["items"]}
    detail = api.get(f"/api/v1/cases/{case.public_id}").json()
    assert listed[str(case.public_id)]["last_contact"] == detail["last_contact"] == "2026-05-04"
