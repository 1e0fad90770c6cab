"""Pages of participants: a point's list (added by hand or from a referral), enrolling in
an activity, a participant's path and what is recorded on it, and the certificate."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.community.activities.selectors import activity_get_for
from xarxa.community.competences import ACTIC_COMPETENCES, DIGCOMP_COMPETENCES, labels
from xarxa.community.help_requests.forms import HelpRequestForm
from xarxa.community.help_requests.selectors import help_requests_of_for
from xarxa.community.help_requests.services import help_request_send
from xarxa.community.participants import selectors, services
from xarxa.community.participants.certificate import certificate_pdf
from xarxa.community.participants.forms import (
    ActicForm,
    DividesForm,
    EnrolForm,
    FromReferralForm,
    OutcomeForm,
    ParticipantForm,
    SelfAssessmentForm,
)
from xarxa.community.points.selectors import point_get_for
from xarxa.community.policies import CommunityPerm
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors
from xarxa.core.forms import flash_errors


@require_POST
def enrol(request, public_id):
    activity = activity_get_for(request.user, public_id)
    form = EnrolForm(request.POST)
    if form.is_valid():
        participant = selectors.participant_get_for(request.user, form.cleaned_data["participant"])
        try:
            services.enrolment_add(actor=request.user, activity=activity, participant=participant)
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("Enrolled."))
    else:
        flash_errors(request, form)
    return redirect("community:activity", public_id=activity.public_id)


def participant_list(request, public_id):
    point = point_get_for(request.user, public_id, perm=CommunityPerm.RUN)
    posted = request.method == "POST"
    from_referral = posted and "ref-referral" in request.POST
    form = ParticipantForm(request.POST if posted and not from_referral else None)
    referrals = selectors.referred_to_for(request.user, point)
    referral_form = FromReferralForm(request.POST if from_referral else None, referrals=referrals)
    chosen = referral_form if from_referral else form
    if posted and chosen.is_valid():
        try:
            if from_referral:
                data = dict(referral_form.cleaned_data)
                participant = services.participant_from_referral(
                    actor=request.user, referral_public_id=data.pop("referral"), **data
                )
            else:
                participant = services.participant_add(
                    actor=request.user, point=point, **form.cleaned_data
                )
        except REFUSALS as error:
            form_errors(chosen, error)
        else:
            messages.success(request, _("Participant added."))
            if participant.registered:
                return redirect("community:participant", public_id=participant.public_id)
            return redirect("community:participants", public_id=point.public_id)
    search = request.GET.get("q", "").strip()[:100]
    participants = selectors.participant_list_for(request.user, point, search=search)
    return render(
        request,
        "community/participant_list.html",
        {
            "point": point,
            "participants": participants,
            "form": form,
            "referral_form": referral_form if referrals or from_referral else None,
            "q": search,
        },
        status=400 if chosen.errors else 200,
    )


def _path_context(request, participant, **forms):
    path = selectors.path_for(request.user, participant)
    divides = [d for d in services.DIVIDES if getattr(participant, f"divide_{d}")]
    return {
        "path": path,
        "self_rows": [
            (d, [s.scores.get(d.code) for s in path.self_assessments]) for d in path.domains
        ],
        "digcomp": labels(path.digcomp, DIGCOMP_COMPETENCES),
        "actic": labels(path.actic, ACTIC_COMPETENCES),
        "self_form": forms.get("self_form") or SelfAssessmentForm(domains=path.domains),
        "actic_form": forms.get("actic_form") or ActicForm(),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(),
        "help_form": forms.get("help_form") or HelpRequestForm(),
        "divides_form": forms.get("divides_form") or DividesForm(initial={"divides": divides}),
        "help_requests": help_requests_of_for(request.user, participant),
    }


def participant_detail(request, public_id):
    participant = selectors.participant_get_for(request.user, public_id)
    return render(request, "community/participant.html", _path_context(request, participant))


def _record(request, participant, what, form):
    data = form.cleaned_data
    if what == "self":
        services.self_assessment_record(
            actor=request.user, participant=participant, moment=data["moment"], scores=form.scores()
        )
    elif what == "divides":
        services.participant_divides_set(
            actor=request.user, participant=participant, divides=data["divides"]
        )
    elif what == "help":
        help_request_send(actor=request.user, participant=participant, **data)
    elif what == "actic":
        services.actic_result_record(actor=request.user, participant=participant, **data)
    else:
        services.outcome_record(actor=request.user, participant=participant, **data)


@require_POST
def participant_record(request, public_id, what):
    participant = selectors.participant_get_for(request.user, public_id)
    path = selectors.path_for(request.user, participant)
    forms = {
        "self": ("self_form", SelfAssessmentForm(request.POST, domains=path.domains)),
        "actic": ("actic_form", ActicForm(request.POST)),
        "outcome": ("outcome_form", OutcomeForm(request.POST)),
        "help": ("help_form", HelpRequestForm(request.POST)),
        "divides": ("divides_form", DividesForm(request.POST)),
    }
    if what not in forms:
        raise Http404
    name, form = forms[what]
    if form.is_valid():
        try:
            _record(request, participant, what, form)
        except REFUSALS as error:
            form_errors(form, error)
        else:
            if what == "help":
                messages.success(request, _("Request sent to social services."))
            else:
                messages.success(request, _("Saved."))
            return redirect("community:participant", public_id=public_id)
    return render(
        request,
        "community/participant.html",
        _path_context(request, participant, **{name: form}),
        status=400,
    )


def certificate(request, public_id):
    participant = selectors.participant_get_for(
        request.user, public_id, reason="certificate of participation"
    )
    if not participant.registered:
        raise Http404
    path = selectors.path_for(request.user, participant)
    response = HttpResponse(certificate_pdf(path), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificat-{participant.public_id}.pdf"'
    return response
