"""Pages of the points: the network's list, a point's profile (and a mobile point's stops)
and editing the profile."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xarxa.community.activities.selectors import activity_list_for
from xarxa.community.points import selectors, services
from xarxa.community.points.forms import PointForm, StopForm
from xarxa.community.points.models import PointKind
from xarxa.community.points.policies import require_point
from xarxa.community.policies import CommunityPerm
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors
from xarxa.core.policies import require_perm


@require_perm(CommunityPerm.VIEW)
def point_list(request):
    search = request.GET.get("q", "").strip()[:100]
    points = selectors.points_with_facilitators(
        selectors.point_list_for(request.user, search=search)
    )
    return render(request, "community/point_list.html", {"points": points, "q": search})


def point_detail(request, public_id):
    point = selectors.point_get_for(request.user, public_id)
    stop_form = StopForm(request.POST or None) if point.kind == PointKind.MOBILE else None
    if request.method == "POST":
        require_point(request.user, point, CommunityPerm.MANAGE_POINT)
        ending = request.POST.get("end_stop")
        if ending:
            try:
                services.stop_end(actor=request.user, point=point, stop_id=ending)
            except REFUSALS as error:
                flash_refusal(request, error)
            else:
                messages.success(request, _("Saved."))
            return redirect("community:point", public_id=public_id)
        if stop_form is not None and stop_form.is_valid():
            try:
                services.stop_add(actor=request.user, point=point, **stop_form.cleaned_data)
            except REFUSALS as error:
                form_errors(stop_form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("community:point", public_id=public_id)
    return render(
        request,
        "community/point_detail.html",
        {
            "stops": selectors.stops_of_for(request.user, point),
            "stop_form": stop_form,
            "point": point,
            "facilitators": selectors.facilitators_of(point),
            "activities": activity_list_for(request.user, point)[:50],
            "can_run": request.user.has_perm(CommunityPerm.RUN),
            "can_manage": request.user.has_perm(CommunityPerm.MANAGE_POINT),
        },
    )


def point_edit(request, public_id):
    point = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.MANAGE_POINT)
    initial = {name: getattr(point, name) for name in services.POINT_FIELDS}
    form = PointForm(request.POST or None, initial={**initial, "version": point.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.point_update(
                actor=request.user, point=point, data=data, expected_version=version
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Point saved."))
            return redirect("community:point", public_id=point.public_id)
    return render(request, "community/point_edit.html", {"point": point, "form": form})
