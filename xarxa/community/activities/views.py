"""Pages of activities: the facilitator's day, a new activity, an activity with its
sessions and who is enrolled."""

from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.community.activities import selectors, services
from xarxa.community.activities.forms import ActivityForm, SessionForm
from xarxa.community.competences import ACTIC_COMPETENCES, DIGCOMP_COMPETENCES, labels
from xarxa.community.knowledge.selectors import news_list_for
from xarxa.community.participants.selectors import enrolled_of_for, participant_list_for
from xarxa.community.points.selectors import point_get_for
from xarxa.community.policies import CommunityPerm
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors
from xarxa.core.policies import require_perm


@require_perm(CommunityPerm.RUN)
def today(request):
    try:
        day = date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    sessions = selectors.sessions_on_for(request.user, day)
    news = news_list_for(request.user)[:3]
    return render(request, "community/today.html", {"sessions": sessions, "day": day, "news": news})


def activity_new(request, public_id):
    point = point_get_for(request.user, public_id, perm=CommunityPerm.RUN)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(
                actor=request.user, point=point, **form.cleaned_data
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Activity created. Now plan its sessions."))
            return redirect("community:activity", public_id=activity.public_id)
    return render(request, "community/activity_form.html", {"point": point, "form": form})


def activity_detail(request, public_id):
    activity = selectors.activity_get_for(request.user, public_id)
    enrolled = enrolled_of_for(request.user, activity)
    cancelling = request.POST.get("cancel")
    if request.method == "POST" and cancelling:
        session = selectors.session_get_for(request.user, cancelling, activity=activity)
        try:
            services.session_cancel(actor=request.user, session=session)
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("Session cancelled."))
        return redirect("community:activity", public_id=activity.public_id)
    session_form = SessionForm(request.POST or None)
    if request.method == "POST" and session_form.is_valid():
        try:
            services.session_plan(
                actor=request.user, activity=activity, **session_form.cleaned_data
            )
        except REFUSALS as error:
            form_errors(session_form, error)
        else:
            messages.success(request, _("Sessions planned."))
            return redirect("community:activity", public_id=activity.public_id)
    enrolled_ids = {p.pk for p in enrolled}
    candidates = [
        p for p in participant_list_for(request.user, activity.point) if p.pk not in enrolled_ids
    ]
    return render(
        request,
        "community/activity_detail.html",
        {
            "activity": activity,
            "sessions": selectors.sessions_of(activity),
            "enrolled": enrolled,
            "candidates": candidates,
            "session_form": session_form,
            "digcomp": labels(activity.digcomp, DIGCOMP_COMPETENCES),
            "actic": labels(activity.actic, ACTIC_COMPETENCES),
        },
    )
