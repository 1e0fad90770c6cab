"""Itineraries under /api/v1/plans: the same services and selectors as the pages."""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from xarxa.core.concurrency import StaleEdit
from xarxa.plans import selectors, services
from xarxa.plans.models import PlanTemplate

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
    domain: str | None
    baseline_level: int | None
    target_level: int | None
    target_on: date | None
    status: str


class ActionOut(Schema):
    id: int
    version: int
    description: str
    who: str
    professional: str | None
    referral: UUID | None
    goal: int | None
    due_on: date | None
    status: str


class ReviewOut(Schema):
    on: date
    what_changed: str
    level: str
    next_review_due: date


class PlanOut(Schema):
    public_id: UUID
    version: int
    case: UUID
    person: UUID
    template: str | None
    level: str
    status: str
    person_words: str
    agreed_on: date
    next_review_due: date
    goals: list[GoalOut]
    actions: list[ActionOut]
    reviews: list[ReviewOut]


class PlanSummary(Schema):
    public_id: UUID
    level: str
    status: str
    agreed_on: date
    next_review_due: date
    template: str | None


class PlanIn(Schema):
    case: UUID
    template: str | None = None
    person_words: str = ""
    agreed_on: date | None = None


class PlanPatch(Schema):
    version: int
    person_words: str | None = None
    close: bool = False


class GoalIn(Schema):
    description: str
    domain: str | None = None
    target_level: int | None = None
    target_on: date | None = None


class GoalPatch(Schema):
    version: int
    status: str
    target_level: int | None = None
    target_on: date | None = None


class ActionIn(Schema):
    description: str
    who: str
    referral: UUID | None = None
    goal: int | None = None
    due_on: date | None = None


class ActionPatch(Schema):
    version: int
    status: str
    due_on: date | None = None


class ReviewIn(Schema):
    version: int
    what_changed: str
    on: date | None = None


class WorklistReview(Schema):
    plan: UUID
    case: str
    next_review_due: date
    overdue: bool


class WorklistAction(Schema):
    id: int
    plan: UUID
    case: str
    description: str
    due_on: date


class WorklistOut(Schema):
    reviews: list[WorklistReview]
    actions: list[WorklistAction]


def _call(change):
    """Bad input: 422 with the reasons; a stale edit: 409. Nothing changes either way."""
    try:
        return change()
    except StaleEdit as stale:
        raise HttpError(409, str(stale)) from None
    except ValidationError as error:
        raise NinjaValidationError([{"loc": [], "msg": " ".join(error.messages)}]) from None


def _out(view) -> dict:
    plan = view.plan
    return {
        "public_id": plan.public_id,
        "version": plan.version,
        "case": view.case.public_id,
        "person": plan.person.public_id,
        "template": plan.template.code if plan.template else None,
        "level": plan.level,
        "status": plan.status,
        "person_words": plan.person_words,
        "agreed_on": plan.agreed_on,
        "next_review_due": plan.next_review_due,
        "goals": [
            {
                "id": g.pk,
                "version": g.version,
                "description": g.description,
                "domain": g.domain.code if g.domain else None,
                "baseline_level": g.baseline_level,
                "target_level": g.target_level,
                "target_on": g.target_on,
                "status": g.status,
            }
            for g in view.goals
        ],
        "actions": [
            {
                "id": a.pk,
                "version": a.version,
                "description": a.description,
                "who": a.who,
                "professional": a.professional.username if a.professional else None,
                "referral": a.referral.public_id if a.referral else None,
                "goal": a.goal_id,
                "due_on": a.due_on,
                "status": a.status,
            }
            for a in view.actions
        ],
        "reviews": [
            {
                "on": r.on,
                "what_changed": r.what_changed,
                "level": r.level,
                "next_review_due": r.next_review_due,
            }
            for r in view.reviews
        ],
    }


def _reload(request, public_id):
    return _out(selectors.plan_get_for(request.auth, public_id))


@router.get("/templates", response=list[TemplateOut])
def templates(request):
    """The plan templates per complexity level (data)."""
    return [
        {
            "code": t.code,
            "level": t.level,
            "name": t.name,
            "description": t.description,
            "review_months": t.review_months,
        }
        for t in PlanTemplate.objects.filter(active=True).order_by("review_months")
    ]


@router.get("/worklist", response=WorklistOut)
def worklist(request):
    """The caller's reviews due and overdue actions."""
    work = selectors.worklist_for(request.auth)
    return {
        "reviews": [
            {
                "plan": p.public_id,
                "case": p.case.number,
                "next_review_due": p.next_review_due,
                "overdue": p.overdue,
            }
            for p in work.reviews
        ],
        "actions": [
            {
                "id": a.pk,
                "plan": a.plan.public_id,
                "case": a.plan.case.number,
                "description": a.description,
                "due_on": a.due_on,
            }
            for a in work.actions
        ],
    }


