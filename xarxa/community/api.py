"""The Òmnia network under /api/v1/community: the same services and selectors as the
pages, the same scope and audit."""

from datetime import date, time
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from xarxa.community import figures as figures_module
from xarxa.community import selectors, services
from xarxa.community.policies import CommunityPerm
from xarxa.core.concurrency import StaleEdit

router = Router(tags=["community"])


def _invalid(error: ValidationError):
    if hasattr(error, "error_dict"):
        errors = [
            {"loc": [field], "msg": " ".join(messages)}
            for field, messages in error.message_dict.items()
        ]
    else:
        errors = [{"loc": [], "msg": " ".join(error.messages)}]
    return NinjaValidationError(errors)


class PointOut(Schema):
    public_id: UUID
    name: str
    kind: str
    municipality: str
    municipality_ine: str
    managing_entity: str
    address: str
    opening_hours: str
    accessibility: str
    step_free: bool
    description: str
    active: bool
    version: int


class PointDetailOut(PointOut):
    facilitators: list[str]


class PointPatch(Schema):
    version: int
    name: str | None = None
    kind: str | None = None
    address: str | None = None
    opening_hours: str | None = None
    accessibility: str | None = None
    step_free: bool | None = None
    description: str | None = None
    active: bool | None = None


class ActivityIn(Schema):
    title: str
    axis: str
    kind: str
    starts_on: date
    ends_on: date | None = None
    description: str = ""
    target_groups: list[str] = []
    digcomp: list[str] = []
    actic: list[str] = []
    schedule: str = ""
    capacity: int | None = None


class ActivityOut(Schema):
    public_id: UUID
    title: str
    axis: str
    kind: str
    starts_on: date
    ends_on: date | None
    target_groups: list[str]
    digcomp: list[str]
    actic: list[str]
    schedule: str
    capacity: int | None


class SessionsIn(Schema):
    first: date
    starts_at: time
    ends_at: time
    weeks: int = 1


class SessionOut(Schema):
    public_id: UUID
    activity: UUID
    title: str
    point: UUID
    date: date
    starts_at: time
    ends_at: time
    cancelled: bool


class ProfileIn(Schema):
    gender: str
    age_band: str
    situation: str
    origin: str = "not_stated"


class ParticipantIn(ProfileIn):
    registered: bool = False
    consent: bool = False
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    email: str = ""


class ParticipantOut(Schema):
    public_id: UUID
    registered: bool
    name: str
    gender: str
    age_band: str
    origin: str
    situation: str


class RowOut(Schema):
    participant: ParticipantOut
    present: bool
    walk_in: bool


class SheetOut(Schema):
    session: SessionOut
    present: int
    rows: list[RowOut]


class PresentIn(Schema):
    present: bool


class SelfAssessmentIn(Schema):
    moment: str
    scores: dict[str, int]


class ActicIn(Schema):
    level: str
    obtained_on: date


class OutcomeIn(Schema):
    kind: str
    on: date
    note: str = ""


class PathOut(Schema):
    participant: ParticipantOut
    uses: int
    activities: list[dict]
    digcomp: list[str]
    actic: list[str]
    self_assessments: list[dict]
    actic_levels: list[dict]
    outcomes: list[dict]


class CrossOut(Schema):
    measure: str
    rows_dim: str
    cols_dim: str
    cols: list[str]
    rows: list[dict]
    col_totals: list[int | None]
    total: int | None


class FiguresOut(Schema):
    level: str
    subject: str
    year: int
    suppressed_under: int
    participants: int | None
    uses: int | None
    activities: dict[str, int]
    crosses: list[CrossOut]
    trend: list[dict]
    progress: dict
    divides: list[dict]


def _point(point) -> dict:
    return {
        "public_id": point.public_id,
        "name": point.name,
        "kind": point.kind,
        "municipality": point.municipality.name,
        "municipality_ine": point.municipality.ine_code,
        "managing_entity": str(point.managing_entity),
        "address": point.address,
        "opening_hours": point.opening_hours,
        "accessibility": point.accessibility,
        "step_free": point.step_free,
        "description": point.description,
        "active": point.active,
        "version": point.version,
    }


def _session(session) -> dict:
    return {
        "public_id": session.public_id,
        "activity": session.activity.public_id,
        "title": session.activity.title,
        "point": session.point.public_id,
        "date": session.date,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "cancelled": session.cancelled,
    }


