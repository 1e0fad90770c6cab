"""Pages of itineraries: the plans of a case file, one plan (the person's words, goals,
actions, reviews) and the professional's worklist. Thin: parse, one service or
selector, render. Small forms post back to the plan page, their errors as messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.core.concurrency import StaleEdit
from xarxa.core.errors import REFUSALS, flash_refusal
from xarxa.core.forms import flash_errors
from xarxa.core.policies import require_perm
from xarxa.plans import forms, selectors, services
from xarxa.plans.models import Level
from xarxa.plans.policies import PlansPerm, may_edit


def _to_plan(plan):
    return redirect("plans:detail", public_id=plan.public_id)


def _saved(request) -> None:
    messages.success(request, _("Saved."))


@require_perm(PlansPerm.VIEW)
def case_plans(request, case_public_id):
    if request.method == "POST":
        view = selectors.case_plans_for(request.user, case_public_id, perm=PlansPerm.EDIT)
        form = forms.PlanStartForm(request.POST)
        if not form.is_valid():
            flash_errors(request, form)
            return redirect("plans:case", case_public_id=case_public_id)
        data = form.cleaned_data
        try:
            plan = services.plan_start(
                actor=request.user,
                case=view.case,
                template=data["template"] or None,
                person_words=data["person_words"],
                agreed_on=data["agreed_on"],
            )
        except REFUSALS as error:
            flash_refusal(request, error)
            return redirect("plans:case", case_public_id=case_public_id)
        _saved(request)
        return _to_plan(plan)
    view = selectors.case_plans_for(request.user, case_public_id)
    return render(
        request,
        "plans/case_plans.html",
        {
            "view": view,
            "case": view.case,
            "form": forms.PlanStartForm(),
            "level_label": Level(view.level).label if view.level else "",
        },
    )


@require_perm(PlansPerm.VIEW)
def plan_detail(request, public_id):
    view = selectors.plan_get_for(request.user, public_id)
    plan = view.plan
    return render(
        request,
        "plans/plan_detail.html",
        {
            "view": view,
            "plan": plan,
            "case": view.case,
            "may_edit": may_edit(request.user, plan.status),
            "words_form": forms.WordsForm(
                initial={"version": plan.version, "person_words": plan.person_words}
            ),
            "goal_form": forms.GoalForm(),
            "action_form": forms.ActionForm(),
            "review_form": forms.ReviewForm(initial={"version": plan.version}),
            "goal_statuses": forms.GoalStatus.choices,
            "action_statuses": forms.ActionStatus.choices,
            "levels": range(1, 6),
        },
    )


@require_POST
@require_perm(PlansPerm.EDIT)
def plan_words(request, public_id):
    plan = selectors.plan_get_for(request.user, public_id, perm=PlansPerm.EDIT).plan
    form = forms.WordsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_update(
                actor=request.user, plan=plan, expected_version=data["version"],
                person_words=data["person_words"],
            )  # fmt: skip
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            _saved(request)
    else:
        flash_errors(request, form)
    return _to_plan(plan)


@require_POST
@require_perm(PlansPerm.EDIT)
def plan_close(request, public_id):
    plan = selectors.plan_get_for(request.user, public_id, perm=PlansPerm.EDIT).plan
    form = forms.VersionForm(request.POST)
    if form.is_valid():
        try:
            services.plan_close(
                actor=request.user, plan=plan, expected_version=form.cleaned_data["version"]
            )  # fmt: skip
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            _saved(request)
    else:
        flash_errors(request, form)
    return _to_plan(plan)


@require_POST
@require_perm(PlansPerm.EDIT)
def goal_add(request, public_id):
    view = selectors.plan_get_for(request.user, public_id, perm=PlansPerm.EDIT)
    form = forms.GoalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.goal_add(
                actor=request.user, plan=view.plan, description=data["description"],
                domain=data["domain"] or None,
                target_level=data["target_level"], target_on=data["target_on"],
            )  # fmt: skip
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            _saved(request)
    else:
        flash_errors(request, form)
    return _to_plan(view.plan)


@require_POST
@require_perm(PlansPerm.EDIT)
def goal_update(request, goal_id):
    goal = selectors.goal_get_for(request.user, goal_id)
    form = forms.GoalUpdateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.goal_update(
                actor=request.user, goal=goal, expected_version=data["version"],
                status=data["status"], target_level=data["target_level"],
                target_on=data["target_on"],
            )  # fmt: skip
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            _saved(request)
    else:
        flash_errors(request, form)
    return _to_plan(goal.plan)


@require_POST
@require_perm(PlansPerm.EDIT)
def action_add(request, public_id):
    view = selectors.plan_get_for(request.user, public_id, perm=PlansPerm.EDIT)
    form = forms.ActionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_add(
                actor=request.user, plan=view.plan, description=data["description"],
                who=data["who"], referral=data["referral"] or None, goal=data["goal"],
                due_on=data["due_on"],
            )  # fmt: skip
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            _saved(request)
    else:
        flash_errors(request, form)
    return _to_plan(view.plan)


@require_POST
@require_perm(PlansPerm.EDIT)
def action_update(request, action_id):
    action = selectors.action_get_for(request.user, action_id)
    form = forms.ActionUpdateForm(request.POST)
    if request.headers.get("HX-Request") == "true":
        return _action_row(request, action, form)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_update(
                actor=request.user, action=action, expected_version=data["version"],
                status=data["status"], due_on=data["due_on"],
            )  # fmt: skip
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            _saved(request)
    else:
        flash_errors(request, form)
    return _to_plan(action.plan)


def _action_row(request, action, form):
    """htmx: the action's row alone, changed, or with the reason it was not."""
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_update(
                actor=request.user, action=action, expected_version=data["version"],
                status=data["status"], due_on=data["due_on"],
            )  # fmt: skip
        except StaleEdit as stale:
            error = str(stale)
            action = stale.current
        except REFUSALS as refusal:
            error = (
                " ".join(refusal.messages) if isinstance(refusal, ValidationError) else str(refusal)
            )
    else:
        error = " ".join(m for errors in form.errors.values() for m in errors)
    view = selectors.plan_get_for(request.user, action.plan.public_id)
    row = next(a for a in view.actions if a.pk == action.pk)
    return render(
        request,
        "plans/_action_row.html",
        {"a": row, "may_edit": True, "action_statuses": forms.ActionStatus.choices,
         "error": error, "saved": not error},
    )  # fmt: skip


@require_POST
@require_perm(PlansPerm.EDIT)
def review_add(request, public_id):
    plan = selectors.plan_get_for(request.user, public_id, perm=PlansPerm.EDIT).plan
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.review_add(
                actor=request.user, plan=plan, expected_version=data["version"],
                what_changed=data["what_changed"], on=data["on"],
            )  # fmt: skip
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            _saved(request)
    else:
        flash_errors(request, form)
    return _to_plan(plan)


@require_perm(PlansPerm.VIEW)
def worklist(request):
    return render(
        request, "plans/worklist.html", {"worklist": selectors.worklist_for(request.user)}
    )
