"""Protected reads of requests for help (names audited)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xarxa.accounts.selectors import scope_for
from xarxa.community.common import audit_names, get_by_public_id
from xarxa.community.help_requests.models import HelpRequest
from xarxa.community.points.policies import require_point
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, out_of_reach

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.participants.models import Participant


def help_requests_for(user: User) -> list[HelpRequest]:
    """Requests from the points to the user's social-services areas (names audited)."""
    check_perm(user, CommunityPerm.ANSWER_HELP)
    scope = scope_for(user)
    rows = HelpRequest.objects.select_related("participant__point", "abss")
    if not scope.all_abss:
        rows = rows.filter(abss_id__in=scope.abss_ids)
    found = list(rows[:200])
    audit_names(user, [r.participant for r in found], found[0] if found else None)
    return found


def help_request_get_for(user: User, public_id: object) -> HelpRequest:
    check_perm(user, CommunityPerm.ANSWER_HELP)
    request = get_by_public_id(
        HelpRequest.objects.select_related("participant__point", "abss"), public_id
    )
    if not scope_for(user).covers_abss(request.abss_id):  # answered as an unknown id
        raise out_of_reach(user, obj=request, person_ids=[request.participant.person_id])
    audit_record(
        actor=user,
        action=AuditAction.READ,
        obj=request,
        person_id=request.participant.person_id,
    )
    return request


def help_requests_of_for(user: User, participant: Participant) -> list[HelpRequest]:
    """The requests sent for a participant, for the point that runs them."""
    require_point(user, participant.point, CommunityPerm.RUN)
    return list(HelpRequest.objects.filter(participant=participant).select_related("abss"))