def _participant(p) -> dict:
    return {
        "public_id": p.public_id,
        "registered": p.registered,
        "name": p.display_name if p.registered else "",
        "gender": p.gender,
        "age_band": p.age_band,
        "origin": p.origin,
        "situation": p.situation,
    }


@router.get("/points", response=list[PointOut])
def points(request, q: str = ""):
    return [_point(p) for p in selectors.point_list_for(request.user, search=q[:100])]


@router.get("/points/{public_id}", response=PointDetailOut)
def point(request, public_id: UUID):
    found = selectors.point_get_for(request.user, public_id)
    facilitators = [a.user.display_name for a in selectors.facilitators_of(found)]
    return {**_point(found), "facilitators": facilitators}


@router.patch("/points/{public_id}", response=PointOut)
def point_patch(request, public_id: UUID, body: PointPatch):
    found = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.MANAGE_POINT)
    data = body.dict(exclude_unset=True, exclude={"version"})
    data = {k: v for k, v in data.items() if v is not None}
    try:
        services.point_update(
            actor=request.user, point=found, data=data, expected_version=body.version
        )
    except StaleEdit as stale:
        raise HttpError(409, str(stale)) from None
    except ValidationError as error:
        raise _invalid(error) from None
    return _point(found)


@router.get("/points/{public_id}/activities", response=list[ActivityOut])
def activities(request, public_id: UUID):
    found = selectors.point_get_for(request.user, public_id)
    return list(selectors.activity_list_for(request.user, found))


@router.post("/points/{public_id}/activities", response={201: ActivityOut})
def activity_create(request, public_id: UUID, body: ActivityIn):
    found = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.RUN)
    try:
        activity = services.activity_create(actor=request.user, point=found, **body.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, activity)


@router.post("/activities/{public_id}/sessions", response={201: list[SessionOut]})
def sessions_plan(request, public_id: UUID, body: SessionsIn):
    activity = selectors.activity_get_for(request.user, public_id)
    try:
        planned = services.session_plan(actor=request.user, activity=activity, **body.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    for session in planned:
        session.activity, session.point = activity, activity.point
    return Status(201, [_session(s) for s in planned])


@router.post("/activities/{public_id}/enrolments", response={201: dict})
def enrolment_add(request, public_id: UUID, participant: UUID):
    activity = selectors.activity_get_for(request.user, public_id)
    found = selectors.participant_get_for(request.user, participant)
    try:
        services.enrolment_add(actor=request.user, activity=activity, participant=found)
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, {"activity": str(activity.public_id), "participant": str(participant)})


@router.get("/sessions", response=list[SessionOut])
def sessions_on(request, day: date | None = None):
    found = selectors.sessions_on_for(request.user, day or timezone.localdate())
    return [_session(s) for s in found]


def _sheet(sheet) -> dict:
    return {
        "session": _session(sheet.session),
        "present": sheet.present,
        "rows": [
            {"participant": _participant(p), "present": present, "walk_in": walk_in}
            for p, present, walk_in in sheet.rows
        ],
    }


@router.get("/sessions/{public_id}/attendance", response=SheetOut)
def attendance(request, public_id: UUID):
    return _sheet(selectors.sheet_for(request.user, public_id))


@router.put("/sessions/{public_id}/attendance/{participant}", response=SheetOut)
def attendance_mark(request, public_id: UUID, participant: UUID, body: PresentIn):
    sheet = selectors.sheet_for(request.user, public_id)
    found = next((p for p, _pr, _w in sheet.rows if p.public_id == participant), None)
    if found is None:
        found = selectors.participant_get_for(request.user, participant)
    try:
        services.attendance_mark(
            actor=request.user, session=sheet.session, participant=found, present=body.present
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return _sheet(selectors.sheet_for(request.user, public_id))


@router.post("/sessions/{public_id}/walk-ins", response={201: ParticipantOut})
def walk_in(request, public_id: UUID, body: ParticipantIn):
    sheet = selectors.sheet_for(request.user, public_id)
    try:
        participant = services.walk_in_add(actor=request.user, session=sheet.session, **body.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _participant(participant))


@router.post("/points/{public_id}/participants", response={201: ParticipantOut})
def participant_add(request, public_id: UUID, body: ParticipantIn):
    found = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.RUN)
    try:
        participant = services.participant_add(actor=request.user, point=found, **body.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _participant(participant))