@router.get("/case/{uuid:case_id}", response=list[PlanSummary])
def case_plans(request, case_id: UUID):
    """The plans of a case file, newest first (open one for its goals and actions)."""
    view = selectors.case_plans_for(request.auth, case_id)
    return [
        {
            "public_id": p.public_id,
            "level": p.level,
            "status": p.status,
            "agreed_on": p.agreed_on,
            "next_review_due": p.next_review_due,
            "template": p.template.code if p.template else None,
        }
        for p in view.plans
    ]


@router.post("", response={201: PlanOut})
def start(request, payload: PlanIn):
    from xarxa.plans.policies import PlansPerm

    view = selectors.case_plans_for(request.auth, payload.case, perm=PlansPerm.EDIT)
    template = None
    if payload.template:
        template = PlanTemplate.objects.filter(code=payload.template, active=True).first()
        if template is None:
            raise NinjaValidationError([{"loc": ["template"], "msg": "Unknown template."}])
    plan = _call(lambda: services.plan_start(
        actor=request.auth, case=view.case, template=template,
        person_words=payload.person_words, agreed_on=payload.agreed_on,
    ))  # fmt: skip
    return Status(201, _reload(request, plan.public_id))


@router.get("/{uuid:public_id}", response=PlanOut)
def detail(request, public_id: UUID):
    return _reload(request, public_id)


@router.patch("/{uuid:public_id}", response=PlanOut)
def change(request, public_id: UUID, payload: PlanPatch):
    from xarxa.plans.policies import PlansPerm

    plan = selectors.plan_get_for(request.auth, public_id, perm=PlansPerm.EDIT).plan
    if payload.person_words is not None:
        _call(lambda: services.plan_update(
            actor=request.auth, plan=plan, expected_version=payload.version,
            person_words=payload.person_words,
        ))  # fmt: skip
    if payload.close:
        version = plan.version if payload.person_words is not None else payload.version
        _call(lambda: services.plan_close(actor=request.auth, plan=plan, expected_version=version))
    return _reload(request, public_id)


@router.post("/{uuid:public_id}/goals", response={201: PlanOut})
def goal_add(request, public_id: UUID, payload: GoalIn):
    from xarxa.plans.policies import PlansPerm

    view = selectors.plan_get_for(request.auth, public_id, perm=PlansPerm.EDIT)
    domain = None
    if payload.domain:
        domain = next((d for d in view.domains if d.code == payload.domain), None)
        if domain is None:
            raise NinjaValidationError([{"loc": ["domain"], "msg": "Unknown domain."}])
    _call(lambda: services.goal_add(
        actor=request.auth, plan=view.plan, description=payload.description, domain=domain,
        target_level=payload.target_level, target_on=payload.target_on,
    ))  # fmt: skip
    return Status(201, _reload(request, public_id))


@router.patch("/goals/{int:goal_id}", response=PlanOut)
def goal_change(request, goal_id: int, payload: GoalPatch):
    goal = selectors.goal_get_for(request.auth, goal_id)
    _call(lambda: services.goal_update(
        actor=request.auth, goal=goal, expected_version=payload.version, status=payload.status,
        target_level=payload.target_level, target_on=payload.target_on,
    ))  # fmt: skip
    return _reload(request, goal.plan.public_id)


@router.post("/{uuid:public_id}/actions", response={201: PlanOut})
def action_add(request, public_id: UUID, payload: ActionIn):
    from xarxa.plans.policies import PlansPerm

    view = selectors.plan_get_for(request.auth, public_id, perm=PlansPerm.EDIT)
    referral = goal = None
    if payload.referral:
        referral = next((r for r in view.referrals if r.public_id == payload.referral), None)
        if referral is None:
            raise NinjaValidationError(
                [{"loc": ["referral"], "msg": "Not a referral of this case file."}]
            )
    if payload.goal:
        goal = next((g for g in view.goals if g.pk == payload.goal), None)
        if goal is None:
            raise NinjaValidationError([{"loc": ["goal"], "msg": "Not a goal of this plan."}])
    _call(lambda: services.action_add(
        actor=request.auth, plan=view.plan, description=payload.description, who=payload.who,
        referral=referral, goal=goal, due_on=payload.due_on,
    ))  # fmt: skip
    return Status(201, _reload(request, public_id))


@router.patch("/actions/{int:action_id}", response=PlanOut)
def action_change(request, action_id: int, payload: ActionPatch):
    action = selectors.action_get_for(request.auth, action_id)
    _call(lambda: services.action_update(
        actor=request.auth, action=action, expected_version=payload.version,
        status=payload.status, due_on=payload.due_on,
    ))  # fmt: skip
    return _reload(request, action.plan.public_id)


@router.post("/{uuid:public_id}/reviews", response={201: PlanOut})
def review_add(request, public_id: UUID, payload: ReviewIn):
    from xarxa.plans.policies import PlansPerm

    plan = selectors.plan_get_for(request.auth, public_id, perm=PlansPerm.EDIT).plan
    _call(lambda: services.review_add(
        actor=request.auth, plan=plan, expected_version=payload.version,
        what_changed=payload.what_changed, on=payload.on,
    ))  # fmt: skip
    return Status(201, _reload(request, public_id))
