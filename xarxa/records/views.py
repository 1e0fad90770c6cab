"""Pages of the social record: caseload, case file with quick notes, problems and
files, hand-over, and the person's timeline. Thin: parse, call one service or
selector, render."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.core.concurrency import StaleEdit
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors
from xarxa.core.forms import flash_errors
from xarxa.core.policies import deny, require_perm
from xarxa.people.selectors import household_get_for, person_get_for
from xarxa.records import policies, selectors, services
from xarxa.records.forms import (
    AttachmentForm,
    CaseOpenForm,
    InterventionForm,
    ParticipantAddForm,
    ParticipantEndForm,
    ProblemEndForm,
    ProblemForm,
    ReasonForm,
    ReassignForm,
    TimelineFilterForm,
)
from xarxa.records.policies import RecordsPerm


@require_perm(RecordsPerm.VIEW_CASELOAD)
def caseload(request):
    status = "closed" if request.GET.get("status") == "closed" else "open"
    page = selectors.caseload_for(request.user, status=status, page=request.GET.get("page"))
    return render(request, "records/caseload.html", {"page": page, "status": status})


def _case_page(request, view, form=None):
    case = view.case
    if form is None:
        form = InterventionForm(
            participants=view.participants_now, colleagues=selectors.colleagues_for_case(case)
        )
    may_edit = policies.may_edit_case(request.user, case, view.via)
    may_change_people = policies.may_change_case_people(request.user, case, view.via)
    return render(
        request,
        "records/case_detail.html",
        {
            "view": view,
            "case": case,
            "page": view.interventions,
            "form": form,
            "reason_form": ReasonForm(initial={"version": case.version}),
            "may_reassign": policies.may_reassign(request.user, case),
            "candidates": (
                selectors.case_participant_candidates(request.user, case)
                if may_change_people
                else []
            ),
            "may_edit": may_edit,
            "may_change_people": may_change_people,
            "add_form": ParticipantAddForm(),
            "end_form": ParticipantEndForm(),
        },
    )


@require_perm(RecordsPerm.VIEW)
def case_detail(request, public_id):
    view = selectors.case_get_for(request.user, public_id, page=request.GET.get("page"))
    return _case_page(request, view)


@require_POST
@require_perm(RecordsPerm.EDIT)
def intervention_add(request, public_id):
    view = selectors.case_get_for(request.user, public_id)
    form = InterventionForm(
        request.POST,
        participants=view.participants_now,
        colleagues=selectors.colleagues_for_case(view.case),
    )
    if form.is_valid():
        try:
            services.intervention_add(actor=request.user, case=view.case, **form.cleaned_data)
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Note saved. You can write the next one."))
            return redirect("records:case_detail", public_id=public_id)
    return _case_page(request, view, form=form)


@require_POST
@require_perm(RecordsPerm.EDIT)
def case_status(request, public_id, action):
    case, _via = selectors.case_find_for(request.user, public_id, perm=RecordsPerm.EDIT)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the reason."))
        return redirect("records:case_detail", public_id=public_id)
    change = services.case_close if action == "close" else services.case_reopen
    try:
        change(
            actor=request.user,
            case=case,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEdit as stale:
        messages.error(
            request,
            _("%(problem)s It is now: %(status)s.")
            % {"problem": stale, "status": stale.current.get_status_display()},
        )
    except REFUSALS as error:
        flash_refusal(request, error)
    else:
        messages.success(
            request, _("Case file closed.") if action == "close" else _("Case file reopened.")
        )
    return redirect("records:case_detail", public_id=public_id)


@require_perm(RecordsPerm.EDIT)
def case_assign(request, public_id):
    case, _via = selectors.case_find_for(request.user, public_id, perm=RecordsPerm.EDIT)
    if not policies.may_reassign(request.user, case):
        raise deny(request.user, f"records.casefile:{case.pk}:assign")
    choices = selectors.reassign_choices_for(case)
    options = {
        "case": case,
        "professionals": choices.professionals,
        "teams": choices.teams,
        "municipalities": choices.municipalities,
    }
    form = ReassignForm(request.POST or None, **options)
    changed = {}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_id = {
            "reference_professional": {u.pk: u for u in choices.professionals},
            "team": {t.pk: t for t in choices.teams},
            "municipality": {m.pk: m for m in choices.municipalities},
        }
        try:
            services.case_reassign(
                actor=request.user,
                case=case,
                expected_version=data["version"],
                reason=data["reason"],
                original=form.original(),
                **{name: by_id[name][data[name]] for name in by_id},
            )
        except StaleEdit as stale:
            form.add_error(None, str(stale))
            changed = _stale_changes(stale, by_id)
            # Keep what the user typed; the next save is checked against the new version.
            form.data = form.data.copy()
            form.data["version"] = stale.current.version
            for name in ("reference_professional", "team", "municipality"):
                form.data[f"was_{name}"] = getattr(stale.current, f"{name}_id")
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The case file has changed hands."))
            return redirect("records:case_detail", public_id=public_id)
    return render(
        request,
        "records/case_assign.html",
        {"case": case, "form": form, "changed": changed},
    )


def _stale_changes(stale: StaleEdit, by_id) -> list[tuple[str, str]]:
    labels = {
        "reference_professional_id": (_("Reference professional"), "reference_professional"),
        "team_id": (_("Team"), "team"),
        "municipality_id": (_("Municipality"), "municipality"),
    }
    shown = []
    for field, value in stale.changed.items():
        label, name = labels[field]
        obj = by_id[name].get(value)
        text = (obj.get_full_name() or obj.username) if name == "reference_professional" else obj
        shown.append((label, str(text if obj else value)))
    return shown


@require_perm(RecordsPerm.EDIT)
def problem_add(request, public_id):
    case, _via = selectors.case_find_for(request.user, public_id, perm=RecordsPerm.EDIT)
    form = ProblemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_add(
                actor=request.user,
                case=case,
                code=form.cleaned_data["category"],
                started_on=form.cleaned_data["started_on"],
                notes=form.cleaned_data["notes"],
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Problem added."))
            return redirect("records:case_detail", public_id=public_id)
    return render(request, "records/problem_form.html", {"case": case, "form": form})


@require_POST
@require_perm(RecordsPerm.EDIT)
def problem_end(request, public_id, problem_id):
    case, _via = selectors.case_find_for(request.user, public_id, perm=RecordsPerm.EDIT)
    form = ProblemEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("records:case_detail", public_id=public_id)
    try:
        services.problem_end(
            actor=request.user,
            case=case,
            problem_id=problem_id,
            ended_on=form.cleaned_data["ended_on"],
        )
    except REFUSALS as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Problem ended."))
    return redirect("records:case_detail", public_id=public_id)


@require_perm(RecordsPerm.VIEW)
def attachments(request, public_id, intervention_id):
    perm = RecordsPerm.EDIT if request.method == "POST" else RecordsPerm.VIEW
    item = selectors.intervention_get_for(request.user, public_id, intervention_id, perm=perm)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                actor=request.user, intervention=item, upload=form.cleaned_data["file"]
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("File added."))
            return redirect("records:attachments", public_id=public_id, intervention_id=item.pk)
    return render(
        request,
        "records/attachments.html",
        {"case": item.case, "item": item, "form": form},
    )


@require_perm(RecordsPerm.VIEW)
def attachment_download(request, public_id, attachment_id):
    attachment = selectors.attachment_get_for(request.user, public_id, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _case_open_page(request, *, person=None, household=None, back):
    """GET: choose the reference professional and date; POST: open the case file."""
    if not policies.may_open_cases(request.user):
        raise deny(request.user, "records.casefile:new")
    form = CaseOpenForm(
        request.POST if request.method == "POST" else None,
        professionals=selectors.opening_professionals_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(
                actor=request.user, person=person, household=household, **form.opening()
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Case file opened."))
            return redirect("records:case_detail", public_id=case.public_id)
    return render(
        request,
        "records/case_open.html",
        {"form": form, "person": person, "household": household, "back": back},
    )


@require_perm(RecordsPerm.EDIT)
def case_open(request, person_public_id):
    view = person_get_for(request.user, person_public_id)
    back = reverse("people:detail", args=[person_public_id])
    return _case_open_page(request, person=view.person, back=back)


@require_perm(RecordsPerm.EDIT)
def case_open_household(request, household_public_id):
    view = household_get_for(request.user, household_public_id)
    back = reverse("people:household", args=[household_public_id])
    return _case_open_page(request, household=view.household, back=back)


@require_perm(RecordsPerm.VIEW)
def timeline(request, person_public_id):
    view = person_get_for(request.user, person_public_id)
    cases = selectors.case_list_for_person(request.user, view.person)
    form = TimelineFilterForm(request.GET or None, cases=cases)
    filters = form.cleaned_data if form.is_valid() else {}
    case = next((c for c in cases if str(c.public_id) == filters.get("case")), None)
    page = selectors.timeline_for(
        request.user,
        view.person,
        kinds=filters.get("kind") or None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        case=case,
        page=request.GET.get("page"),
    )
    return render(
        request, "records/timeline.html", {"person": view.person, "page": page, "form": form}
    )


@require_POST
@require_perm(RecordsPerm.EDIT)
def participant_add(request, public_id):
    """Someone living with the case's people joins the case file."""
    case, _via = selectors.case_find_for(request.user, public_id, perm=RecordsPerm.EDIT)
    if not policies.may_open_cases(request.user):
        raise deny(request.user, f"records.casefile:{case.pk}:people")
    form = ParticipantAddForm(request.POST)
    if form.is_valid():
        candidates = selectors.case_participant_candidates(request.user, case)
        person = next((p for p in candidates if p.public_id == form.cleaned_data["person"]), None)
        if person is None:
            raise Http404
        try:
            services.case_participant_add(
                actor=request.user, case=case, person=person, on=form.cleaned_data["on"]
            )
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("Added to the case file."))
    else:
        flash_errors(request, form)
    return redirect("records:case_detail", public_id=public_id)


@require_POST
@require_perm(RecordsPerm.EDIT)
def participant_end(request, public_id, participant_id):
    case, _via = selectors.case_find_for(request.user, public_id, perm=RecordsPerm.EDIT)
    if not policies.may_open_cases(request.user):
        raise deny(request.user, f"records.casefile:{case.pk}:people")
    participant = selectors.case_participation_for(case, participant_id=participant_id)
    form = ParticipantEndForm(request.POST)
    if form.is_valid():
        try:
            services.case_participant_end(
                actor=request.user, case=case, participant=participant, on=form.cleaned_data["on"]
            )
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("No longer in the case file; the history stays."))
    else:
        flash_errors(request, form)
    return redirect("records:case_detail", public_id=public_id)
