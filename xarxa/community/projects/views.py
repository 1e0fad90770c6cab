"""Pages of community projects: the list (the network's, or a point's, where a new one is
started) and one project with its activities and results."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xarxa.community.points.policies import may_on_point, require_point
from xarxa.community.points.selectors import point_get_for
from xarxa.community.policies import CommunityPerm
from xarxa.community.projects import selectors, services
from xarxa.community.projects.forms import ProjectForm, ResultsForm
from xarxa.community.projects.models import Framework
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors


def projects(request, public_id=None):
    point = point_get_for(request.user, public_id) if public_id else None
    form = ProjectForm(request.POST or None) if point else None
    if request.method == "POST":
        if point is None or form is None:
            raise Http404
        require_point(request.user, point, CommunityPerm.RUN)
        if form.is_valid():
            try:
                project = services.project_create(
                    actor=request.user, point=point, **form.cleaned_data
                )
            except REFUSALS as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Project created."))
                return redirect("community:project", public_id=project.public_id)
    framework = request.GET.get("framework", "")
    framework = framework if framework in Framework.values else ""
    found = selectors.project_list_for(request.user, point=point, framework=framework or None)
    return render(
        request,
        "community/projects.html",
        {
            "point": point,
            "projects": found,
            "form": form,
            "frameworks": Framework.choices[1:],
            "framework": framework,
            "can_run": may_on_point(request.user, CommunityPerm.RUN, point),
        },
        status=400 if form is not None and form.errors else 200,
    )


def project(request, public_id):
    found = selectors.project_get_for(request.user, public_id)
    results_form = ResultsForm(request.POST or None, initial={"results": found.project.results})
    if request.method == "POST":
        require_point(request.user, found.project.point, CommunityPerm.RUN)
        activity_id = request.POST.get("activity")
        if activity_id:
            try:
                services.project_link_activity(
                    actor=request.user, project=found.project, activity=activity_id
                )
            except REFUSALS as error:
                flash_refusal(request, error)
            else:
                messages.success(request, _("Activity linked to the project."))
            return redirect("community:project", public_id=public_id)
        if results_form.is_valid():
            services.project_results_set(
                actor=request.user,
                project=found.project,
                results=results_form.cleaned_data["results"],
            )
            messages.success(request, _("Saved."))
            return redirect("community:project", public_id=public_id)
    return render(
        request,
        "community/project.html",
        {
            "project": found.project,
            "activities": found.activities,
            "participants": found.participants,
            "others": found.others,
            "results_form": results_form,
            "can_run": request.user.has_perm(CommunityPerm.RUN),
        },
    )
