"""The page and the API give the same answer for the same request: both go through the
same selectors and services, which take public ids (or codes) and refuse an unknown
reference instead of dropping it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from xarxa.community import services
from xarxa.community.models import Activity, HelpRequest, Loan, Stop, TrainingEnrolment

pytestmark = pytest.mark.django_db
BASE = "/api/v1/community"


def test_an_unknown_area_is_refused_on_the_page_and_by_the_api(
    client_for, api_for, facilitator, registered
):
    with pytest.raises(ValidationError) as refused:
        services.help_request_send(
            actor=facilitator.user, participant=registered, abss="ABSS-NOPE",
            reason="Lloguer", consent=True, consent_method="verbal",
        )  # fmt: skip
    assert "abss" in refused.value.message_dict
    api = api_for(facilitator.user).post(
        f"{BASE}/participants/{registered.public_id}/help-requests",
        {"abss": "ABSS-NOPE", "reason": "Lloguer", "consent": True, "consent_method": "verbal"},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert [e["loc"] for e in api.json()["errors"]] == [["body", "abss"]]
    page = client_for(facilitator.user).post(
        reverse("community:participant_record", args=[registered.public_id, "help"]),
        {"help-abss": "999999", "help-reason": "Lloguer", "help-consent": "on",
         "help-consent_method": "verbal"},
    )  # fmt: skip
    assert page.status_code == 400
    assert not HelpRequest.objects.exists()


def test_a_stop_in_an_unknown_municipality_is_refused(client_for, api_for, technical_office, point):
    point.kind = "mobile"
    point.save()
    with pytest.raises(ValidationError) as refused:
        services.stop_add(
            actor=technical_office.user, point=point, municipality="99999", place="Casal",
            weekday=1, starts_at=datetime.time(10), ends_at=datetime.time(13),
        )  # fmt: skip
    assert "municipality" in refused.value.message_dict
    api = api_for(technical_office.user).post(
        f"{BASE}/points/{point.public_id}/stops",
        {"municipality": "99999", "place": "Casal", "weekday": 1, "starts_at": "10:00",
         "ends_at": "13:00"},
        content_type="application/json",
    )  # fmt: skip
    assert api.status_code == 422
    page = client_for(technical_office.user).post(
        reverse("community:point", args=[point.public_id]),
        {"stop-municipality": "999999", "stop-place": "Casal", "stop-weekday": "1",
         "stop-starts_at": "10:00", "stop-ends_at": "13:00"},
    )  # fmt: skip
    assert page.status_code == 200 and "stop-municipality" in page.content.decode()
    assert not Stop.objects.exists()


def test_an_unknown_course_is_not_found_on_the_page_nor_by_the_api(
    client_for, api_for, facilitator, point
):
    unknown = "00000000-0000-0000-0000-000000000000"
    assert (
        api_for(facilitator.user).post(f"{BASE}/training/{unknown}/enrolments").status_code == 404
    )
    page = client_for(facilitator.user).post(
        reverse("community:training"), {"action": "enrol", "course": unknown}
    )
    assert page.status_code == 404
    assert not TrainingEnrolment.objects.exists()


def test_references_of_another_point_are_refused(
    client_for, facilitator, point, other_point, other_facilitator, registered
):
    """An activity or a device of another point is refused, not silently used."""
    project = services.project_create(
        actor=facilitator.user,
        point=point,
        title="P",
        goals="G",
        starts_on=datetime.date(2026, 1, 1),
    )
    elsewhere = services.activity_create(
        actor=other_facilitator.user, point=other_point, title="Fora", axis="learning",
        kind="course", starts_on=datetime.date(2026, 1, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.project_link_activity(
            actor=facilitator.user, project=project, activity=str(elsewhere.public_id)
        )
    client = client_for(facilitator.user)
    page = client.post(
        reverse("community:project", args=[project.public_id]),
        {"activity": str(elsewhere.public_id)},
    )
    assert page.status_code == 302
    assert Activity.objects.get(pk=elsewhere.pk).project_id is None
    device = services.device_add(
        actor=other_facilitator.user, point=other_point, kind="laptop", label="X", loanable=True
    )
    due = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    lend = client.post(
        reverse("community:equipment", args=[point.public_id]),
        {"action": "loan", "loan-device": device.public_id,
         "loan-participant": registered.public_id, "loan-due_on": due},
    )  # fmt: skip
    assert lend.status_code == 400 and not Loan.objects.exists()


def test_a_stop_without_a_municipality_is_refused(technical_office, point):
    point.kind = "mobile"
    point.save()
    with pytest.raises(ValidationError) as refused:
        services.stop_add(
            actor=technical_office.user, point=point, municipality="", place="Casal",
            weekday=1, starts_at=datetime.time(10), ends_at=datetime.time(12),
        )  # fmt: skip
    assert "municipality" in refused.value.message_dict
