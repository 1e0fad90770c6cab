"""The network's library and news under /api/v1/community."""

from uuid import UUID

from ninja import Router, Schema, Status

from xarxa.community.activities.models import Axis
from xarxa.community.knowledge import selectors, services
from xarxa.community.knowledge.models import News, Resource
from xarxa.core.schemas import In, choice, model_choice, model_text

router = Router(tags=["community"])


class ResourceIn(In):
    title: model_text(Resource, "title")  # type: ignore[valid-type]
    kind: model_choice(Resource, "kind")  # type: ignore[valid-type]
    summary: str
    link: str = ""
    axes: list[choice(Axis)] = []  # type: ignore[valid-type]
    digcomp: list[str] = []


class ResourceOut(Schema):
    public_id: UUID
    title: str
    kind: str
    summary: str
    link: str
    axes: list[str]
    digcomp: list[str]
    contributed_by: str

    @staticmethod
    def resolve_contributed_by(obj) -> str:
        return obj.contributed_by.display_name if obj.contributed_by else ""


class NewsIn(In):
    title: model_text(News, "title")  # type: ignore[valid-type]
    body: str


class NewsOut(Schema):
    public_id: UUID
    title: str
    body: str
    published_at: str  # ISO 8601 with its offset

    @staticmethod
    def resolve_published_at(obj) -> str:
        return obj.published_at.isoformat()


@router.get("/library", response=list[ResourceOut])
def library(request, q: str = "", axis: str = "", competence: str = ""):
    return selectors.resource_list_for(
        request.user, search=q[:100], axis=axis, competence=competence
    )


@router.post("/library", response={201: ResourceOut})
def resource_share(request, body: ResourceIn):
    return Status(201, services.resource_share(actor=request.user, **body.dict()))


@router.get("/news", response=list[NewsOut])
def news(request):
    return selectors.news_list_for(request.user)


@router.post("/news", response={201: NewsOut})
def news_publish(request, body: NewsIn):
    return Status(201, services.news_publish(actor=request.user, **body.dict()))