@router.get("/participants/{public_id}", response=PathOut)
def participant_path(request, public_id: UUID):
    participant = selectors.participant_get_for(request.user, public_id)
    path = selectors.path_for(request.user, participant)
    return {
        "participant": _participant(participant),
        "uses": path.uses,
        "activities": [
            {
                "public_id": str(a.public_id),
                "title": a.title,
                "axis": a.axis,
                "attended": a.attended,
            }
            for a in path.activities
        ],
        "digcomp": path.digcomp,
        "actic": path.actic,
        "self_assessments": [
            {"moment": s.moment, "assessed_on": s.assessed_on.isoformat(), "scores": s.scores}
            for s in path.self_assessments
        ],
        "actic_levels": [
            {"level": r.level, "obtained_on": r.obtained_on.isoformat()} for r in path.actic_results
        ],
        "outcomes": [
            {"kind": o.kind, "on": o.on.isoformat(), "note": o.note} for o in path.outcomes
        ],
    }


@router.post("/participants/{public_id}/self-assessments", response={201: dict})
def self_assessment(request, public_id: UUID, body: SelfAssessmentIn):
    participant = selectors.participant_get_for(request.user, public_id)
    try:
        result = services.self_assessment_record(
            actor=request.user, participant=participant, moment=body.moment, scores=body.scores
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, {"moment": result.moment, "scores": result.scores})


@router.post("/participants/{public_id}/actic", response={201: dict})
def actic(request, public_id: UUID, body: ActicIn):
    participant = selectors.participant_get_for(request.user, public_id)
    try:
        result = services.actic_result_record(
            actor=request.user, participant=participant, **body.dict()
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, {"level": result.level, "obtained_on": result.obtained_on.isoformat()})


@router.post("/participants/{public_id}/outcomes", response={201: dict})
def outcome(request, public_id: UUID, body: OutcomeIn):
    participant = selectors.participant_get_for(request.user, public_id)
    try:
        result = services.outcome_record(actor=request.user, participant=participant, **body.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, {"kind": result.kind, "on": result.on.isoformat()})


@router.get("/figures", response=FiguresOut)
def figures(
    request,
    year: int | None = None,
    point: UUID | None = None,
    entity: str = "",
    rows: str = "axis",
    cols: str = "gender",
):
    if rows not in figures_module.DIMENSIONS or cols not in figures_module.DIMENSIONS:
        raise NinjaValidationError(
            [{"loc": ["rows"], "msg": "axis, gender, age_band, origin, situation"}]
        )
    subject_key = f"point:{point}" if point else (f"entity:{entity}" if entity else "")
    subject = figures_module.subject_from_key(request.user, subject_key)
    result = figures_module.figures_for(
        request.user,
        year=year or timezone.localdate().year,
        subject=subject,
        rows=rows,
        cols=cols,
    )
    return {
        "level": result.level,
        "subject": result.subject,
        "year": result.year,
        "suppressed_under": figures_module.MIN_CELL,
        "participants": result.participants,
        "uses": result.uses,
        "activities": result.activities,
        "crosses": [
            {
                "measure": c.measure,
                "rows_dim": c.rows_dim,
                "cols_dim": c.cols_dim,
                "cols": c.cols,
                "rows": [
                    {"label": label, "cells": cells, "total": total}
                    for label, cells, total in c.rows
                ],
                "col_totals": c.col_totals,
                "total": c.total,
            }
            for c in result.crosses
        ],
        "trend": [{"year": y, "participants": p, "uses": u} for y, p, u in result.trend],
        "divides": [
            dict(
                zip(
                    ("gender", "assessed", "access", "use", "outcomes"),
                    (label, *cells),
                    strict=True,
                )
            )
            for label, cells in result.divides
        ],
        "progress": {
            "participants": result.progress["participants"],
            "areas": [
                {"area": name, "before": round(pre, 2), "after": round(post, 2)}
                for name, pre, post in result.progress["areas"]
            ],
            "by_gender": [
                {"gender": label, "participants": n, "gain": round(gain, 2)}
                for label, n, gain in result.progress["by_gender"]
            ],
        },
    }


class DeviceIn(Schema):
    kind: str
    label: str
    year: int | None = None
    loanable: bool = False


class DeviceOut(Schema):
    public_id: UUID
    kind: str
    label: str
    year: int | None
    state: str
    loanable: bool
    lent: bool = False


class IncidentIn(Schema):
    kind: str
    description: str
    estimated_cost: int | None = None


class IncidentOut(Schema):
    public_id: UUID
    point: str
    kind: str
    description: str
    estimated_cost: int | None
    reported_on: date
    resolved_on: date | None


