"""The fast attendance sheet: tick and untick, and add a walk-in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.community.attendance import selectors, services
from xarxa.community.participants.forms import WalkInForm
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors


def sheet(request, public_id):
    found = selectors.sheet_for(request.user, public_id)
    return render(request, "community/sheet.html", {"sheet": found, "walk_in_form": WalkInForm()})


def _row(request, found, row, present, error=""):
    context = {"sheet": found, "p": row.participant, "present": present, "walk_in": row.walk_in}
    if error:
        context["error"] = error
    return render(request, "community/_sheet_row.html", context)


@require_POST
def tick(request, public_id):
    found = selectors.sheet_for(request.user, public_id)
    row = found.row_of(request.POST.get("participant", ""))
    if row is None:
        raise Http404
    present = request.POST.get("present") == "1"
    try:
        services.attendance_mark(
            actor=request.user, session=found.session, participant=row.participant, present=present
        )
    except REFUSALS as error:
        if request.headers.get("HX-Request"):
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            return _row(request, found, row, not present, text)
        flash_refusal(request, error)
        return redirect("community:sheet", public_id=public_id)
    if request.headers.get("HX-Request"):
        return _row(request, found, row, present)
    return redirect("community:sheet", public_id=public_id)


@require_POST
def walk_in(request, public_id):
    found = selectors.sheet_for(request.user, public_id)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            services.walk_in_add(actor=request.user, session=found.session, **form.cleaned_data)
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Walk-in added and marked present."))
            return redirect("community:sheet", public_id=public_id)
    found = selectors.sheet_for(request.user, public_id)
    return render(
        request, "community/sheet.html", {"sheet": found, "walk_in_form": form}, status=400
    )
