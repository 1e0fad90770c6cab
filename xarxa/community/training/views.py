"""Pages of the facilitators' training plan."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xarxa.community.competences import labels
from xarxa.community.policies import CommunityPerm
from xarxa.community.training import selectors, services
from xarxa.community.training.forms import CourseForm
from xarxa.community.training.models import FACILITATOR_COMPETENCES
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors
from xarxa.core.policies import check_perm, require_perm


@require_perm(CommunityPerm.VIEW)
def training(request):
    form = CourseForm(request.POST or None) if request.POST.get("action") == "course" else None
    if request.method == "POST":
        if request.POST.get("action") == "enrol":
            course = selectors.course_get_for(
                request.user, request.POST.get("course"), perm=CommunityPerm.TRAIN
            )
            try:
                services.training_enrol(actor=request.user, course=course)
            except REFUSALS as error:
                flash_refusal(request, error)
            else:
                messages.success(request, _("Enrolled."))
            return redirect("community:training")
        check_perm(request.user, CommunityPerm.MANAGE_TRAINING)
        if form is not None and form.is_valid():
            try:
                services.course_create(actor=request.user, **form.cleaned_data)
            except REFUSALS as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Course added to the training plan."))
                return redirect("community:training")
    courses = selectors.courses_for(request.user)
    for course in courses:
        course.competence_labels = labels(course.competences, FACILITATOR_COMPETENCES)
    return render(
        request,
        "community/training.html",
        {
            "courses": courses,
            "form": form or CourseForm(),
            "can_train": request.user.has_perm(CommunityPerm.TRAIN),
            "can_manage": request.user.has_perm(CommunityPerm.MANAGE_TRAINING),
        },
        status=400 if form is not None and form.errors else 200,
    )


def course(request, public_id):
    found = selectors.course_get_for(request.user, public_id)
    if request.method == "POST":
        try:
            services.training_complete(
                actor=request.user, course=found, enrolment=request.POST.get("enrolment", "")
            )
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("Marked as completed."))
        return redirect("community:course", public_id=public_id)
    enrolments = selectors.enrolments_of_for(request.user, found)
    return render(request, "community/course.html", {"course": found, "enrolments": enrolments})


@require_perm(CommunityPerm.VIEW)
def facilitators(request):
    rows = selectors.facilitator_competences_for(request.user)
    return render(request, "community/facilitators.html", {"rows": rows})
