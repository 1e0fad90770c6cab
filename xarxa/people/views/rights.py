"""Pages for merging duplicates, emergency access, restriction and the access log
(the data-protection officer's side)."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.accounts.reauth import recent_password_required
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors
from xarxa.core.policies import require_perm
from xarxa.people import selectors, services
from xarxa.people.forms import (
    EmergencyAccessForm,
    GrantReviewForm,
    MergeChooseForm,
    MergeReasonForm,
    ProtectionForm,
    RestrictForm,
    UndoReasonForm,
)
from xarxa.people.policies import LimitReached, PeoplePerm


@require_perm(PeoplePerm.MERGE)
def merge(request, public_id):
    """Compare this record (it survives) with another and merge the other into it."""
    survivor = selectors.person_writable_for(request.user, public_id)
    choose = MergeChooseForm(request.GET or None)
    other = None
    form = MergeReasonForm(request.POST or None)
    if choose.is_valid():
        try:
            other_id = uuid.UUID(choose.cleaned_data["other"].strip().strip("/").split("/")[-1])
        except ValueError:
            choose.add_error("other", _("This is not a record identifier."))
        else:
            if other_id == survivor.person.public_id:
                choose.add_error("other", _("Choose two different records."))
            else:
                other = selectors.person_writable_for(request.user, other_id)
    if other and request.method == "POST" and form.is_valid():
        try:
            services.person_merge(
                actor=request.user,
                survivor=survivor.person,
                merged=other.person,
                reason=form.cleaned_data["reason"],
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The records were merged. The merge can be undone."))
            return redirect("people:detail", public_id=public_id)
    sides = []
    if other:
        for view in (survivor, other):
            card = selectors.person_card_for(request.user, view)
            sides.append({"person": view.person, "card": card})
    return render(
        request,
        "people/merge.html",
        {"person": survivor.person, "choose": choose, "form": form, "other": other, "sides": sides},
    )


@require_perm(PeoplePerm.MERGE)
def merge_undo(request, merge_id):
    merge_row = selectors.merge_get_for(request.user, merge_id)
    form = UndoReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_merge_undo(
                actor=request.user, merge=merge_row, reason=form.cleaned_data["reason"]
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The merge was undone: there are two records again."))
            return redirect("people:detail", public_id=merge_row.merged.public_id)
    return render(request, "people/merge_undo.html", {"merge": merge_row, "form": form})


@require_perm(PeoplePerm.BREAK_GLASS)
@recent_password_required
def emergency_access(request, public_id):
    """Ask for emergency access to a person outside one's scope."""
    person = selectors.person_for_emergency_access(request.user, public_id)
    form = EmergencyAccessForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.access_grant_open(
                actor=request.user,
                person=person,
                reason=form.cleaned_data["reason"],
                reason_kind=form.cleaned_data["reason_kind"],
            )
        except REFUSALS as error:
            form_errors(form, error)
        except LimitReached as limit:
            form.add_error(None, str(limit))
            status = 429
        else:
            if grant.pending:
                messages.warning(
                    request,
                    _(
                        "This person's file is protected: a coordinator or the "
                        "data-protection officer must approve your emergency access first. "
                        "They have been told."
                    ),
                )
                return redirect("people:search")
            messages.warning(
                request,
                _(
                    "Emergency access open for 4 hours, to read only. The data-protection "
                    "officer is told."
                ),
            )
            return redirect("people:detail", public_id=public_id)
    return render(
        request,
        "people/emergency_access.html",
        {"form": form, "public_id": public_id},
        status=status,
    )


@require_perm(PeoplePerm.VIEW_ACCESS_LOG)
def emergency_reviews(request):
    """The data-protection officer's list of emergency accesses not reviewed yet."""
    grants = selectors.access_grants_unreviewed_for(request.user)
    page = Paginator(grants, 50).get_page(request.GET.get("page"))
    return render(
        request, "people/emergency_reviews.html", {"page": page, "form": GrantReviewForm()}
    )


@require_POST
@require_perm(PeoplePerm.VIEW_ACCESS_LOG)
def emergency_review(request, grant_id):
    """The officer's review: justified, or not justified with the follow-up."""
    grant = selectors.access_grant_get_for(request.user, grant_id)
    form = GrantReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("people:emergency_reviews")
    try:
        services.access_grant_review(
            actor=request.user,
            grant=grant,
            outcome=form.cleaned_data["outcome"],
            follow_up=form.cleaned_data["follow_up"],
        )
    except REFUSALS as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Review recorded."))
    return redirect("people:emergency_reviews")


@require_perm(PeoplePerm.APPROVE_EMERGENCY)
def emergency_approvals(request):
    """Emergency accesses to protected persons waiting for a second person."""
    grants = selectors.access_grants_pending_for(request.user)
    page = Paginator(grants, 50).get_page(request.GET.get("page"))
    return render(request, "people/emergency_approvals.html", {"page": page})


@require_POST
@require_perm(PeoplePerm.APPROVE_EMERGENCY)
def emergency_approve(request, grant_id):
    grant = selectors.access_grant_pending_get_for(request.user, grant_id)
    try:
        services.access_grant_approve(actor=request.user, grant=grant)
    except REFUSALS as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Approved: the emergency access is open for 4 hours."))
    return redirect("people:emergency_approvals")


@require_POST
@require_perm(PeoplePerm.RESTRICT)
def restrict(request, public_id):
    view = selectors.person_get_for(request.user, public_id)
    form = RestrictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the reason for this decision."))
    else:
        services.person_restrict(
            actor=request.user,
            person=view.person,
            reason=form.cleaned_data["reason"],
            restricted=request.POST.get("restricted") == "1",
        )
        messages.success(request, _("Saved."))
    return redirect("people:detail", public_id=public_id)


@require_POST
@require_perm(PeoplePerm.APPROVE_EMERGENCY)
def protection(request, public_id):
    """Flag a person as protected (gender violence, relocated victim) or unflag them."""
    view = selectors.person_get_for(request.user, public_id)
    form = ProtectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the reason for this decision."))
    else:
        try:
            services.person_protection_set(
                actor=request.user,
                person=view.person,
                protection=form.cleaned_data["protection"],
                reason=form.cleaned_data["reason"],
            )
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("Saved."))
    return redirect("people:detail", public_id=public_id)


@require_perm(PeoplePerm.VIEW_ACCESS_LOG)
def access_log(request, public_id):
    view = selectors.person_get_for(request.user, public_id, reason="access log")
    events = selectors.person_access_log_for(request.user, view.person)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "people/access_log.html", {"person": view.person, "page": page})
