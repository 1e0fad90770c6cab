"""Itineraries under /api/v1/plans: the same services and selectors as the pages."""

from datetime import date
from uuid import UUID

from ninja import Field, Router, Schema, Status

from xarxa.core.schemas import In, model_choice, model_text
from xarxa.plans import selectors, services
from xarxa.plans.models import Action, Goal
from xarxa.plans.policies import PlansPerm

router = Router(tags=["plans"])


class TemplateOut(Schema):
    code: str
    level: str
    name: str
    description: str
    review_months: int


class GoalOut(Schema):
    id: int
    version: int
    description: str
    domain: str | None = Field(alias="domain.code", default=None)
    baseline_level: int | None
    target_level: int | None
    target_on: date | None
    status: str


class ActionOut(Schema):
    id: int
    version: int
    description: str
    who: str
    professional: str | None = Field(alias="professional.username", default=None)
    referral: UUID | None = Field(alias="referral.public_id", default=None)
    goal: int | None = Field(alias="goal_id")
    due_on: date | None
    status: str


class ReviewOut(Schema):
    on: date
    what_changed: str
    level: str
    next_review_due: date


class PlanOut(Schema):
    """A plan read through ``plan_get_for`` (its view: the plan, goals, actions, reviews)."""

    public_id: UUID = Field(alias="plan.public_id")
    version: int = Field(alias="plan.version")
    case: UUID = Field(alias="case.public_id")
    person: UUID = Field(alias="plan.person.public_id")
    template: str | None = Field(alias="plan.template.code", default=None)
    level: str = Field(alias="plan.level")
    status: str = Field(alias="plan.status")
    person_words: str = Field(alias="plan.person_words")
    agreed_on: date = Field(alias="plan.agreed_on")
    next_review_due: date = Field(alias="plan.next_review_due")
    goals: list[GoalOut]
    actions: list[ActionOut]
    reviews: list[ReviewOut]


class PlanSummary(Schema):
    public_id: UUID
    level: str
    status: str
    agreed_on: date
    next_review_due: date
    template: str | None = Field(alias="template.code", default=None)


class PlanIn(In):
    case: UUID
    template: str | None = None
    person_words: str = ""
    agreed_on: date | None = None


class PlanPatch(In):
    version: int
    person_words: str | None = None
    close: bool = False


_GoalText = model_text(Goal, "description")
_GoalStatus = model_choice(Goal, "status")
_ActionText = model_text(Action, "description")
_Who = model_choice(Action, "who")
_ActionStatus = model_choice(Action, "status")


class GoalIn(In):
    description: _GoalText  # type: ignore[valid-type]
    domain: str | None = None
    target_level: int | None = None
    target_on: date | None = None


class GoalPatch(In):
    version: int
    status: _GoalStatus  # type: ignore[valid-type]
    target_level: int | None = None
    target_on: date | None = None


class ActionIn(In):
    description: _ActionText  # type: ignore[valid-type]
    who: _Who  # type: ignore[valid-type]
    referral: UUID | None = None
    goal: int | None = None
    due_on: date | None = None


class ActionPatch(In):
    version: int
    status: _ActionStatus  # type: ignore[valid-type]
    due_on: date | None = None


class ReviewIn(In):
    version: int
    what_changed: str
    on: date | None = None


class WorklistReview(Schema):
    plan: UUID = Field(alias="public_id")
    case: str = Field(alias="case.number")
    next_review_due: date
    overdue: bool


class WorklistAction(Schema):
    id: int
    plan: UUID = Field(alias="plan.public_id")
    case: str = Field(alias="plan.case.number")
    description: str
    due_on: date


class WorklistOut(Schema):
    reviews: list[WorklistReview]
    actions: list[WorklistAction]


def _plan(request, public_id: UUID) -> selectors.PlanView:
    return selectors.plan_get_for(request.auth, public_id)


@router.get("/templates", response=list[TemplateOut])
def templates(request):
    """The plan templates per complexity level (data)."""
    return selectors.templates_active()


@router.get("/worklist", response=WorklistOut)
def worklist(request):
    """The caller's reviews due and overdue actions."""
    return selectors.worklist_for(request.auth)


@router.get("/case/{uuid:case_id}", response=list[PlanSummary])
def case_plans(request, case_id: UUID):
    """The plans of a case file, newest first (open one for its goals and actions)."""
    return selectors.case_plans_for(request.auth, case_id).plans


@router.post("", response={201: PlanOut})
def start(request, payload: PlanIn):
    view = selectors.case_plans_for(request.auth, payload.case, perm=PlansPerm.EDIT)
    plan = services.plan_start(
        actor=request.auth, case=view.case, template=payload.template,
        person_words=payload.person_words, agreed_on=payload.agreed_on,
    )  # fmt: skip
    return Status(201, _plan(request, plan.public_id))


@router.get("/{uuid:public_id}", response=PlanOut)
def detail(request, public_id: UUID):
    return _plan(request, public_id)


@router.patch("/{uuid:public_id}", response=PlanOut)
def change(request, public_id: UUID, payload: PlanPatch):
    plan = selectors.plan_get_for(request.auth, public_id, perm=PlansPerm.EDIT).plan
    if payload.person_words is not None:
        services.plan_update(
            actor=request.auth, plan=plan, expected_version=payload.version,
            person_words=payload.person_words,
        )  # fmt: skip
    if payload.close:
        version = plan.version if payload.person_words is not None else payload.version
        services.plan_close(actor=request.auth, plan=plan, expected_version=version)
    return _plan(request, public_id)


@router.post("/{uuid:public_id}/goals", response={201: PlanOut})
def goal_add(request, public_id: UUID, payload: GoalIn):
    plan = selectors.plan_get_for(request.auth, public_id, perm=PlansPerm.EDIT).plan
    services.goal_add(actor=request.auth, plan=plan, **payload.dict())
    return Status(201, _plan(request, public_id))


@router.patch("/goals/{int:goal_id}", response=PlanOut)
def goal_change(request, goal_id: int, payload: GoalPatch):
    goal = selectors.goal_get_for(request.auth, goal_id)
    services.goal_update(
        actor=request.auth, goal=goal, expected_version=payload.version, status=payload.status,
        target_level=payload.target_level, target_on=payload.target_on,
    )  # fmt: skip
    return _plan(request, goal.plan.public_id)


@router.post("/{uuid:public_id}/actions", response={201: PlanOut})
def action_add(request, public_id: UUID, payload: ActionIn):
    """An unknown referral or goal is refused (422), as on the page."""
    plan = selectors.plan_get_for(request.auth, public_id, perm=PlansPerm.EDIT).plan
    services.action_add(actor=request.auth, plan=plan, **payload.dict())
    return Status(201, _plan(request, public_id))


@router.patch("/actions/{int:action_id}", response=PlanOut)
def action_change(request, action_id: int, payload: ActionPatch):
    action = selectors.action_get_for(request.auth, action_id)
    services.action_update(
        actor=request.auth, action=action, expected_version=payload.version,
        status=payload.status, due_on=payload.due_on,
    )  # fmt: skip
    return _plan(request, action.plan.public_id)


@router.post("/{uuid:public_id}/reviews", response={201: PlanOut})
def review_add(request, public_id: UUID, payload: ReviewIn):
    plan = selectors.plan_get_for(request.auth, public_id, perm=PlansPerm.EDIT).plan
    services.review_add(
        actor=request.auth, plan=plan, expected_version=payload.version,
        what_changed=payload.what_changed, on=payload.on,
    )  # fmt: skip
    return Status(201, _plan(request, public_id))
