"""Pages of the Òmnia network: points, the facilitator's day, activities and their
sessions, the fast attendance sheet, participants and their path, and the figures."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.community import figures as figures_module
from xarxa.community import selectors, services
from xarxa.community.certificate import certificate_pdf
from xarxa.community.competences import ACTIC_COMPETENCES, DIGCOMP_COMPETENCES, labels
from xarxa.community.forms import (
    ActicForm,
    ActivityForm,
    AnswerForm,
    ConnectionForm,
    DeviceForm,
    DividesForm,
    EnrolForm,
    FiguresForm,
    FromReferralForm,
    HelpRequestForm,
    IncidentForm,
    LoanForm,
    OutcomeForm,
    ParticipantForm,
    PointForm,
    SelfAssessmentForm,
    SessionForm,
    WalkInForm,
)
from xarxa.community.policies import CommunityPerm
from xarxa.community.scope import point_scope_for
from xarxa.core.concurrency import StaleEdit
from xarxa.core.forms import flash_errors
from xarxa.core.policies import require_perm
from xarxa.organisations.models import Organisation


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _flash(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_perm(CommunityPerm.VIEW)
def point_list(request):
    search = request.GET.get("q", "").strip()[:100]
    points = selectors.points_with_facilitators(
        selectors.point_list_for(request.user, search=search)
    )
    return render(request, "community/point_list.html", {"points": points, "q": search})


def point_detail(request, public_id):
    from xarxa.community.forms import StopForm
    from xarxa.community.models import PointKind, Stop

    point = selectors.point_get_for(request.user, public_id)
    can_run = request.user.has_perm(CommunityPerm.RUN)
    stop_form = StopForm(request.POST or None) if point.kind == PointKind.MOBILE else None
    if request.method == "POST":
        services.require_point(request.user, point, CommunityPerm.MANAGE_POINT)
        ending = request.POST.get("end_stop")
        if ending:
            stop = Stop.objects.filter(point=point, pk=ending if ending.isdigit() else 0).first()
            if stop is None:
                raise Http404
            services.stop_end(actor=request.user, stop=stop)
            messages.success(request, _("Saved."))
            return redirect("community:point", public_id=public_id)
        if stop_form is not None and stop_form.is_valid():
            try:
                services.stop_add(actor=request.user, point=point, **stop_form.cleaned_data)
            except ValidationError as error:
                _add_errors(stop_form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("community:point", public_id=public_id)
    stops = Stop.objects.valid_on(timezone.localdate()).filter(point=point)
    return render(
        request,
        "community/point_detail.html",
        {
            "stops": stops.select_related("municipality"),
            "stop_form": stop_form,
            "point": point,
            "facilitators": selectors.facilitators_of(point),
            "activities": selectors.activity_list_for(request.user, point)[:50],
            "can_run": can_run,
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
        except StaleEdit as stale:
            form.add_error(None, str(stale))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Point saved."))
            return redirect("community:point", public_id=point.public_id)
    return render(request, "community/point_edit.html", {"point": point, "form": form})


@require_perm(CommunityPerm.RUN)
def today(request):
    try:
        day = date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    sessions = selectors.sessions_on_for(request.user, day)
    news = selectors.news_list_for(request.user)[:3]
    return render(request, "community/today.html", {"sessions": sessions, "day": day, "news": news})


def activity_new(request, public_id):
    point = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.RUN)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(
                actor=request.user, point=point, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Activity created. Now plan its sessions."))
            return redirect("community:activity", public_id=activity.public_id)
    return render(request, "community/activity_form.html", {"point": point, "form": form})


def activity_detail(request, public_id):
    activity = selectors.activity_get_for(request.user, public_id)
    enrolled = selectors.enrolled_of_for(request.user, activity)
    cancelling = request.POST.get("cancel")
    if request.method == "POST" and cancelling:
        session = (
            activity.sessions.filter(public_id=cancelling).first() if _is_uuid(cancelling) else None
        )
        if session is None:
            raise Http404
        try:
            services.session_cancel(actor=request.user, session=session)
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, _("Session cancelled."))
        return redirect("community:activity", public_id=activity.public_id)
    session_form = SessionForm(request.POST or None)
    if request.method == "POST" and session_form.is_valid():
        try:
            services.session_plan(
                actor=request.user, activity=activity, **session_form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(session_form, error)
        else:
            messages.success(request, _("Sessions planned."))
            return redirect("community:activity", public_id=activity.public_id)
    enrolled_ids = {p.pk for p in enrolled}
    candidates = [
        p
        for p in selectors.participant_list_for(request.user, activity.point)
        if p.pk not in enrolled_ids
    ]
    return render(
        request,
        "community/activity_detail.html",
        {
            "activity": activity,
            "sessions": activity.sessions.order_by("date", "starts_at"),
            "enrolled": enrolled,
            "candidates": candidates,
            "session_form": session_form,
            "digcomp": labels(activity.digcomp, DIGCOMP_COMPETENCES),
            "actic": labels(activity.actic, ACTIC_COMPETENCES),
        },
    )


@require_POST
def enrol(request, public_id):
    activity = selectors.activity_get_for(request.user, public_id)
    form = EnrolForm(request.POST)
    if form.is_valid():
        participant = selectors.participant_get_for(request.user, form.cleaned_data["participant"])
        try:
            services.enrolment_add(actor=request.user, activity=activity, participant=participant)
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, _("Enrolled."))
    else:
        flash_errors(request, form)
    return redirect("community:activity", public_id=activity.public_id)


def sheet(request, public_id):
    sheet = selectors.sheet_for(request.user, public_id)
    return render(request, "community/sheet.html", {"sheet": sheet, "walk_in_form": WalkInForm()})


@require_POST
def tick(request, public_id):
    sheet = selectors.sheet_for(request.user, public_id)
    rows = {str(p.public_id): p for p, _present, _walk in sheet.rows}
    participant = rows.get(request.POST.get("participant", ""))
    if participant is None:
        raise Http404
    present = request.POST.get("present") == "1"
    try:
        services.attendance_mark(
            actor=request.user, session=sheet.session, participant=participant, present=present
        )
    except ValidationError as error:
        if request.headers.get("HX-Request"):
            walk_in = next(w for p, _pr, w in sheet.rows if p.pk == participant.pk)
            return render(
                request,
                "community/_sheet_row.html",
                {"sheet": sheet, "p": participant, "present": not present, "walk_in": walk_in,
                 "error": " ".join(error.messages)},
            )  # fmt: skip
        _flash(request, error)
        return redirect("community:sheet", public_id=public_id)
    if request.headers.get("HX-Request"):
        walk_in = next(w for p, _pr, w in sheet.rows if p.pk == participant.pk)
        return render(
            request,
            "community/_sheet_row.html",
            {"sheet": sheet, "p": participant, "present": present, "walk_in": walk_in},
        )
    return redirect("community:sheet", public_id=public_id)


@require_POST
def walk_in(request, public_id):
    sheet = selectors.sheet_for(request.user, public_id)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            services.walk_in_add(actor=request.user, session=sheet.session, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Walk-in added and marked present."))
            return redirect("community:sheet", public_id=public_id)
    sheet = selectors.sheet_for(request.user, public_id)
    return render(
        request, "community/sheet.html", {"sheet": sheet, "walk_in_form": form}, status=400
    )


def _referred_to(user, point):
    """Open referrals to the point's team that share the person's name (audited list)."""
    from xarxa.referrals.policies import ReferralsPerm
    from xarxa.referrals.selectors import inbox_for

    if not user.has_perm(ReferralsPerm.RECEIVE):
        return []
    page = inbox_for(user)
    linked = set(
        point.participants.filter(person__isnull=False).values_list("person_id", flat=True)
    )
    return [
        r
        for r in page.object_list
        if r.receiving_team_id == point.team_id
        and "identity" in r.shared
        and r.person_id not in linked
    ]


def participant_list(request, public_id):
    point = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.RUN)
    posted = request.method == "POST"
    from_referral = posted and "ref-referral" in request.POST
    form = ParticipantForm(request.POST if posted and not from_referral else None)
    referrals = _referred_to(request.user, point)
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
        except ValidationError as error:
            _add_errors(chosen, error)
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
        "divides_form": forms.get("divides_form")
        or DividesForm(
            initial={
                "divides": [d for d in services.DIVIDES if getattr(participant, f"divide_{d}")]
            }
        ),
        "help_requests": list(participant.help_requests.select_related("abss")),
    }


def participant_detail(request, public_id):
    participant = selectors.participant_get_for(request.user, public_id)
    return render(request, "community/participant.html", _path_context(request, participant))


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
        data = form.cleaned_data
        try:
            if what == "self":
                services.self_assessment_record(
                    actor=request.user,
                    participant=participant,
                    moment=data["moment"],
                    scores=form.scores(),
                )
            elif what == "divides":
                services.participant_divides_set(
                    actor=request.user, participant=participant, divides=data["divides"]
                )
            elif what == "help":
                services.help_request_send(actor=request.user, participant=participant, **data)
                messages.success(request, _("Request sent to social services."))
                return redirect("community:participant", public_id=public_id)
            elif what == "actic":
                services.actic_result_record(actor=request.user, participant=participant, **data)
            else:
                services.outcome_record(actor=request.user, participant=participant, **data)
        except ValidationError as error:
            _add_errors(form, error)
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


def _subjects(user):
    scope = point_scope_for(user)
    choices = []
    if scope.network:
        choices.append(("network", _("The whole Òmnia network")))
    points = list(selectors.point_list_for(user)) if user.has_perm(CommunityPerm.VIEW) else []
    entity_ids = set(scope.entity_ids) | (
        {p.managing_entity_id for p in points} if scope.network else set()
    )
    for entity in Organisation.objects.filter(pk__in=entity_ids).order_by("name"):
        choices.append((f"entity:{entity.pk}", entity.name))
    for point in points:
        choices.append((f"point:{point.public_id}", point.name))
    return choices


@require_perm(CommunityPerm.VIEW_FIGURES)
def figures(request, fmt="html"):
    params = request.GET.copy()
    params.setdefault("year", str(timezone.localdate().year))
    params.setdefault("rows", "axis")
    params.setdefault("cols", "gender")
    form = FiguresForm(params, subjects=[("", "—"), *_subjects(request.user)])
    if form.is_valid():
        data = form.cleaned_data
    else:
        data = {"year": timezone.localdate().year, "rows": "axis", "cols": "gender", "subject": ""}
    subject = figures_module.subject_from_key(request.user, request.GET.get("subject", "")[:80])
    result = figures_module.figures_for(
        request.user, year=data["year"], subject=subject, rows=data["rows"], cols=data["cols"]
    )
    if fmt == "csv":
        figures_module.export_record(request.user, result, "csv")
        response = HttpResponse(figures_module.export_csv(result), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="omnia-{result.year}.csv"'
        return response
    if fmt == "xlsx":
        figures_module.export_record(request.user, result, "xlsx")
        response = HttpResponse(
            figures_module.export_xlsx(result),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="omnia-{result.year}.xlsx"'
        return response
    return render(
        request,
        "community/figures.html",
        {"form": form, "figures": result, "query": request.GET.urlencode()},
    )


EQUIPMENT_FORMS = {
    "connection": ConnectionForm,
    "device": DeviceForm,
    "loan": LoanForm,
    "incident": IncidentForm,
}


def _by_public_id(items, value):
    found = next((item for item in items if str(item.public_id) == str(value)), None)
    if found is None:
        raise ValidationError(_("Choose one of the options offered."))
    return found


def _equipment_post(request, equipment, action, form):
    user, point = request.user, equipment.point
    data = form.cleaned_data if form is not None else {}
    if action == "connection":
        services.connection_set(actor=user, point=point, **data)
    elif action == "device":
        services.device_add(actor=user, point=point, **data)
    elif action == "loan":
        services.loan_start(
            actor=user,
            device=_by_public_id(equipment.devices, data["device"]),
            participant=_by_public_id(equipment.borrowers, data["participant"]),
            due_on=data["due_on"],
        )
    elif action == "incident":
        device = data.pop("device")
        services.incident_report(
            actor=user,
            point=point,
            device=_by_public_id(equipment.devices, device) if device else None,
            **data,
        )
    elif action == "state":
        device = _by_public_id(equipment.devices, request.POST.get("device"))
        services.device_state_set(actor=user, device=device, state=request.POST.get("state", ""))
    elif action == "return":
        device = _by_public_id(equipment.devices, request.POST.get("device"))
        if device.open_loan is None:
            raise ValidationError(_("This device is not lent."))
        services.loan_return(actor=user, loan=device.open_loan)
    elif action == "resolve":
        incident = _by_public_id(equipment.incidents, request.POST.get("incident"))
        services.incident_resolve(actor=user, incident=incident)
    else:
        raise Http404


def equipment(request, public_id):
    point = selectors.point_get_for(request.user, public_id)
    equipment = selectors.equipment_for(request.user, point)
    forms = {name: cls() for name, cls in EQUIPMENT_FORMS.items()}
    if request.method == "POST":
        action = request.POST.get("action", "")
        perm = CommunityPerm.RUN if action in ("loan", "return") else CommunityPerm.MANAGE_POINT
        services.require_point(request.user, point, perm)
        form = EQUIPMENT_FORMS[action](request.POST) if action in EQUIPMENT_FORMS else None
        if form is None or form.is_valid():
            try:
                _equipment_post(request, equipment, action, form)
            except ValidationError as error:
                if form is None:
                    _flash(request, error)
                    return redirect("community:equipment", public_id=public_id)
                _add_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("community:equipment", public_id=public_id)
        forms[action] = form
        status = 400
    else:
        status = 200
    if equipment.connection and request.method != "POST":
        forms["connection"] = ConnectionForm(
            initial={
                "kind": equipment.connection.kind,
                "mbps": equipment.connection.mbps,
                "public_wifi": equipment.connection.public_wifi,
            }
        )
    from xarxa.community.models import DeviceState

    return render(
        request,
        "community/equipment.html",
        {
            "equipment": equipment,
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


def projects(request, public_id=None):
    from xarxa.community.forms import ProjectForm
    from xarxa.community.models import Framework

    point = selectors.point_get_for(request.user, public_id) if public_id else None
    form = ProjectForm(request.POST or None) if point else None
    if request.method == "POST":
        if point is None:
            raise Http404
        services.require_point(request.user, point, CommunityPerm.RUN)
        if form.is_valid():
            try:
                project = services.project_create(
                    actor=request.user, point=point, **form.cleaned_data
                )
            except ValidationError as error:
                _add_errors(form, error)
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
            "can_run": request.user.has_perm(CommunityPerm.RUN)
            and point is not None
            and point_scope_for(request.user).covers(point),
        },
        status=400 if form is not None and form.errors else 200,
    )


def project(request, public_id):
    from xarxa.community.forms import ResultsForm

    found, activities, participants = selectors.project_get_for(request.user, public_id)
    can_run = request.user.has_perm(CommunityPerm.RUN)
    results_form = ResultsForm(request.POST or None, initial={"results": found.results})
    if request.method == "POST":
        services.require_point(request.user, found.point, CommunityPerm.RUN)
        activity_id = request.POST.get("activity")
        if activity_id:
            activity = selectors.activity_get_for(request.user, activity_id)
            try:
                services.project_link_activity(actor=request.user, project=found, activity=activity)
            except ValidationError as error:
                _flash(request, error)
            else:
                messages.success(request, _("Activity linked to the project."))
            return redirect("community:project", public_id=public_id)
        if results_form.is_valid():
            services.project_results_set(
                actor=request.user, project=found, results=results_form.cleaned_data["results"]
            )
            messages.success(request, _("Saved."))
            return redirect("community:project", public_id=public_id)
    others = (
        found.point.activities.exclude(project=found).order_by("-starts_on")[:100]
        if can_run
        else []
    )
    return render(
        request,
        "community/project.html",
        {
            "project": found,
            "activities": activities,
            "participants": participants,
            "others": others,
            "results_form": results_form,
            "can_run": can_run,
        },
    )


@require_perm(CommunityPerm.VIEW)
def library(request):
    from xarxa.community.forms import ResourceForm
    from xarxa.community.models import Axis

    form = ResourceForm(request.POST or None)
    if request.method == "POST":
        from xarxa.core.policies import check_perm

        check_perm(request.user, CommunityPerm.SHARE)
        if form.is_valid():
            try:
                services.resource_share(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Thank you: the resource is in the library."))
                return redirect("community:library")
    search = request.GET.get("q", "").strip()[:100]
    axis = request.GET.get("axis", "")
    axis = axis if axis in Axis.values else ""
    competence = request.GET.get("competence", "")
    competence = competence if competence in DIGCOMP_COMPETENCES else ""
    resources = selectors.resource_list_for(
        request.user, search=search, axis=axis, competence=competence
    )
    for resource in resources:
        resource.axis_labels = [str(Axis(a).label) for a in resource.axes]
        resource.competence_labels = labels(resource.digcomp, DIGCOMP_COMPETENCES)
    return render(
        request,
        "community/library.html",
        {
            "resources": resources,
            "form": form,
            "q": search,
            "axis": axis,
            "competence": competence,
            "axes": Axis.choices,
            "competences": list(DIGCOMP_COMPETENCES.items()),
            "can_share": request.user.has_perm(CommunityPerm.SHARE),
        },
        status=400 if form.errors else 200,
    )


@require_perm(CommunityPerm.VIEW)
def news(request):
    from xarxa.community.forms import NewsForm

    form = NewsForm(request.POST or None)
    if request.method == "POST":
        from xarxa.core.policies import check_perm

        check_perm(request.user, CommunityPerm.PUBLISH_NEWS)
        if form.is_valid():
            try:
                services.news_publish(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Published to every facilitator."))
                return redirect("community:news")
    return render(
        request,
        "community/news.html",
        {
            "news": selectors.news_list_for(request.user),
            "form": form,
            "can_publish": request.user.has_perm(CommunityPerm.PUBLISH_NEWS),
        },
        status=400 if form.errors else 200,
    )


@require_perm(CommunityPerm.VIEW)
def training(request):
    from xarxa.community.forms import CourseForm
    from xarxa.community.models import FACILITATOR_COMPETENCES, TrainingCourse
    from xarxa.core.policies import check_perm

    form = CourseForm(request.POST or None) if request.POST.get("action") == "course" else None
    if request.method == "POST":
        if request.POST.get("action") == "enrol":
            check_perm(request.user, CommunityPerm.TRAIN)
            course = TrainingCourse.objects.filter(public_id=request.POST.get("course")).first()
            if course is None:
                raise Http404
            try:
                services.training_enrol(actor=request.user, course=course)
            except ValidationError as error:
                _flash(request, error)
            else:
                messages.success(request, _("Enrolled."))
            return redirect("community:training")
        check_perm(request.user, CommunityPerm.MANAGE_TRAINING)
        if form is not None and form.is_valid():
            try:
                services.course_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
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
    found, enrolments = selectors.course_get_for(request.user, public_id)
    if request.method == "POST":
        enrolment = next(
            (e for e in enrolments if str(e.pk) == request.POST.get("enrolment", "")), None
        )
        if enrolment is None:
            raise Http404
        try:
            services.training_complete(actor=request.user, enrolment=enrolment)
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, _("Marked as completed."))
        return redirect("community:course", public_id=public_id)
    return render(request, "community/course.html", {"course": found, "enrolments": enrolments})


@require_perm(CommunityPerm.VIEW)
def facilitators(request):
    rows = selectors.facilitator_competences_for(request.user)
    return render(request, "community/facilitators.html", {"rows": rows})


@require_perm(CommunityPerm.ANSWER_HELP)
def help_requests(request):
    return render(
        request, "community/help_requests.html", {"rows": selectors.help_requests_for(request.user)}
    )


def help_request(request, public_id):
    found = selectors.help_request_get_for(request.user, public_id)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.help_request_answer(
            actor=request.user, request=found, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Answer sent to the point."))
        return redirect("community:help_requests")
    if request.method == "GET":
        services.help_request_seen(actor=request.user, request=found)
    return render(
        request,
        "community/help_request.html",
        {"help": found, "form": form},
        status=400 if form.errors else 200,
    )
