"""The Òmnia network under /api/v1/community: one router gathering each sub-domain's, with
the same services and selectors as the pages, the same scope and audit. Refusals reach the
client through the central error kit (``xarxa.core.errors``)."""

from ninja import Router

from xarxa.community.activities.api import router as activities
from xarxa.community.attendance.api import router as attendance
from xarxa.community.equipment.api import router as equipment
from xarxa.community.figures.api import router as figures
from xarxa.community.help_requests.api import router as help_requests
from xarxa.community.knowledge.api import router as knowledge
from xarxa.community.participants.api import router as participants
from xarxa.community.points.api import router as points
from xarxa.community.projects.api import router as projects
from xarxa.community.training.api import router as training

router = Router(tags=["community"])
for sub_router in (
    points,
    activities,
    attendance,
    participants,
    figures,
    equipment,
    projects,
    knowledge,
    training,
    help_requests,
):
    router.add_router("", sub_router)
