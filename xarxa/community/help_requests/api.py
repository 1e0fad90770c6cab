"""Requests for help under /api/v1/community."""

from uuid import UUID

from ninja import Router, Schema, Status

from xarxa.community.help_requests import selectors, services
from xarxa.community.help_requests.models import HelpRequest
from xarxa.community.participants.selectors import participant_get_for
from xarxa.core.schemas import In, model_choice

router = Router(tags=["community"])


class HelpIn(In):
    abss: str  # the area's code, e.g. ABSS-VIC
    reason: str
    consent: bool = False
    consent_method: model_choice(HelpRequest, "consent_method") = "verbal"  # type: ignore[valid-type]


class HelpOut(Schema):
    public_id: UUID
    participant: str
    point: str
    abss: str
    reason: str
    state: str
    answer: str

    @staticmethod
    def resolve_participant(obj) -> str:
        return obj.participant.display_name

    @staticmethod
    def resolve_point(obj) -> str:
        return obj.participant.point.name

    @staticmethod
    def resolve_abss(obj) -> str:
        return obj.abss.code


@router.post("/participants/{public_id}/help-requests", response={201: HelpOut})
def help_request_send(request, public_id: UUID, body: HelpIn):
    participant = participant_get_for(request.user, public_id)
    return Status(
        201,
        services.help_request_send(actor=request.user, participant=participant, **body.dict()),
    )


@router.get("/help-requests", response=list[HelpOut])
def help_requests(request):
    return selectors.help_requests_for(request.user)
