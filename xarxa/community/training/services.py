"""Writes about the facilitators' training plan."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.community.common import codes
from xarxa.community.policies import CommunityPerm
from xarxa.community.training.models import (
    FACILITATOR_COMPETENCES,
    TrainingCourse,
    TrainingEnrolment,
)
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def course_create(
    *,
    actor: User,
    title: str,
    starts_on: date,
    hours: int,
    description: str = "",
    competences: Iterable[str] = (),
) -> TrainingCourse:
    check_perm(actor, CommunityPerm.MANAGE_TRAINING)
    errors = {}
    if not title.strip():
        errors["title"] = _("The course needs a title.")
    if not hours or hours < 1:
        errors["hours"] = _("Write how many hours it lasts.")
    if errors:
        raise ValidationError(errors)
    competence_codes = codes(competences, FACILITATOR_COMPETENCES, "competences")
    with transaction.atomic():
        course = TrainingCourse.objects.create(
            title=title.strip(),
            starts_on=starts_on,
            hours=hours,
            description=description,
            competences=competence_codes,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=course)
    return course


def training_enrol(*, actor: User, course: TrainingCourse) -> TrainingEnrolment:
    """``actor`` enrols in a course read through ``course_get_for``."""
    check_perm(actor, CommunityPerm.TRAIN)
    if TrainingEnrolment.objects.filter(course=course, user=actor).exists():
        raise ValidationError(_("Already enrolled."))
    with transaction.atomic():
        enrolment = TrainingEnrolment.objects.create(course=course, user=actor)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=enrolment)
    return enrolment


def training_complete(
    *, actor: User, course: TrainingCourse, enrolment: object, on: date | None = None
) -> TrainingEnrolment:
    """One of the course's enrolments (by its id) completed on ``on`` (today)."""
    check_perm(actor, CommunityPerm.MANAGE_TRAINING)
    key = int(str(enrolment)) if str(enrolment).isdigit() else 0
    found = TrainingEnrolment.objects.filter(course=course, pk=key).first()
    if found is None:
        raise ValidationError({"enrolment": _("Choose one of the options offered.")})
    if found.completed_on:
        raise ValidationError(_("Already completed."))
    day = on or timezone.localdate()
    with transaction.atomic():
        TrainingEnrolment.objects.filter(pk=found.pk).update(completed_on=day)
        found.completed_on = day
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=found, details={"done": True})
    return found
