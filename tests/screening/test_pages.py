"""Assessments through the pages: start from the card, score, finalise, compare; and
who may not."""

import pytest
from django.urls import reverse

from xarxa.core.models import AuditAction, AuditEvent
from xarxa.screening.models import Assessment, Instrument

pytestmark = pytest.mark.django_db


def test_score_finalise_and_compare(client_for, social_worker, person):
    client = client_for(social_worker.user)
    card = client.get(reverse("people:detail", args=[person.public_id])).content.decode()
    assert reverse("screening:person", args=[person.public_id]) in card
    started = client.post(reverse("screening:new", args=[person.public_id]), {"context": "intake"})
    assessment = Assessment.objects.get()
    assert started["Location"] == reverse("screening:assessment", args=[assessment.public_id])
    url = started["Location"]
    codes = list(
        Instrument.objects.get(code="ssm-cat")
        .domains.filter(group="core")
        .values_list("code", flat=True)
    )
    partial = {f"level-{code}": "4" for code in codes[:5]}
    client.post(url, {**partial, "finalise": "1"})  # incomplete: stays a draft
    assessment.refresh_from_db()
    assert assessment.status == "draft" and assessment.scores.count() == 5
    listed = client.get(reverse("screening:person", args=[person.public_id]))
    assert url in listed.content.decode()  # the draft, to go on with it
    assert AuditEvent.objects.filter(
        actor=social_worker.user, action=AuditAction.LIST, person_id=str(person.pk),
        details__drafts=1,
    ).exists()  # fmt: skip
    complete = {f"level-{code}": "4" for code in codes}
    complete["level-housing"] = "1"
    complete["level-justice"] = "na"
    complete["why-housing"] = "Desnonament la setmana vinent"
    client.post(url, {**complete, "finalise": "1"})
    assessment.refresh_from_db()
    assert assessment.status == "final"
    client.post(url, {"level-finances": "1"})  # a finalised assessment is not edited
    assert assessment.scores.get(domain__code="finances").level == 4
    compare = client.get(reverse("screening:person", args=[person.public_id]))
    assert compare.status_code == 200
    assert compare.context["comparison"].assessments == [assessment]
    assert '<strong class="tag">1</strong>' in compare.content.decode()


def test_out_of_reach_is_refused_and_audited(client_for, other_abss_worker, facilitator, person):
    for user in (other_abss_worker.user, facilitator.user):
        client = client_for(user)
        # 404: the person is out of reach (as an unknown id); 403: the role has no access
        assert client.get(reverse("screening:person", args=[person.public_id])).status_code in (
            403,
            404,
        )
        assert client.post(reverse("screening:new", args=[person.public_id])).status_code in (
            403,
            404,
        )
    assert not Assessment.objects.exists()
    assert AuditEvent.objects.filter(
        actor=other_abss_worker.user, action=AuditAction.DENIED
    ).exists()


def test_api_start_score_finalise(api_for, social_worker, other_abss_worker, person):
    api = api_for(social_worker.user)
    instruments = {i["code"]: i for i in api.get("/api/v1/assessments/instruments").json()}
    ssm = instruments["ssm-cat"]
    assert ssm["provisional"] and len(ssm["domains"]) == 17
    created = api.post(
        "/api/v1/assessments", {"person": str(person.public_id)}, content_type="application/json"
    )
    assert created.status_code == 201
    url = f"/api/v1/assessments/{created.json()['public_id']}"
    core = [d["code"] for d in ssm["domains"] if d["group"] == "core"]
    bad = api.post(f"{url}/scores", [{"domain": core[0], "level": 9}], "application/json")
    assert bad.status_code == 422 and api.get(url).json()["scores"] == {}  # all or nothing
    early = api.post(f"{url}/finalise", {}, "application/json")
    assert early.status_code == 422
    body = [{"domain": c, "level": 2 if i < 2 else 4} for i, c in enumerate(core)]
    assert api.post(f"{url}/scores", body, "application/json").status_code == 200
    done = api.post(f"{url}/finalise", {}, "application/json").json()
    assert (
        done["status"] == "final" and done["complexity"] == "medium" and done["rule_version"] == 1
    )
    outsider = api_for(other_abss_worker.user)
    assert outsider.get(url).status_code == 404
