"""Protected reads of the community app. Points are scoped to the user's reach; every
read of registered participants' names or contact is written to the audit log."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from xarxa.accounts.models import Assignment
from xarxa.accounts.roles import Role
from xarxa.community.models import (
    Activity,
    Attendance,
    Enrolment,
    Participant,
    Point,
    Session,
)
from xarxa.community.policies import CommunityPerm
from xarxa.community.scope import point_scope_for
from xarxa.community.services import require_point
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm


def _get(queryset, public_id):
    try:
        return queryset.get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def point_list_for(user, *, kind: str = "", search: str = ""):
    check_perm(user, CommunityPerm.VIEW)
    points = point_scope_for(user).filter(
        Point.objects.select_related("municipality", "managing_entity")
    )
    if kind:
        points = points.filter(kind=kind)
    if search:
        points = points.filter(Q(name__icontains=search) | Q(municipality__name__icontains=search))
    return points.order_by("municipality__name", "name")


def facilitators_of(point: Point, on=None):
    """Staff with a dated Òmnia-facilitator assignment in the point's team."""
    return (
        Assignment.objects.valid_on(on or timezone.localdate())
        .filter(team_id=point.team_id, role=Role.OMNIA_FACILITATOR)
        .select_related("user")
        .order_by("user__last_name")
    )


def point_get_for(user, public_id, *, perm=CommunityPerm.VIEW) -> Point:
    point = _get(Point.objects.select_related("municipality", "managing_entity", "team"), public_id)
    require_point(user, point, perm)
    return point


def activity_list_for(user, point: Point):
    require_point(user, point, CommunityPerm.VIEW)
    return point.activities.annotate(
        enrolled=Count("enrolments", distinct=True), session_count=Count("sessions", distinct=True)
    ).order_by("-starts_on", "title")


def activity_get_for(user, public_id) -> Activity:
    activity = _get(Activity.objects.select_related("point__municipality"), public_id)
    require_point(user, activity.point, CommunityPerm.RUN)
    return activity


def enrolled_of_for(user, activity: Activity) -> list[Participant]:
    require_point(user, activity.point, CommunityPerm.RUN)
    people = list(
        Participant.objects.filter(enrolments__activity=activity).order_by(
            "last_name", "first_name"
        )
    )
    _audit_names(user, people, activity)
    return people


def _audit_names(user, participants, obj) -> None:
    registered = [p.pk for p in participants if p.registered]
    if registered and obj is not None:
        audit_record(
            actor=user,
            action=AuditAction.LIST,
            obj=obj,
            details={"participants": registered[:200], "count": len(registered)},
        )


def sessions_on_for(user, day):
    """The day view: the sessions of the user's points on ``day``."""
    check_perm(user, CommunityPerm.RUN)
    points = point_scope_for(user).filter(Point.objects.all())
    return (
        Session.objects.filter(point__in=points, date=day)
        .select_related("activity", "point")
        .annotate(present=Count("attendances"))
        .order_by("starts_at", "point__name")
    )


@dataclass
class Sheet:
    session: Session
    rows: list  # (participant, present, walk_in)
    present: int


def sheet_for(user, public_id) -> Sheet:
    """The attendance sheet: the enrolled and the walk-ins, with who is ticked."""
    session = _get(Session.objects.select_related("activity", "point"), public_id)
    require_point(user, session.point, CommunityPerm.RUN)
    attended = {a.participant_id: a.walk_in for a in Attendance.objects.filter(session=session)}
    people = list(
        Participant.objects.filter(
            Q(enrolments__activity_id=session.activity_id) | Q(pk__in=list(attended))
        )
        .distinct()
        .order_by("registered", "last_name", "first_name", "pk")
    )
    rows = [(p, p.pk in attended, attended.get(p.pk, False)) for p in people]
    _audit_names(user, people, session)
    return Sheet(session, rows, len(attended))


def participant_list_for(user, point: Point, *, search: str = ""):
    require_point(user, point, CommunityPerm.RUN)
    participants = point.participants.filter(registered=True).annotate(uses=Count("attendances"))
    if search:
        participants = participants.filter(
            Q(first_name__icontains=search) | Q(last_name__icontains=search)
        )
    participants = list(participants.order_by("last_name", "first_name")[:200])
    _audit_names(user, participants, point)
    return participants


def participant_get_for(user, public_id, *, reason: str = "") -> Participant:
    participant = _get(Participant.objects.select_related("point"), public_id)
    require_point(user, participant.point, CommunityPerm.RUN)
    if participant.registered:
        audit_record(
            actor=user,
            action=AuditAction.READ,
            obj=participant,
            person_id=participant.person_id,
            reason=reason,
        )
    return participant