class EquipmentOut(Schema):
    connection: dict | None
    devices: list[DeviceOut]
    incidents: list[IncidentOut]


def _incident(i) -> dict:
    return {
        "public_id": i.public_id,
        "point": i.point.name,
        "kind": i.kind,
        "description": i.description,
        "estimated_cost": i.estimated_cost,
        "reported_on": i.reported_on,
        "resolved_on": i.resolved_on,
    }


@router.get("/points/{public_id}/equipment", response=EquipmentOut)
def equipment(request, public_id: UUID):
    found = selectors.point_get_for(request.user, public_id)
    result = selectors.equipment_for(request.user, found)
    connection = result.connection
    return {
        "connection": {
            "kind": connection.kind,
            "mbps": connection.mbps,
            "public_wifi": connection.public_wifi,
            "checked_on": connection.checked_on.isoformat(),
        }
        if connection
        else None,
        "devices": result.devices,
        "incidents": [_incident(i) for i in result.incidents],
    }


@router.post("/points/{public_id}/devices", response={201: DeviceOut})
def device_add(request, public_id: UUID, body: DeviceIn):
    found = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.MANAGE_POINT)
    try:
        device = services.device_add(actor=request.user, point=found, **body.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, device)


@router.post("/points/{public_id}/incidents", response={201: IncidentOut})
def incident_report(request, public_id: UUID, body: IncidentIn):
    found = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.MANAGE_POINT)
    try:
        incident = services.incident_report(actor=request.user, point=found, **body.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _incident(incident))


@router.get("/needs", response=list[IncidentOut])
def needs(request):
    incidents, _states = selectors.needs_for(request.user)
    return [_incident(i) for i in incidents]


class ProjectIn(Schema):
    title: str
    goals: str
    starts_on: date
    framework: str = ""
    partners: str = ""
    ends_on: date | None = None


class ProjectOut(Schema):
    public_id: UUID
    point: str
    title: str
    framework: str
    goals: str
    partners: list[str]
    starts_on: date
    ends_on: date | None
    results: str


def _project(p) -> dict:
    return {
        "public_id": p.public_id,
        "point": p.point.name,
        "title": p.title,
        "framework": p.framework,
        "goals": p.goals,
        "partners": p.partner_list,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "results": p.results,
    }


@router.get("/projects", response=list[ProjectOut])
def projects(request, framework: str = ""):
    return [_project(p) for p in selectors.project_list_for(request.user, framework=framework)]


@router.post("/points/{public_id}/projects", response={201: ProjectOut})
def project_create(request, public_id: UUID, body: ProjectIn):
    found = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.RUN)
    try:
        project = services.project_create(actor=request.user, point=found, **body.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _project(project))


class ResourceIn(Schema):
    title: str
    kind: str
    summary: str
    link: str = ""
    axes: list[str] = []
    digcomp: list[str] = []


class ResourceOut(Schema):
    public_id: UUID
    title: str
    kind: str
    summary: str
    link: str
    axes: list[str]
    digcomp: list[str]
    contributed_by: str


class NewsIn(Schema):
    title: str
    body: str


class NewsOut(Schema):
    public_id: UUID
    title: str
    body: str
    published_at: str


def _resource(r) -> dict:
    return {
        "public_id": r.public_id,
        "title": r.title,
        "kind": r.kind,
        "summary": r.summary,
        "link": r.link,
        "axes": r.axes,
        "digcomp": r.digcomp,
        "contributed_by": r.contributed_by.display_name if r.contributed_by else "",
    }


@router.get("/library", response=list[ResourceOut])
def library(request, q: str = "", axis: str = "", competence: str = ""):
    found = selectors.resource_list_for(
        request.user, search=q[:100], axis=axis, competence=competence
    )
    return [_resource(r) for r in found]


@router.post("/library", response={201: ResourceOut})
def resource_share(request, body: ResourceIn):
    try:
        resource = services.resource_share(actor=request.user, **body.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _resource(resource))


@router.get("/news", response=list[NewsOut])
def news(request):
    return [
        {"public_id": n.public_id, "title": n.title, "body": n.body,
         "published_at": n.published_at.isoformat()}
        for n in selectors.news_list_for(request.user)
    ]  # fmt: skip


