"""Absurd values are refused with a clear message, page and API alike (issue 12, item 15):
birth dates before 1900 or in the future, note dates before the case opened or in the
future, postal codes of no Spanish province, nationality and language codes that are not
ISO 3166-1 alpha-2 / ISO 639-1, and text longer than its field (refused, never cut)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

# The Òmnia fixtures (a point, an activity, a registered participant) for the attendance tests.
from tests.community.conftest import activity, entity, point, registered  # noqa: F401
from tests.factories import PersonFactory
from xarxa.people.models import Person
from xarxa.records.models import Intervention

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _page_form(**extra):
    data = {
        "given_names": "Aïcha", "first_surname": "El Amrani", "second_surname": "",
        "birth_date": "1990-05-04", "sex": "F", "municipality": "", "document_kind": "",
        "document_number": "", "mobile": "", "email": "", "confirm_new": "on",
    }  # fmt: skip
    data.update(extra)
    return data


def _api_body(**extra):
    data = {
        "given_names": "Aïcha", "first_surname": "El Amrani", "birth_date": "1990-05-04",
        "sex": "F", "confirm_new": True,
    }  # fmt: skip
    data.update(extra)
    return data


ABSURD_PERSON = [
    ("birth_date", "1850-03-01"),
    ("birth_date", "2999-01-01"),
    ("postal_code", "99999"),  # province 99 does not exist
    ("postal_code", "00123"),  # nor 00
    ("postal_code", "0812"),  # four digits
    ("postal_code", "O8500"),  # a letter O
    ("nationality", "XX"),
    ("nationality", "E1"),
    ("contact_language", "zz"),
    ("contact_language", "klingon"),
]


@pytest.mark.parametrize(("field", "value"), ABSURD_PERSON)
def test_the_registration_page_refuses_an_absurd_value(client_for, social_worker, field, value):
    page = client_for(social_worker.user).post(
        reverse("people:register"), _page_form(**{field: value})
    )
    assert page.status_code == 200
    assert f'id="id_{field}_error"' in page.content.decode()
    assert not Person.objects.exists()


@pytest.mark.parametrize(("field", "value"), ABSURD_PERSON)
def test_the_api_refuses_an_absurd_value(api_for, social_worker, field, value):
    sent = api_for(social_worker.user).post("/api/v1/persons", _api_body(**{field: value}), JSON)
    assert sent.status_code == 422, sent.content
    assert sent["Content-Type"] == "application/problem+json"
    assert field in str(sent.json()["errors"])
    assert not Person.objects.exists()


def test_real_values_are_kept(api_for, social_worker):
    sent = api_for(social_worker.user).post(
        "/api/v1/persons",
        _api_body(postal_code="08500", nationality="ma", contact_language="AR",
                  birth_date="1931-02-28"),
        JSON,
    )  # fmt: skip
    assert sent.status_code == 201, sent.content
    person = Person.objects.get()
    assert (person.postal_code, person.nationality, person.contact_language) == (
        "08500", "MA", "ar",
    )  # fmt: skip


def test_a_name_longer_than_its_field_is_refused_saying_the_limit(api_for, social_worker):
    sent = api_for(social_worker.user).post(
        "/api/v1/persons", _api_body(given_names="A" * 101), JSON
    )
    assert sent.status_code == 422
    assert "100" in str(sent.json()["errors"])
    assert not Person.objects.exists()


def test_an_edit_with_an_absurd_birth_date_changes_nothing(api_for, social_worker):
    person = PersonFactory(birth_date=date(1980, 1, 1))
    sent = api_for(social_worker.user).patch(
        f"/api/v1/persons/{person.public_id}",
        {"version": person.version, "birth_date": "1066-10-14"},
        JSON,
    )
    assert sent.status_code == 422
    person.refresh_from_db()
    assert person.birth_date == date(1980, 1, 1)


# Notes on a case: not before the case opened, not in the future ---------------------------


def _before_opening(case) -> str:
    return (case.opened_on - timedelta(days=3)).isoformat()


def test_the_note_page_refuses_a_date_before_the_case_opened(client_for, social_worker, case):
    page = client_for(social_worker.user).post(
        reverse("records:intervention_add", args=[case.public_id]),
        {"summary": "Entrevista.", "kind": "interview", "occurred_on": _before_opening(case),
         "duration_minutes": 20, "confidentiality": "team", "sensitivity": ""},
    )  # fmt: skip
    assert page.status_code == 200
    assert 'id="id_occurred_on_error"' in page.content.decode()
    assert not Intervention.objects.exists()


@pytest.mark.parametrize("when", ["before", "future"])
def test_the_api_refuses_a_note_dated_before_the_case_or_in_the_future(
    api_for, social_worker, case, when
):
    day = (
        _before_opening(case)
        if when == "before"
        else (timezone.localdate() + timedelta(days=2)).isoformat()
    )
    sent = api_for(social_worker.user).post(
        f"/api/v1/cases/{case.public_id}/interventions",
        {"summary": "Entrevista.", "occurred_on": day},
        JSON,
    )
    assert sent.status_code == 422
    assert "occurred_on" in str(sent.json()["errors"])
    assert not Intervention.objects.exists()


# Text that used to be cut silently ----------------------------------------------------------


def test_a_refusal_alternative_too_long_is_refused_not_cut(api_for, siad, social_worker, case):
    from tests.referrals.conftest import CONSENTED, make_service
    from xarxa.referrals import services
    from xarxa.referrals.models import Referral

    referral = services.referral_create(
        actor=social_worker.user, case=case, person=case.person, service=make_service(),
        data=CONSENTED, send=True,
    )  # fmt: skip
    api = api_for(siad.user)
    version = api.get(f"/api/v1/referrals/{referral.public_id}").json()["version"]
    received = api.post(
        f"/api/v1/referrals/{referral.public_id}/move",
        {"to": "received", "version": version},
        JSON,
    )
    version = received.json()["version"]
    sent = api.post(
        f"/api/v1/referrals/{referral.public_id}/move",
        {"to": "refused", "version": version, "refusal_reason": "no_capacity",
         "alternative": "x" * 301, "reason": "No"},
        JSON,
    )  # fmt: skip
    assert sent.status_code == 422
    assert "300" in str(sent.json()["errors"])
    assert Referral.objects.get().alternative == ""


# The validators themselves ------------------------------------------------------------------


@given(st.text(alphabet="0123456789O ", min_size=0, max_size=7))
def test_a_postal_code_is_five_digits_of_a_province(code):
    from xarxa.core import validators

    ok = code == "" or (len(code) == 5 and code.isdigit() and 1 <= int(code[:2]) <= 52)
    try:
        validators.validate_postal_code(code)
    except Exception:
        assert not ok
    else:
        assert ok


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_a_birth_date_is_between_1900_and_today(day):
    from xarxa.core import validators

    ok = date(1900, 1, 1) <= day <= timezone.localdate()
    try:
        validators.validate_birth_date(day)
    except Exception:
        assert not ok
    else:
        assert ok


# Attendance: nobody attends a session that has not happened yet -----------------------------


@pytest.fixture
def next_week_session(activity, facilitator, registered):  # noqa: F811
    import datetime

    from xarxa.community import services

    services.enrolment_add(actor=facilitator.user, activity=activity, participant=registered)
    return services.session_plan(
        actor=facilitator.user, activity=activity,
        first=timezone.localdate() + timedelta(days=7),
        starts_at=datetime.time(10), ends_at=datetime.time(12),
    )[0]  # fmt: skip


def test_the_sheet_refuses_attendance_at_a_future_session(
    client_for,
    facilitator,
    next_week_session,
    registered,  # noqa: F811
):
    from xarxa.community.models import Attendance

    tick = client_for(facilitator.user).post(
        reverse("community:tick", args=[next_week_session.public_id]),
        {"participant": registered.public_id, "present": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert 'role="alert"' in tick.content.decode()
    assert not Attendance.objects.exists()


def test_the_api_refuses_attendance_at_a_future_session(
    api_for,
    facilitator,
    next_week_session,
    registered,  # noqa: F811
):
    from xarxa.community.models import Attendance

    sent = api_for(facilitator.user).put(
        f"/api/v1/community/sessions/{next_week_session.public_id}/attendance/"
        f"{registered.public_id}",
        {"present": True},
        JSON,
    )
    assert sent.status_code == 422
    assert not Attendance.objects.exists()