@dataclass
class Path:
    participant: Participant
    activities: list  # Activity with .attended (sessions attended)
    digcomp: list[str]
    actic: list[str]
    uses: int
    self_assessments: list
    actic_results: list
    outcomes: list
    domains: list


def path_for(user, participant: Participant) -> Path:
    """What a participant did: activities attended, competences worked, self-assessments
    before and after, ACTIC levels and outcomes. Call after participant_get_for."""
    from xarxa.community.services import digcomp_instrument

    activities = list(
        Activity.objects.filter(sessions__attendances__participant=participant)
        .annotate(attended=Count("sessions__attendances"))
        .order_by("starts_on")
    )
    enrolled_only = Activity.objects.filter(
        Exists(Enrolment.objects.filter(activity=OuterRef("pk"), participant=participant))
    ).exclude(pk__in=[a.pk for a in activities])
    digcomp = sorted({c for a in activities for c in a.digcomp})
    actic = sorted({c for a in activities for c in a.actic})
    try:
        domains = list(digcomp_instrument().domains.all())
    except ValidationError:
        domains = []
    return Path(
        participant=participant,
        activities=activities + [_not_attended(a) for a in enrolled_only],
        digcomp=digcomp,
        actic=actic,
        uses=sum(a.attended for a in activities),
        self_assessments=list(participant.self_assessments.all()),
        actic_results=list(participant.actic_results.all()),
        outcomes=list(participant.outcomes.all()),
        domains=domains,
    )


def _not_attended(activity):
    activity.attended = 0
    return activity


def points_with_facilitators(points):
    today = timezone.localdate()
    current = Assignment.objects.valid_on(today).filter(role=Role.OMNIA_FACILITATOR)
    return points.select_related("team").prefetch_related(
        Prefetch(
            "team__assignments",
            queryset=current.select_related("user"),
            to_attr="facilitators",
        )
    )


@dataclass
class Equipment:
    point: Point
    connection: object
    devices: list  # Device with .open_loan (or None)
    incidents: list
    loanable: list
    borrowers: list


def equipment_for(user, point: Point) -> Equipment:
    """A point's connection, devices (with who has each one lent, for those who run the
    point), and incidents and needs."""
    from xarxa.community.models import Connection, Device, Loan

    require_point(user, point, CommunityPerm.VIEW)
    runs = user.has_perm(CommunityPerm.RUN) and point_scope_for(user).covers(point)
    open_loans = Loan.objects.filter(returned_on__isnull=True).select_related("participant")
    devices = list(
        Device.objects.filter(point=point).prefetch_related(
            Prefetch("loans", queryset=open_loans, to_attr="open_loans")
        )
    )
    for device in devices:
        device.open_loan = device.open_loans[0] if device.open_loans and runs else None
        device.lent = bool(device.open_loans)
    borrowers = []
    if runs:
        borrowers = list(point.participants.filter(registered=True).order_by("last_name")[:300])
        lent_to = [d.open_loan.participant for d in devices if d.open_loan]
        _audit_names(user, lent_to + borrowers, point)
    return Equipment(
        point=point,
        connection=Connection.objects.filter(point=point).first(),
        devices=devices,
        incidents=list(point.incidents.select_related("device")),
        loanable=[d for d in devices if d.loanable and d.state == "working" and not d.lent],
        borrowers=borrowers,
    )


def needs_for(user):
    """For the technical office and the managing entities: open incidents and needs, and
    devices by state, across the points in reach."""
    from xarxa.community.models import Device, DeviceKind, DeviceState, Incident

    check_perm(user, CommunityPerm.VIEW)
    points = point_scope_for(user).filter(Point.objects.all())
    incidents = (
        Incident.objects.filter(point__in=points, resolved_on__isnull=True)
        .select_related("point__municipality", "device")
        .order_by("-reported_on")[:300]
    )
    states = (
        Device.objects.filter(point__in=points)
        .values("kind", "state")
        .annotate(n=Count("id"))
        .order_by("kind", "state")
    )
    labelled = [
        {"kind": DeviceKind(s["kind"]).label, "state": DeviceState(s["state"]).label, "n": s["n"]}
        for s in states
    ]
    return list(incidents), labelled


def project_list_for(user, *, point: Point | None = None, framework: str | None = None):
    from xarxa.community.models import Project

    check_perm(user, CommunityPerm.VIEW)
    if point is not None:
        require_point(user, point, CommunityPerm.VIEW)
        projects = Project.objects.filter(point=point)
    else:
        projects = Project.objects.filter(
            point__in=point_scope_for(user).filter(Point.objects.all())
        )
    if framework:
        projects = projects.filter(framework=framework)
    return projects.select_related("point").annotate(
        activity_count=Count("activities", distinct=True)
    )


