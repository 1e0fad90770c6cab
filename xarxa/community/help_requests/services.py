"""A point asks social services for help; social services of the area see and answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xarxa.community.help_requests.models import ConsentMethodChoices, HelpRequest
from xarxa.community.help_requests.policies import require_area
from xarxa.community.points.policies import require_point
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.territory.models import Abss
from xarxa.territory.selectors import abss_of

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.participants.models import Participant


def help_request_send(
    *,
    actor: User,
    participant: Participant,
    abss: Abss | str,
    reason: str,
    consent: bool,
    consent_method: str,
) -> HelpRequest:
    """``abss`` is the area or its code (e.g. ABSS-VIC)."""
    require_point(actor, participant.point, CommunityPerm.RUN)
    errors = {}
    if not participant.registered:
        errors["reason"] = _("Register the participant with their name first.")
    if not reason.strip():
        errors["reason"] = _("Say why the person needs social services.")
    if not consent:
        errors["consent"] = _("Ask the person first: the request is sent only with their consent.")
    if consent_method not in dict(ConsentMethodChoices):
        errors["consent_method"] = _("Choose one of the options offered.")
    if errors:
        raise ValidationError(errors)
    area = abss_of(abss)
    with transaction.atomic():
        request = HelpRequest.objects.create(
            participant=participant,
            abss=area,
            reason=reason.strip(),
            consent_method=consent_method,
            sent_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=request,
            person_id=participant.person_id,
            details={"abss": area.pk},
        )
    return request


def help_request_seen(*, actor: User, request: HelpRequest) -> HelpRequest:
    require_area(actor, request)
    if request.state == HelpRequest.State.SENT:
        HelpRequest.objects.filter(pk=request.pk).update(state=HelpRequest.State.SEEN)
        request.state = HelpRequest.State.SEEN
    return request


def help_request_answer(*, actor: User, request: HelpRequest, answer: str) -> HelpRequest:
    require_area(actor, request)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer for the point.")})
    with transaction.atomic():
        HelpRequest.objects.filter(pk=request.pk).update(
            state=HelpRequest.State.ANSWERED, answer=answer.strip(), answered_by=actor
        )
        request.state, request.answer = HelpRequest.State.ANSWERED, answer.strip()
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=request)
    return request
