"""Pages of equipment: a point's connection, devices, loans and incidents, and the open
needs across the points in reach."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xarxa.community.equipment import selectors, services
from xarxa.community.equipment.forms import ConnectionForm, DeviceForm, IncidentForm, LoanForm
from xarxa.community.equipment.models import DeviceState
from xarxa.community.points.policies import require_point
from xarxa.community.points.selectors import point_get_for
from xarxa.community.policies import CommunityPerm
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors
from xarxa.core.policies import require_perm

EQUIPMENT_FORMS = {
    "connection": ConnectionForm,
    "device": DeviceForm,
    "loan": LoanForm,
    "incident": IncidentForm,
}


def _post(request, point, action, form):
    user, post = request.user, request.POST
    data = form.cleaned_data if form is not None else {}
    if action == "connection":
        services.connection_set(actor=user, point=point, **data)
    elif action == "device":
        services.device_add(actor=user, point=point, **data)
    elif action == "loan":
        services.loan_start(actor=user, point=point, **data)
    elif action == "incident":
        services.incident_report(actor=user, point=point, **data)
    elif action == "state":
        services.device_state_set(
            actor=user, point=point, device=post.get("device"), state=post.get("state", "")
        )
    elif action == "return":
        services.loan_return(actor=user, point=point, device=post.get("device"))
    elif action == "resolve":
        services.incident_resolve(actor=user, point=point, incident=post.get("incident"))
    else:
        raise Http404


def equipment(request, public_id):
    point = point_get_for(request.user, public_id)
    forms = {name: cls() for name, cls in EQUIPMENT_FORMS.items()}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        perm = CommunityPerm.RUN if action in ("loan", "return") else CommunityPerm.MANAGE_POINT
        require_point(request.user, point, perm)
        form = EQUIPMENT_FORMS[action](request.POST) if action in EQUIPMENT_FORMS else None
        if form is None or form.is_valid():
            try:
                _post(request, point, action, form)
            except REFUSALS as error:
                if form is None:
                    flash_refusal(request, error)
                    return redirect("community:equipment", public_id=public_id)
                form_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("community:equipment", public_id=public_id)
        forms[action] = form
        status = 400
    found = selectors.equipment_for(request.user, point)
    if found.connection and request.method != "POST":
        forms["connection"] = ConnectionForm(
            initial={
                "kind": found.connection.kind,
                "mbps": found.connection.mbps,
                "public_wifi": found.connection.public_wifi,
            }
        )
    return render(
        request,
        "community/equipment.html",
        {
            "equipment": found,
            "forms": forms,
            "states": DeviceState.choices,
            "can_manage": request.user.has_perm(CommunityPerm.MANAGE_POINT),
            "can_run": request.user.has_perm(CommunityPerm.RUN),
        },
        status=status,
    )


@require_perm(CommunityPerm.VIEW)
def needs(request):
    incidents, states = selectors.needs_for(request.user)
    return render(request, "community/needs.html", {"incidents": incidents, "states": states})
