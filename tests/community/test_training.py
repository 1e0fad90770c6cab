"""Facilitator training: the technical office keeps the plan and marks completion,
facilitators enrol, everyone in reach sees each facilitator's competences."""

import datetime

import pytest
from django.urls import reverse

from xarxa.community import services
from xarxa.community.models import TrainingCourse, TrainingEnrolment

pytestmark = pytest.mark.django_db


def test_the_training_plan(
    client_for, facilitator, technical_office, entity_manager, other_facilitator, point, other_point
):
    office = client_for(technical_office.user)
    url = reverse("community:training")
    assert office.post(url, {"action": "course", "title": "", "hours": "0"}).status_code == 400
    assert office.post(url, {
        "action": "course", "title": "Acció comunitària i gènere", "starts_on": "2026-02-01",
        "hours": "12", "competences": ["community", "gender"],
    }).status_code == 302  # fmt: skip
    course = TrainingCourse.objects.get()
    mine = client_for(facilitator.user)
    assert mine.post(url, {"action": "course", "title": "X", "hours": "2"}).status_code == 403
    assert mine.post(url, {"action": "enrol", "course": course.public_id}).status_code == 302
    assert (
        "enrolled" in mine.get(url).content.decode() or "inscrit" in mine.get(url).content.decode()
    )
    assert mine.get(reverse("community:course", args=[course.public_id])).status_code == 403
    enrolment = TrainingEnrolment.objects.get()
    assert office.post(reverse("community:course", args=[course.public_id]),
                       {"enrolment": enrolment.pk}).status_code == 302  # fmt: skip
    enrolment.refresh_from_db()
    assert enrolment.completed_on is not None
    listing = (
        client_for(entity_manager.user).get(reverse("community:facilitators")).content.decode()
    )
    assert facilitator.user.display_name in listing  # their entity's point
    assert other_facilitator.user.display_name not in listing
    network = office.get(reverse("community:facilitators")).content.decode()
    assert other_facilitator.user.display_name in network


def test_enrol_twice_is_explained(facilitator):
    course = TrainingCourse.objects.create(title="C", starts_on=datetime.date(2026, 1, 1), hours=4)
    services.training_enrol(actor=facilitator.user, course=course)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.training_enrol(actor=facilitator.user, course=course)
    assert TrainingEnrolment.objects.count() == 1
