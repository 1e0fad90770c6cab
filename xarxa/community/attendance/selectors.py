"""The attendance sheet of a session (names audited)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import Q

from xarxa.community.activities.models import Session
from xarxa.community.attendance.models import Attendance
from xarxa.community.common import audit_names, get_by_public_id
from xarxa.community.participants.models import Participant
from xarxa.community.points.policies import require_point
from xarxa.community.policies import CommunityPerm

if TYPE_CHECKING:
    from xarxa.accounts.models import User


class SheetRow(NamedTuple):
    participant: Participant
    present: bool
    walk_in: bool


@dataclass
class Sheet:
    session: Session
    rows: list[SheetRow]
    present: int

    def row_of(self, public_id: object) -> SheetRow | None:
        """The row of the participant with ``public_id`` (None: not on this sheet)."""
        return next((r for r in self.rows if str(r.participant.public_id) == str(public_id)), None)


def sheet_for(user: User, public_id: object) -> Sheet:
    """The attendance sheet: the enrolled and the walk-ins, with who is ticked."""
    session = get_by_public_id(Session.objects.select_related("activity", "point"), public_id)
    require_point(user, session.point, CommunityPerm.RUN)
    attended = {a.participant_id: a.walk_in for a in Attendance.objects.filter(session=session)}
    people = list(
        Participant.objects.filter(
            Q(enrolments__activity_id=session.activity_id) | Q(pk__in=list(attended))
        )
        .distinct()
        .order_by("registered", "last_name", "first_name", "pk")
    )
    rows = [SheetRow(p, p.pk in attended, attended.get(p.pk, False)) for p in people]
    audit_names(user, people, session)
    return Sheet(session, rows, len(attended))
