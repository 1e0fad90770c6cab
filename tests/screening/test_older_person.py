"""TSO results (recorded, never reproduced) and the dependency procedure as history;
pages and API; bad input changes nothing; out of reach refused and audited."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from xarxa.core.models import AuditAction, AuditEvent
from xarxa.records.models import TimelineEntry
from xarxa.screening.models import DependencyRecord, TsoRecord

pytestmark = pytest.mark.django_db


def test_page_records_tso_and_dependency_steps(client_for, social_worker, person):
    client = client_for(social_worker.user)
    url = reverse("screening:older_person", args=[person.public_id])
    page = client.get(url)
    assert page.status_code == 200
    assert "permís" in page.content.decode()  # the note on the licence, in Catalan
    today = timezone.localdate()
    saved = client.post(url, {"record": "tso", "tso-score": "14", "tso-risk": "risk",
                              "tso-applied_on": today.isoformat(),
                              "tso-applied_by": "Treballadora social del CAP"})  # fmt: skip
    assert saved.status_code == 302
    assert TsoRecord.objects.get().score == 14
    asked = today - timedelta(days=200)
    client.post(url, {"record": "dependency", "dep-applied_on": asked.isoformat()})
    client.post(url, {"record": "dependency", "dep-applied_on": asked.isoformat(),
                      "dep-assessed_on": (asked + timedelta(days=90)).isoformat(),
                      "dep-resolved_on": (asked + timedelta(days=150)).isoformat(),
                      "dep-grade": "2"})  # fmt: skip
    assert list(DependencyRecord.objects.order_by("id").values_list("grade", flat=True)) == [
        "",
        "2",
    ]
    assert TimelineEntry.objects.filter(person=person, kind="screening.dependency").count() == 2
    bad = client.post(url, {"record": "dependency", "dep-applied_on": today.isoformat(),
                            "dep-resolved_on": asked.isoformat(), "dep-grade": "1"})  # fmt: skip
    assert bad.status_code == 400 and DependencyRecord.objects.count() == 2
    assert 'role="alert"' in bad.content.decode()
    wrong = client.post(
        url,
        {
            "record": "tso",
            "tso-score": "500",
            "tso-risk": "risk",
            "tso-applied_on": today.isoformat(),
            "tso-applied_by": "x",
        },
    )
    assert wrong.status_code == 400 and TsoRecord.objects.count() == 1


@pytest.mark.parametrize("persona", ["other_abss_worker", "facilitator", "dpo", "admin", "siad"])
def test_out_of_reach_is_refused(client_for, request, person, persona):
    user = request.getfixturevalue(persona).user
    client = client_for(user)
    url = reverse("screening:older_person", args=[person.public_id])
    before = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
    assert client.get(url).status_code in (403, 404)  # 404: out of reach
    assert client.post(url, {"record": "tso", "tso-score": "3", "tso-risk": "none",
                             "tso-applied_on": "2026-01-01",
                             "tso-applied_by": "x"}).status_code in (403, 404)  # fmt: skip
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count() == before + 2
    assert not TsoRecord.objects.exists()


def test_api(api_for, social_worker, other_abss_worker, person):
    api = api_for(social_worker.user)
    base = f"/api/v1/assessments/persons/{person.public_id}"
    made = api.post(f"{base}/tso", {"score": 9, "risk": "none", "applied_on": "2026-01-10",
                                    "applied_by": "Infermera"}, "application/json")  # fmt: skip
    assert made.status_code == 201
    bad = api.post(f"{base}/dependency", {"applied_on": "2026-01-10", "grade": "4"},
                   "application/json")  # fmt: skip
    assert bad.status_code == 422 and not DependencyRecord.objects.exists()
    step = api.post(f"{base}/dependency", {"applied_on": "2026-01-10"}, "application/json")
    assert step.status_code == 201
    body = api.get(f"{base}/social-risk").json()
    assert len(body["tso"]) == 1 and len(body["dependency"]) == 1 and body["note"]
    assert api_for(other_abss_worker.user).get(f"{base}/social-risk").status_code == 404


@pytest.mark.parametrize("persona", ["teammate", "coordinator"])
def test_the_rest_of_the_abss_team_may_record(client_for, request, person, persona):
    client = client_for(request.getfixturevalue(persona).user)
    url = reverse("screening:older_person", args=[person.public_id])
    assert client.get(url).status_code == 200
    saved = client.post(url, {"record": "dependency", "dep-applied_on": "2026-01-05"})
    assert saved.status_code == 302 and DependencyRecord.objects.count() == 1
