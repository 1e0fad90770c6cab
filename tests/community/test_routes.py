"""Every community page, persona by persona. Refused: 403, a DENIED audit row, and
nothing changes."""

import pytest
from django.urls import reverse

from xarxa.community.models import Activity, Attendance, Participant, Point, Session
from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

PERSONAS = [
    "facilitator", "other_facilitator", "entity_manager", "technical_office", "evaluator",
    "social_worker", "dpo", "admin",
]  # fmt: skip
OMNIA = {"facilitator", "other_facilitator", "entity_manager", "technical_office"}
REACH = {"facilitator", "entity_manager", "technical_office"}  # the point's reach
RUNS = {"facilitator"}
FIGURES = OMNIA | {"evaluator"}


def pages(point, activity, session, registered):
    return {
        reverse("community:points"): OMNIA,
        reverse("community:point", args=[point.public_id]): REACH,
        reverse("community:point_edit", args=[point.public_id]): REACH,
        reverse("community:equipment", args=[point.public_id]): REACH,
        reverse("community:needs"): OMNIA,
        reverse("community:projects"): OMNIA,
        reverse("community:library"): OMNIA,
        reverse("community:news"): OMNIA,
        reverse("community:training"): OMNIA,
        reverse("community:help_requests"): {"social_worker"},
        reverse("community:facilitators"): OMNIA,
        reverse("community:point_projects", args=[point.public_id]): REACH,
        reverse("community:today"): RUNS | {"other_facilitator"},
        reverse("community:activity_new", args=[point.public_id]): RUNS,
        reverse("community:participants", args=[point.public_id]): RUNS,
        reverse("community:activity", args=[activity.public_id]): RUNS,
        reverse("community:sheet", args=[session.public_id]): RUNS,
        reverse("community:participant", args=[registered.public_id]): RUNS,
        reverse("community:certificate", args=[registered.public_id]): RUNS,
        reverse("community:figures"): FIGURES,
        reverse("community:figures_csv"): FIGURES,
        reverse("community:figures_xlsx"): FIGURES,
        reverse("community:figures") + f"?subject=point:{point.public_id}": REACH | {"evaluator"},
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_by_persona(
    client_for, request, point, other_point, activity, session, registered, persona
):
    for name in ("entity_manager", "technical_office", "evaluator"):
        request.getfixturevalue(name)
    user = request.getfixturevalue(persona).user
    client = client_for(user)
    for url, allowed in pages(point, activity, session, registered).items():
        denied = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
        response = client.get(url)
        # refused: 403 for the role or point, 404 for a participant or help request
        # outside the reach (as an unknown id)
        expected = (200,) if persona in allowed else (403, 404)
        assert response.status_code in expected, (persona, url, response.status_code)
        if expected != (200,):
            assert b"Benali" not in response.content
            after = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
            assert after == denied + 1, (persona, url)


def _state():
    return (
        Point.objects.values_list("name", "version").first(),
        Activity.objects.count(),
        Session.objects.count(),
        Participant.objects.count(),
        Attendance.objects.count(),
    )


@pytest.mark.parametrize(
    "persona", ["other_facilitator", "entity_manager", "technical_office", "social_worker", "dpo"]
)
def test_refused_writes_change_nothing(
    client_for, request, point, other_point, activity, session, registered, persona
):
    user = request.getfixturevalue(persona).user
    client = client_for(user)
    before = _state()
    posts = {
        reverse("community:activity_new", args=[point.public_id]): {
            "title": "X", "axis": "learning", "kind": "course", "starts_on": "2026-01-10",
        },
        reverse("community:participants", args=[point.public_id]): {
            "gender": "woman", "age_band": "65", "situation": "retired", "origin": "spain",
        },
        reverse("community:tick", args=[session.public_id]): {
            "participant": registered.public_id, "present": "1",
        },
        reverse("community:walk_in", args=[session.public_id]): {
            "gender": "woman", "age_band": "65", "situation": "retired", "origin": "spain",
        },
        reverse("community:activity", args=[activity.public_id]): {
            "first": "2026-01-10", "starts_at": "10:00", "ends_at": "11:00", "weeks": 2,
        },
        reverse("community:participant_record", args=[registered.public_id, "outcome"]): {
            "kind": "job_found", "on": "2026-01-10",
        },
    }  # fmt: skip
    if persona not in REACH:
        posts[reverse("community:point_edit", args=[point.public_id])] = {
            "name": "Nou", "kind": "omnia", "version": point.version,
        }  # fmt: skip
    for url, data in posts.items():
        assert client.post(url, data).status_code in (403, 404), (persona, url)
    assert _state() == before
    assert not registered.outcomes.exists()


def test_the_managers_edit_the_profile(client_for, point, entity_manager):
    client = client_for(entity_manager.user)
    url = reverse("community:point_edit", args=[point.public_id])
    response = client.post(
        url,
        {"name": "Punt Òmnia del Remei", "kind": "omnia", "opening_hours": "dl-dv 16-20",
         "active": "on", "version": point.version},
    )  # fmt: skip
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.name, point.opening_hours, point.version) == (
        "Punt Òmnia del Remei",
        "dl-dv 16-20",
        2,
    )
    stale = client.post(url, {"name": "Una altra", "kind": "omnia", "version": 1})
    assert stale.status_code == 200 and "error-summary" in stale.content.decode()
    point.refresh_from_db()
    assert point.name == "Punt Òmnia del Remei"


def test_bad_input_is_explained_and_changes_nothing(client_for, facilitator, point, session):
    client = client_for(facilitator.user)
    before = _state()
    response = client.post(
        reverse("community:activity_new", args=[point.public_id]),
        {"title": "", "axis": "cooking", "kind": "course", "starts_on": "nope"},
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    response = client.post(
        reverse("community:walk_in", args=[session.public_id]),
        {
            "registered": "on",
            "first_name": "Anna",
            "gender": "woman",
            "age_band": "65",
            "situation": "retired",
        },
    )  # fmt: skip  (no consent)
    assert response.status_code == 400
    assert _state() == before
