"""Writes about community projects."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xarxa.community.activities.models import Activity
from xarxa.community.common import find_by_public_id
from xarxa.community.points.policies import require_point
from xarxa.community.policies import CommunityPerm
from xarxa.community.projects.models import Framework, Project
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.points.models import Point


def project_create(
    *,
    actor: User,
    point: Point,
    title: str,
    goals: str,
    starts_on: date,
    framework: str = "",
    partners: str = "",
    ends_on: date | None = None,
) -> Project:
    require_point(actor, point, CommunityPerm.RUN)
    errors = {}
    if not title.strip():
        errors["title"] = _("The project needs a title.")
    if not goals.strip():
        errors["goals"] = _("Write what the project wants to achieve.")
    if framework not in Framework.values:
        errors["framework"] = _("Choose one of the options offered.")
    if ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end date cannot be before the start date.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        project = Project.objects.create(
            point=point,
            title=title.strip(),
            goals=goals.strip(),
            framework=framework,
            partners=partners.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=project)
    return project


def project_results_set(*, actor: User, project: Project, results: str) -> Project:
    require_point(actor, project.point, CommunityPerm.RUN)
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(results=results.strip())
        project.results = results.strip()
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=project, details={"results": True})
    return project


def project_link_activity(
    *, actor: User, project: Project, activity: Activity | object
) -> Activity:
    """Link one of the point's activities (or its public id) to the project."""
    require_point(actor, project.point, CommunityPerm.RUN)
    if not isinstance(activity, Activity):
        activity = find_by_public_id(
            Activity.objects.filter(point_id=project.point_id), activity, "activity"
        )
    if activity.point_id != project.point_id:
        raise ValidationError(_("The activity belongs to another point."))
    with transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(project=project)
        activity.project = project
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=project, details={"activity": activity.pk}
        )
    return activity
