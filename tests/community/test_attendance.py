"""Attendance: ticks and walk-ins, the tallies kept with them, participants' consent,
audit of names read, and lists without N+1 queries."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xarxa.community import services
from xarxa.community.models import Attendance, Participant, ParticipantYear, UseMonth
from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _tallies():
    years = sorted(
        ParticipantYear.objects.values_list(
            "participant_id", "point_id", "year", "uses_learning", "uses_labour", "uses_community"
        )
    )
    months = sorted(UseMonth.objects.values_list("point_id", "month", "axis", "gender", "uses"))
    return years, months


def test_tick_untick_keeps_the_tallies(facilitator, session, registered):
    user = facilitator.user
    assert services.attendance_mark(
        actor=user, session=session, participant=registered, present=True
    )
    services.attendance_mark(actor=user, session=session, participant=registered, present=True)
    assert Attendance.objects.count() == 1  # a second tick is no second use
    row = ParticipantYear.objects.get()
    assert (row.uses_learning, row.gender, row.situation) == (1, "woman", "unemployed")
    assert UseMonth.objects.get().uses == 1
    services.attendance_mark(actor=user, session=session, participant=registered, present=False)
    assert not Attendance.objects.exists()
    assert not ParticipantYear.objects.exists() and not UseMonth.objects.exists()


def test_walk_in_is_anonymous_unless_consent(facilitator, session):
    walk_in = services.walk_in_add(
        actor=facilitator.user, session=session, gender="woman", age_band="65", situation="retired"
    )
    assert not walk_in.registered and walk_in.first_name == ""
    assert Attendance.objects.get().walk_in
    with pytest.raises(ValidationError) as error:
        services.walk_in_add(
            actor=facilitator.user,
            session=session,
            registered=True,
            first_name="Anna",
            gender="woman",
            age_band="65",
            situation="retired",
        )
    assert "consent" in error.value.message_dict
    assert Participant.objects.count() == 1 and Attendance.objects.count() == 1


def test_bad_profile_is_refused(facilitator, point):
    with pytest.raises(ValidationError) as error:
        services.participant_add(
            actor=facilitator.user, point=point, registered=False, gender="x", age_band="65"
        )
    assert {"gender", "situation"} <= set(error.value.message_dict)
    assert not Participant.objects.exists()


def test_participant_of_another_point_cannot_be_ticked(
    facilitator, other_facilitator, session, other_point
):
    stranger = services.participant_add(
        actor=other_facilitator.user,
        point=other_point,
        registered=False,
        gender="man",
        age_band="16_29",
        situation="student",
    )
    with pytest.raises(ValidationError):
        services.attendance_mark(
            actor=facilitator.user, session=session, participant=stranger, present=True
        )
    assert not Attendance.objects.exists()


def test_the_sheet_audits_names_and_ticks_with_htmx(client_for, facilitator, session, registered):
    services.enrolment_add(
        actor=facilitator.user, activity=session.activity, participant=registered
    )
    client = client_for(facilitator.user)
    url = reverse("community:sheet", args=[session.public_id])
    response = client.get(url)
    assert "Fatima Benali" in response.content.decode()
    assert AuditEvent.objects.filter(
        actor=facilitator.user, action=AuditAction.LIST, object_type="community.session"
    ).exists()
    tick = client.post(
        reverse("community:tick", args=[session.public_id]),
        {"participant": registered.public_id, "present": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert tick.status_code == 200 and 'aria-pressed="true"' in tick.content.decode()
    assert "<html" not in tick.content.decode()
    assert Attendance.objects.filter(participant=registered).exists()


def test_participant_path_is_audited(client_for, facilitator, session, registered):
    services.attendance_mark(
        actor=facilitator.user, session=session, participant=registered, present=True
    )
    client = client_for(facilitator.user)
    response = client.get(reverse("community:participant", args=[registered.public_id]))
    text = response.content.decode()
    assert "Tràmits en línia" in text
    assert AuditEvent.objects.filter(
        action=AuditAction.READ,
        object_type="community.participant",
        object_id=str(registered.pk),
    ).exists()
    pdf = client.get(reverse("community:certificate", args=[registered.public_id]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_path_records_self_assessment_actic_and_outcome(client_for, facilitator, registered):
    client = client_for(facilitator.user)
    base = reverse("community:participant", args=[registered.public_id])
    levels = {f"level-{code}": "2" for code in ("information", "communication")}
    bad = client.post(base + "self/", {"moment": "before", **levels})  # some areas missing
    assert bad.status_code == 400 and not registered.self_assessments.exists()
    from xarxa.community.services import digcomp_instrument

    every = {f"level-{d.code}": "2" for d in digcomp_instrument().domains.all()}
    assert client.post(base + "self/", {"moment": "before", **every}).status_code == 302
    assert (
        client.post(base + "actic/", {"level": "1", "obtained_on": "2026-03-01"}).status_code == 302
    )
    future = client.post(base + "outcome/", {"kind": "job_found", "on": "2099-01-01"})
    assert future.status_code == 400 and not registered.outcomes.exists()
    assert (
        client.post(base + "outcome/", {"kind": "job_found", "on": "2026-03-01"}).status_code == 302
    )
    assert registered.self_assessments.get().scores["information"] == 2
    assert registered.actic_results.get().level == "1"


def test_lists_do_not_grow_queries(client_for, facilitator, point, activity, session, registered):
    client = client_for(facilitator.user)
    urls = [
        reverse("community:points"),
        reverse("community:point", args=[point.public_id]),
        reverse("community:participants", args=[point.public_id]),
        reverse("community:sheet", args=[session.public_id]),
        reverse("community:today"),
    ]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    services.enrolment_add(actor=facilitator.user, activity=activity, participant=registered)
    counts()  # the first request of the session does more
    before = counts()
    for n in range(6):
        p = services.participant_add(
            actor=facilitator.user,
            point=point,
            registered=True,
            consent=True,
            first_name=f"P{n}",
            gender="woman",
            age_band="30_44",
            situation="employed",
        )
        services.enrolment_add(actor=facilitator.user, activity=activity, participant=p)
        services.attendance_mark(
            actor=facilitator.user, session=session, participant=p, present=True
        )
        services.activity_create(
            actor=facilitator.user,
            point=point,
            title=f"A{n}",
            axis="community",
            kind="project",
            starts_on=datetime.date(2026, 1, 1),
        )
    after = counts()
    # the audit row of names read is a fixed number of queries too
    assert after == before, list(zip(urls, before, after, strict=True))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.booleans()), max_size=25))
def test_incremental_tallies_equal_a_rebuild(facilitator, point, activity, moves):
    """Whatever sequence of ticks and unticks, the kept tallies are the recomputed ones."""
    Attendance.objects.all().delete()
    ParticipantYear.objects.all().delete()
    UseMonth.objects.all().delete()
    people = list(Participant.objects.filter(point=point)[:4])
    while len(people) < 4:
        people.append(
            services.participant_add(
                actor=facilitator.user,
                point=point,
                registered=False,
                gender=["woman", "man", "non_binary", "not_stated"][len(people)],
                age_band="45_64",
                situation="unemployed",
            )
        )
    sessions = list(activity.sessions.all()[:3])
    if len(sessions) < 3:
        sessions = services.session_plan(
            actor=facilitator.user,
            activity=activity,
            first=datetime.date(2025, 12, 20),
            starts_at=datetime.time(9),
            ends_at=datetime.time(10),
            weeks=3,
        )  # across the turn of the year
    for who, which, present in moves:
        services.attendance_mark(
            actor=facilitator.user,
            session=sessions[which],
            participant=people[who],
            present=present,
        )
    kept = _tallies()
    services.figures_rebuild()
    assert _tallies() == kept


def test_cancel_a_session(
    client_for, facilitator, other_facilitator, activity, session, registered
):
    url = reverse("community:activity", args=[activity.public_id])
    assert (
        client_for(other_facilitator.user).post(url, {"cancel": session.public_id}).status_code
        == 403
    )
    client = client_for(facilitator.user)
    assert client.post(url, {"cancel": session.public_id}).status_code == 302
    session.refresh_from_db()
    assert session.cancelled
    with pytest.raises(ValidationError):
        services.attendance_mark(
            actor=facilitator.user, session=session, participant=registered, present=True
        )
    services.enrolment_add(actor=facilitator.user, activity=activity, participant=registered)
    tick = client.post(
        reverse("community:tick", args=[session.public_id]),
        {"participant": registered.public_id, "present": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert 'role="alert"' in tick.content.decode() and not Attendance.objects.exists()


def test_a_session_with_attendance_is_not_cancelled(facilitator, session, registered):
    services.attendance_mark(
        actor=facilitator.user, session=session, participant=registered, present=True
    )
    with pytest.raises(ValidationError):
        services.session_cancel(actor=facilitator.user, session=session)
    session.refresh_from_db()
    assert not session.cancelled
