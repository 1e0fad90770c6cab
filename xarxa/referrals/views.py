"""Pages: refer from a case file, the referral with its next steps, the receiving
team's inbox and the sender's list of where every referral stands."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.core.audit import audit_record
from xarxa.core.concurrency import StaleEdit
from xarxa.core.errors import REFUSALS, Conflict, flash_refusal, form_errors
from xarxa.core.forms import flash_errors
from xarxa.core.middleware import public
from xarxa.core.models import AuditAction
from xarxa.core.policies import require_perm
from xarxa.records.policies import RecordsPerm
from xarxa.records.selectors import case_find_for
from xarxa.referrals import selectors, services
from xarxa.referrals.forms import (
    DashboardForm,
    MessageForm,
    MoveForm,
    PartnerAnswerForm,
    ReferralForm,
)
from xarxa.referrals.goals import open_goals_for
from xarxa.referrals.policies import ReferralsPerm
from xarxa.referrals.states import State


@require_perm(ReferralsPerm.SEND)
def referral_new(request, case_public_id):
    case, _via = case_find_for(request.user, case_public_id, perm=RecordsPerm.EDIT)
    persons = [p.person for p in case.participations if p.valid_until is None]
    catalogue = selectors.referral_targets_for(request.user)
    every_service = selectors.leaving_services_for(request.user)
    goals = open_goals_for(request.user, case)
    form = ReferralForm(
        request.POST or None, services=catalogue, persons=persons, goals=goals,
        leaving=every_service,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = {
            **form.cleaned_data,
            "transition_from": next(
                (s for s in every_service if s.pk == form.cleaned_data["transition_from"]), None
            ),
            "goals": form.cleaned_data.get("goals", []),
        }
        try:
            referral = services.referral_create(
                actor=request.user,
                case=case,
                person=next(p for p in persons if p.pk == data["person"]),
                service=next(s for s in catalogue if s.pk == data["service"]),
                data=data,
                send="send" in request.POST,
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(
                request,
                _("Referral sent.") if referral.state == State.SENT else _("Draft saved."),
            )
            return redirect("referrals:detail", public_id=referral.public_id)
    return render(request, "referrals/referral_form.html", {"case": case, "form": form})


def referral_detail(request, public_id):
    view = selectors.referral_get_for(request.user, public_id)
    services.notices_mark_read(actor=request.user, referral=view.referral)
    forms = {
        state: MoveForm(initial={"to": state, "version": view.referral.version}, states=[state])
        for state in view.next_states
    }
    link = ""
    if view.party == "sender" and view.referral.partner_nonce:
        token = services.partner_link_token(view.referral)
        link = request.build_absolute_uri(reverse("referrals:partner_answer", args=[token]))
    return render(
        request,
        "referrals/referral_detail.html",
        {"view": view, "forms": forms, "message_form": MessageForm(), "partner_link": link},
    )


@require_POST
def message_post(request, public_id):
    view = selectors.referral_get_for(request.user, public_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_post(
                actor=request.user,
                referral=view.referral,
                text=form.cleaned_data["text"],
                to_both=form.cleaned_data["to_both"],
            )
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("Message saved."))
    else:
        flash_errors(request, form)
    return redirect("referrals:detail", public_id=public_id)


@require_POST
def referral_move(request, public_id):
    view = selectors.referral_get_for(request.user, public_id)
    form = MoveForm(request.POST, states=view.next_states)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_move(
                actor=request.user,
                referral=view.referral,
                to=data["to"],
                reason=data["reason"],
                refusal_reason=data["refusal_reason"],
                alternative=data["alternative"],
                outcome=data["outcome"],
                expected_version=data["version"],
            )
        except StaleEdit:
            messages.error(request, _("Someone else moved this referral meanwhile: check it."))
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("Done."))
    else:
        flash_errors(request, form)
    return redirect("referrals:detail", public_id=public_id)


@require_perm(ReferralsPerm.RECEIVE)
def inbox(request):
    open_only = request.GET.get("all") != "1"
    page = selectors.inbox_for(request.user, page=request.GET.get("page"), open_only=open_only)
    own = selectors.services_with_places_for(request.user, own=True)
    return render(
        request,
        "referrals/inbox.html",
        {
            "page": page,
            "open_only": open_only,
            "notices": selectors.notices_for(request.user),
            "services": own,
        },
    )


@require_perm(ReferralsPerm.SEND)
def outbox(request):
    page = selectors.outbox_for(request.user, page=request.GET.get("page"))
    notices = selectors.notices_for(request.user)
    return render(request, "referrals/outbox.html", {"page": page, "notices": notices})


def referral_fhir(request, public_id):
    bundle = selectors.referral_fhir_for(request.user, public_id)
    response = JsonResponse(bundle, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/fhir+json"
    response["Content-Disposition"] = f'attachment; filename="referral-{public_id}.fhir.json"'
    return response


@require_perm(ReferralsPerm.VIEW_FIGURES)
def dashboard(request):
    form = DashboardForm(request.GET or None)
    period = form.period()
    figures = selectors.dashboard_for(request.user, **period)
    waiting = selectors.services_with_places_for(request.user)
    return render(
        request,
        "referrals/dashboard.html",
        {"form": form, "figures": figures, "waiting": waiting},
    )


@public
def partner_answer(request, token):
    """The page a partner without an account opens from the link: the minimum to answer
    (what is asked, the person's given name and municipality if shared), once."""
    referral = services.partner_referral(token)
    if referral is None:
        return render(request, "referrals/partner_link_used.html", status=410)
    form = PartnerAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.partner_answer(
                token=token,
                accept=data["answer"] == "accept",
                refusal_reason=data["refusal_reason"],
                alternative=data["alternative"],
                note=data["note"],
            )
        except Conflict:  # answered meanwhile, e.g. by a second click sent at once
            return render(request, "referrals/partner_link_used.html", status=409)
        except REFUSALS as error:
            form_errors(form, error)
        else:
            return render(request, "referrals/partner_thanks.html")
    audit_record(
        actor=None,
        action=AuditAction.READ,
        obj=referral,
        person_id=referral.person_id,
        details={"via": "partner link"},
    )
    return render(request, "referrals/partner_answer.html", {"referral": referral, "form": form})


def waiting_list(request, service_public_id):
    """For the service's team, and the coordinators' and evaluators' figures (the
    selector decides who sees whom)."""
    service = selectors.service_with_places_get(request.user, service_public_id)
    waiting = selectors.waiting_list_for(request.user, service)
    return render(
        request,
        "referrals/waiting_list.html",
        {"service": service, "waiting": waiting, "rule": selectors.WAITING_RULE},
    )
