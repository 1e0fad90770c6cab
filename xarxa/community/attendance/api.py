"""Attendance under /api/v1/community: the sheet, ticking, walk-ins."""

from uuid import UUID

from ninja import Router, Schema, Status

from xarxa.community.activities.api import SessionOut
from xarxa.community.attendance import selectors, services
from xarxa.community.participants.api import ParticipantIn, ParticipantOut
from xarxa.community.participants.selectors import participant_get_for
from xarxa.core.schemas import In

router = Router(tags=["community"])


class RowOut(Schema):
    participant: ParticipantOut
    present: bool
    walk_in: bool


class SheetOut(Schema):
    session: SessionOut
    present: int
    rows: list[RowOut]


class PresentIn(In):
    present: bool


@router.get("/sessions/{public_id}/attendance", response=SheetOut)
def attendance(request, public_id: UUID):
    return selectors.sheet_for(request.user, public_id)


@router.put("/sessions/{public_id}/attendance/{participant}", response=SheetOut)
def attendance_mark(request, public_id: UUID, participant: UUID, body: PresentIn):
    sheet = selectors.sheet_for(request.user, public_id)
    row = sheet.row_of(participant)
    found = row.participant if row else participant_get_for(request.user, participant)
    services.attendance_mark(
        actor=request.user, session=sheet.session, participant=found, present=body.present
    )
    return selectors.sheet_for(request.user, public_id)


@router.post("/sessions/{public_id}/walk-ins", response={201: ParticipantOut})
def walk_in(request, public_id: UUID, body: ParticipantIn):
    sheet = selectors.sheet_for(request.user, public_id)
    return Status(
        201, services.walk_in_add(actor=request.user, session=sheet.session, **body.dict())
    )
