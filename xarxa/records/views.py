"""Pages of the social record: caseload, case file with quick notes, timeline."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.accounts.selectors import active_assignments
from xarxa.core.policies import deny, require_perm
from xarxa.people.selectors import person_get_for
from xarxa.records import selectors, services
from xarxa.records.forms import InterventionForm, ReasonForm, TimelineFilterForm
from xarxa.records.models import CaseFile
from xarxa.records.policies import RecordsPerm


@require_perm(RecordsPerm.VIEW_CASELOAD)
def caseload(request):
    status = "closed" if request.GET.get("status") == "closed" else "open"
    page = selectors.caseload_for(request.user, status=status, page=request.GET.get("page"))
    return render(request, "records/caseload.html", {"page": page, "status": status})


def _case_page(request, view, form=None):
    return render(
        request,
        "records/case_detail.html",
        {
            "case": view.case,
            "page": view.interventions,
            "form": form or InterventionForm(),
            "reason_form": ReasonForm(),
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
    form = InterventionForm(request.POST)
    if form.is_valid():
        try:
            services.intervention_add(actor=request.user, case=view.case, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Note saved. You can write the next one."))
            return redirect("records:case_detail", public_id=public_id)
    return _case_page(request, view, form)


@require_POST
@require_perm(RecordsPerm.EDIT)
def case_status(request, public_id, action):
    case = CaseFile.objects.filter(public_id=public_id).first()
    form = ReasonForm(request.POST)
    if case is None or action not in {"close", "reopen"}:
        return render(request, "core/error.html", status=404)
    if not form.is_valid():
        messages.error(request, _("Write the reason."))
        return redirect("records:case_detail", public_id=public_id)
    change = services.case_close if action == "close" else services.case_reopen
    try:
        change(actor=request.user, case=case, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("records:case_detail", public_id=public_id)


@require_POST
@require_perm(RecordsPerm.EDIT)
def case_open(request, person_public_id):
    view = person_get_for(request.user, person_public_id)
    assignment = next((a for a in active_assignments(request.user) if a.abss or a.team.abss), None)
    if assignment is None:
        raise deny(request.user, "records.casefile:new")
    try:
        case = services.case_open(
            actor=request.user,
            person=view.person,
            team=assignment.team,
            abss=assignment.abss or assignment.team.abss,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("people:detail", public_id=person_public_id)
    messages.success(request, _("Case file opened."))
    return redirect("records:case_detail", public_id=case.public_id)


@require_perm(RecordsPerm.VIEW)
def timeline(request, person_public_id):
    view = person_get_for(request.user, person_public_id)
    if not view.access.reads_records:
        raise deny(request.user, f"records.timeline:{view.person.pk}")
    form = TimelineFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.timeline_for(
        request.user,
        view.person,
        via=view.access.via,
        kinds=filters.get("kind") or None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        page=request.GET.get("page"),
    )
    return render(
        request, "records/timeline.html", {"person": view.person, "page": page, "form": form}
    )