@router.post("/news", response={201: NewsOut})
def news_publish(request, body: NewsIn):
    try:
        item = services.news_publish(actor=request.user, **body.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(
        201,
        {"public_id": item.public_id, "title": item.title, "body": item.body,
         "published_at": item.published_at.isoformat()},
    )  # fmt: skip


class CourseOut(Schema):
    public_id: UUID
    title: str
    starts_on: date
    hours: int
    competences: list[str]
    enrolled: bool
    completed_on: date | None


@router.get("/training", response=list[CourseOut])
def training(request):
    return [
        {
            "public_id": c.public_id,
            "title": c.title,
            "starts_on": c.starts_on,
            "hours": c.hours,
            "competences": c.competences,
            "enrolled": bool(c.mine),
            "completed_on": c.mine[0].completed_on if c.mine else None,
        }
        for c in selectors.courses_for(request.user)
    ]


@router.post("/training/{public_id}/enrolments", response={201: dict})
def training_enrol(request, public_id: UUID):
    from django.shortcuts import get_object_or_404

    from xarxa.community.models import TrainingCourse
    from xarxa.core.policies import check_perm

    check_perm(request.user, CommunityPerm.TRAIN)
    course = get_object_or_404(TrainingCourse, public_id=public_id)
    try:
        services.training_enrol(actor=request.user, course=course)
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, {"course": str(course.public_id)})


@router.get("/training/facilitators", response=list[dict])
def facilitators(request):
    return [
        {
            "facilitator": row["user"].display_name,
            "point": row["point"].name,
            "courses": [c.title for c in row["courses"]],
            "hours": row["hours"],
            "competences": row["competences"],
        }
        for row in selectors.facilitator_competences_for(request.user)
    ]


class HelpIn(Schema):
    abss: str  # the area's code, e.g. ABSS-VIC
    reason: str
    consent: bool = False
    consent_method: str = "verbal"


class HelpOut(Schema):
    public_id: UUID
    participant: str
    point: str
    abss: str
    reason: str
    state: str
    answer: str


def _help(h) -> dict:
    return {
        "public_id": h.public_id,
        "participant": h.participant.display_name,
        "point": h.participant.point.name,
        "abss": h.abss.code,
        "reason": h.reason,
        "state": h.state,
        "answer": h.answer,
    }


@router.post("/participants/{public_id}/help-requests", response={201: HelpOut})
def help_request_send(request, public_id: UUID, body: HelpIn):
    from django.shortcuts import get_object_or_404

    from xarxa.territory.models import Abss

    participant = selectors.participant_get_for(request.user, public_id)
    data = body.dict()
    area = get_object_or_404(Abss, code=data.pop("abss"))
    try:
        sent = services.help_request_send(
            actor=request.user, participant=participant, abss=area, **data
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _help(sent))


@router.get("/help-requests", response=list[HelpOut])
def help_requests(request):
    return [_help(h) for h in selectors.help_requests_for(request.user)]


class StopIn(Schema):
    municipality: str  # INE code
    place: str
    weekday: int
    starts_at: time
    ends_at: time


class StopOut(Schema):
    municipality: str
    place: str
    weekday: int
    starts_at: time
    ends_at: time


def _stop(s) -> dict:
    return {
        "municipality": s.municipality.name,
        "place": s.place,
        "weekday": s.weekday,
        "starts_at": s.starts_at,
        "ends_at": s.ends_at,
    }


@router.get("/points/{public_id}/stops", response=list[StopOut])
def stops(request, public_id: UUID):
    from xarxa.community.models import Stop

    found = selectors.point_get_for(request.user, public_id)
    current = Stop.objects.valid_on(timezone.localdate()).filter(point=found)
    return [_stop(s) for s in current.select_related("municipality")]


@router.post("/points/{public_id}/stops", response={201: StopOut})
def stop_add(request, public_id: UUID, body: StopIn):
    from django.shortcuts import get_object_or_404

    from xarxa.territory.models import Municipality

    found = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.MANAGE_POINT)
    data = body.dict()
    municipality = get_object_or_404(Municipality, ine_code=data.pop("municipality"))
    try:
        stop = services.stop_add(actor=request.user, point=found, municipality=municipality, **data)
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _stop(stop))


@router.post("/sessions/{public_id}/cancel", response=SessionOut)
def session_cancel(request, public_id: UUID):
    sheet = selectors.sheet_for(request.user, public_id)
    try:
        session = services.session_cancel(actor=request.user, session=sheet.session)
    except ValidationError as error:
        raise _invalid(error) from None
    return _session(session)