def project_get_for(user, public_id):
    """A project with its linked activities and how many took part (a count only)."""
    from xarxa.community.models import Project

    project = _get(Project.objects.select_related("point"), public_id)
    require_point(user, project.point, CommunityPerm.VIEW)
    activities = list(
        project.activities.annotate(session_count=Count("sessions", distinct=True)).order_by(
            "starts_on"
        )
    )
    participants = (
        Attendance.objects.filter(session__activity__project=project)
        .values("participant")
        .distinct()
        .count()
    )
    return project, activities, participants


def resource_list_for(user, *, search: str = "", axis: str = "", competence: str = ""):
    """The network's library: every Òmnia role reads all of it."""
    from xarxa.community.models import Resource

    check_perm(user, CommunityPerm.VIEW)
    resources = Resource.objects.select_related("contributed_by", "point")
    for word in search.split()[:5]:
        resources = resources.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    rows = list(resources[:500])
    if axis:
        rows = [r for r in rows if axis in r.axes]
    if competence:
        rows = [r for r in rows if competence in r.digcomp]
    return rows[:100]


def news_list_for(user):
    from xarxa.community.models import News

    check_perm(user, CommunityPerm.VIEW)
    return News.objects.select_related("author")[:50]


def courses_for(user):
    """The training plan, with the user's own enrolment on each course."""
    from xarxa.community.models import TrainingCourse, TrainingEnrolment

    check_perm(user, CommunityPerm.VIEW)
    mine = TrainingEnrolment.objects.filter(user=user)
    return list(
        TrainingCourse.objects.annotate(enrolled=Count("enrolments")).prefetch_related(
            Prefetch("enrolments", queryset=mine, to_attr="mine")
        )[:100]
    )


def course_get_for(user, public_id):
    from xarxa.community.models import TrainingCourse

    check_perm(user, CommunityPerm.MANAGE_TRAINING)
    course = _get(TrainingCourse.objects.all(), public_id)
    return course, list(course.enrolments.select_related("user").order_by("user__last_name"))


def facilitator_competences_for(user):
    """The facilitators in the user's reach, with the courses they completed and the
    competences those courses give."""
    from xarxa.community.models import FACILITATOR_COMPETENCES, TrainingEnrolment

    check_perm(user, CommunityPerm.VIEW)
    points = point_scope_for(user).filter(Point.objects.all())
    today = timezone.localdate()
    assignments = (
        Assignment.objects.valid_on(today)
        .filter(role=Role.OMNIA_FACILITATOR, team__community_point__in=points)
        .select_related("user", "team__community_point")
        .order_by("user__last_name", "user__first_name")
    )
    users = {a.user_id: a for a in assignments}
    done: dict[int, list] = {}
    for enrolment in TrainingEnrolment.objects.filter(
        user_id__in=list(users), completed_on__isnull=False
    ).select_related("course"):
        done.setdefault(enrolment.user_id, []).append(enrolment.course)
    rows = []
    for user_id, assignment in users.items():
        courses = done.get(user_id, [])
        codes = sorted({c for course in courses for c in course.competences})
        rows.append(
            {
                "user": assignment.user,
                "point": assignment.team.community_point,
                "courses": courses,
                "competences": [str(FACILITATOR_COMPETENCES[c]) for c in codes],
                "hours": sum(course.hours for course in courses),
            }
        )
    return rows


def help_requests_for(user):
    """Requests from the points to the user's social-services areas (names audited)."""
    from xarxa.accounts.selectors import scope_for
    from xarxa.community.models import HelpRequest

    check_perm(user, CommunityPerm.ANSWER_HELP)
    scope = scope_for(user)
    rows = HelpRequest.objects.select_related("participant__point", "abss")
    if not scope.all_abss:
        rows = rows.filter(abss_id__in=scope.abss_ids)
    rows = list(rows[:200])
    _audit_names(user, [r.participant for r in rows], rows[0] if rows else None)
    return rows


def help_request_get_for(user, public_id):
    from xarxa.community.models import HelpRequest
    from xarxa.community.services import _require_area

    request = _get(HelpRequest.objects.select_related("participant__point", "abss"), public_id)
    _require_area(user, request)
    audit_record(
        actor=user,
        action=AuditAction.READ,
        obj=request,
        person_id=request.participant.person_id,
    )
    return request
