"""Who may see and answer a point's request for help: social services of its area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xarxa.accounts.selectors import scope_for
from xarxa.community.policies import CommunityPerm
from xarxa.core.policies import check_perm, deny

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.help_requests.models import HelpRequest


def require_area(actor: User, request: HelpRequest) -> None:
    """``actor`` answers requests and covers the request's social-services area."""
    check_perm(actor, CommunityPerm.ANSWER_HELP)
    if not scope_for(actor).covers_abss(request.abss_id):
        raise deny(actor, f"community.helprequest:{request.pk}")
