"""Every write of the community app: atomic, audited, refused (with an audit row) outside
the actor's points. Attendance keeps the figures' tallies in the same transaction."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.community.competences import ACTIC_COMPETENCES, DIGCOMP_COMPETENCES, ActicLevel
from xarxa.community.models import (
    ActicResult,
    Activity,
    ActivityKind,
    AgeBand,
    Attendance,
    Axis,
    Enrolment,
    Gender,
    Moment,
    Origin,
    Outcome,
    OutcomeKind,
    Participant,
    ParticipantYear,
    Point,
    PointKind,
    SelfAssessment,
    Session,
    Situation,
    TargetGroup,
    UseMonth,
)
from xarxa.community.policies import CommunityPerm
from xarxa.community.scope import point_scope_for
from xarxa.core.audit import audit_record
from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny

POINT_FIELDS = [
    "kind",
    "name",
    "address",
    "opening_hours",
    "accessibility",
    "step_free",
    "description",
    "active",
]
MAX_WEEKS = 52


def require_point(actor, point: Point, perm: str) -> None:
    check_perm(actor, perm)
    if not point_scope_for(actor).covers(point):
        raise deny(actor, f"community.point:{point.pk}")


def _choice(value, choices, field):
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of the options offered.")})
    return value


# --- points ---------------------------------------------------------------------------


def point_create(
    *, actor, team, kind=PointKind.OMNIA, municipality, managing_entity=None, **profile
) -> Point:
    """The profile of a point on top of an existing team (the technical office, or the
    entity that runs the team)."""
    entity = managing_entity or team.organisation
    if actor is not None:  # None: loading reference or demo data
        check_perm(actor, CommunityPerm.MANAGE_POINT)
        scope = point_scope_for(actor)
        if not (scope.network or entity.pk in scope.entity_ids):
            raise deny(actor, f"community.point:new:{team.pk}")
    _choice(kind, PointKind, "kind")
    if Point.objects.filter(team=team).exists():
        raise ValidationError({"team": _("This team already has a point profile.")})
    with transaction.atomic():
        point = Point.objects.create(
            team=team,
            kind=kind,
            name=profile.pop("name", "") or team.name,
            managing_entity=entity,
            municipality=municipality,
            **{k: v for k, v in profile.items() if k in POINT_FIELDS},
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=point)
    return point


def point_update(*, actor, point: Point, data: dict, expected_version: int) -> Point:
    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    if "kind" in data:
        _choice(data["kind"], PointKind, "kind")
    if "name" in data and not str(data["name"]).strip():
        raise ValidationError({"name": _("The point needs a name.")})
    original = {name: getattr(point, name) for name in POINT_FIELDS}
    fields = [name for name in POINT_FIELDS if name in data]
    for name in fields:
        setattr(point, name, data[name])
    with transaction.atomic():
        save_versioned(point, expected_version=expected_version, fields=fields, original=original)
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=point, details={"fields": fields})
    return point


# --- activities and sessions ---------------------------------------------------------


def _codes(values, vocabulary, field) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in vocabulary]
    if unknown:
        raise ValidationError({field: _("Unknown code: %s") % ", ".join(unknown)})
    return values


def activity_create(
    *,
    actor,
    point: Point,
    title: str,
    axis: str,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    description: str = "",
    target_groups=(),
    digcomp=(),
    actic=(),
    schedule: str = "",
    capacity: int | None = None,
) -> Activity:
    require_point(actor, point, CommunityPerm.RUN)
    errors = {}
    if not title.strip():
        errors["title"] = _("The activity needs a title.")
    if axis not in Axis.values:
        errors["axis"] = _("Choose one of the options offered.")
    if kind not in ActivityKind.values:
        errors["kind"] = _("Choose one of the options offered.")
    if ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end date cannot be before the start date.")
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("Places must be at least 1, or empty for no limit.")
    if errors:
        raise ValidationError(errors)
    groups = _codes(target_groups, set(TargetGroup.values), "target_groups")
    digcomp = _codes(digcomp, DIGCOMP_COMPETENCES, "digcomp")
    actic = _codes(actic, ACTIC_COMPETENCES, "actic")
    with transaction.atomic():
        activity = Activity.objects.create(
            point=point,
            title=title.strip(),
            axis=axis,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            description=description,
            target_groups=groups,
            digcomp=digcomp,
            actic=actic,
            schedule=schedule,
            capacity=capacity,
            created_by=actor,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=activity)
    return activity


def session_plan(
    *, actor, activity: Activity, first: date, starts_at, ends_at, weeks: int = 1
) -> list[Session]:
    """One session, or the same slot on ``weeks`` consecutive weeks."""
    require_point(actor, activity.point, CommunityPerm.RUN)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The session must end after it starts.")})
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError({"weeks": _("Between 1 and 52 weeks.")})
    with transaction.atomic():
        sessions = Session.objects.bulk_create(
            [
                Session(
                    activity=activity,
                    point_id=activity.point_id,
                    date=first + timedelta(weeks=week),
                    starts_at=starts_at,
                    ends_at=ends_at,
                )
                for week in range(weeks)
            ]
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=activity,
            details={"sessions": len(sessions), "first": first.isoformat()},
        )
    return sessions


def session_cancel(*, actor, session: Session) -> Session:
    """A session that will not take place. One with attendance already taken is kept."""
    require_point(actor, session.point, CommunityPerm.RUN)
    if session.attendances.exists():
        raise ValidationError(_("Attendance was taken at this session: it cannot be cancelled."))
    with transaction.atomic():
        Session.objects.filter(pk=session.pk).update(cancelled=True)
        session.cancelled = True
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=session, details={"cancelled": True}
        )
    return session


# --- participants ----------------------------------------------------------------------


def _profile(data: dict) -> dict:
    errors = {}
    profile = {}
    for field, choices, default in (
        ("gender", Gender, None),
        ("age_band", AgeBand, None),
        ("origin", Origin, Origin.NOT_STATED),
        ("situation", Situation, None),
    ):
        value = data.get(field) or default
        if value not in choices.values:
            errors[field] = _("Choose one of the options offered.")
        profile[field] = value
    if errors:
        raise ValidationError(errors)
    return profile


def participant_add(
    *,
    actor,
    point: Point,
    registered: bool,
    consent: bool = False,
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    email: str = "",
    **data,
) -> Participant:
    """A registered participant needs a name and their consent; an anonymous one keeps
    only the profile the figures count (gender, age band, origin, situation)."""
    require_point(actor, point, CommunityPerm.RUN)
    profile = _profile(data)
    if registered:
        errors = {}
        if not first_name.strip():
            errors["first_name"] = _("Write the participant's first name.")
        if not consent:
            errors["consent"] = _(
                "A participant is registered with their name only with their consent. "
                "Without it, add them as anonymous."
            )
        if errors:
            raise ValidationError(errors)
    with transaction.atomic():
        participant = Participant.objects.create(
            point=point,
            registered=registered,
            first_name=first_name.strip() if registered else "",
            last_name=last_name.strip() if registered else "",
            phone=phone.strip() if registered else "",
            email=email.strip() if registered else "",
            consent_on=timezone.localdate() if registered else None,
            consent_recorded_by=actor if registered else None,
            **profile,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=participant,
            details={"registered": registered},
        )
    return participant


def participant_from_referral(*, actor, referral_public_id, consent: bool, **data) -> Participant:
    """A person a social worker referred to the point becomes a registered participant,
    linked to their social record. The referral is read through the referrals app's
    selector (receiving side only, while open, audited); the name comes from what the
    referral shared, and the person must agree to be registered."""
    from xarxa.referrals.selectors import referral_get_for
    from xarxa.referrals.states import SharedData

    view = referral_get_for(actor, referral_public_id)
    referral = view.referral
    point = Point.objects.filter(team_id=referral.receiving_team_id).first()
    if point is None or view.party != "receiver":
        raise deny(actor, f"referrals.referral:{referral.pk}:participant")
    require_point(actor, point, CommunityPerm.RUN)
    if not view.shows_shared or SharedData.IDENTITY not in referral.shared:
        raise ValidationError(
            {"referral": _("This referral no longer shares the person's name: add them by hand.")}
        )
    existing = Participant.objects.filter(point=point, person_id=referral.person_id).first()
    if existing is not None:
        return existing
    person = referral.person
    surnames = " ".join(n for n in (person.first_surname, person.second_surname) if n)
    with transaction.atomic():
        participant = participant_add(
            actor=actor,
            point=point,
            registered=True,
            consent=consent,
            first_name=person.given_names,
            last_name=surnames,
            **data,
        )
        Participant.objects.filter(pk=participant.pk).update(person=person)
        participant.person = person
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=participant,
            person_id=person.pk,
            details={"linked": True, "referral": referral.pk},
        )
    return participant


def enrolment_add(*, actor, activity: Activity, participant: Participant) -> Enrolment:
    require_point(actor, activity.point, CommunityPerm.RUN)
    if participant.point_id != activity.point_id:
        raise ValidationError(_("The participant belongs to another point."))
    if Enrolment.objects.filter(activity=activity, participant=participant).exists():
        raise ValidationError(_("Already enrolled."))
    if activity.capacity and activity.enrolments.count() >= activity.capacity:
        raise ValidationError(_("The activity is full."))
    with transaction.atomic():
        enrolment = Enrolment.objects.create(activity=activity, participant=participant)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=enrolment,
            details={"activity": activity.pk, "participant": participant.pk},
        )
    return enrolment


# --- attendance and the tallies ----------------------------------------------------------


def _tally(session: Session, participant: Participant, step: int) -> None:
    axis = session.activity.axis
    entity_id = session.point.managing_entity_id
    uses = f"uses_{axis}"
    year_row, _created = ParticipantYear.objects.get_or_create(
        participant=participant,
        point_id=session.point_id,
        year=session.date.year,
        defaults={
            "entity_id": entity_id,
            "gender": participant.gender,
            "age_band": participant.age_band,
            "origin": participant.origin,
            "situation": participant.situation,
        },
    )
    ParticipantYear.objects.filter(pk=year_row.pk).update(**{uses: F(uses) + step})
    month_row, _created = UseMonth.objects.get_or_create(
        point_id=session.point_id,
        month=session.date.replace(day=1),
        axis=axis,
        gender=participant.gender,
        defaults={"entity_id": entity_id},
    )
    UseMonth.objects.filter(pk=month_row.pk).update(uses=F("uses") + step)
    if step < 0:
        ParticipantYear.objects.filter(
            pk=year_row.pk, uses_learning=0, uses_labour=0, uses_community=0
        ).delete()
        UseMonth.objects.filter(pk=month_row.pk, uses=0).delete()


def attendance_mark(
    *, actor, session: Session, participant: Participant, present: bool, walk_in: bool = False
) -> bool:
    """Tick or untick one participant. Returns whether they are now marked present."""
    require_point(actor, session.point, CommunityPerm.RUN)
    if participant.point_id != session.point_id:
        raise ValidationError(_("The participant belongs to another point."))
    if session.cancelled:
        raise ValidationError(_("This session was cancelled."))
    with transaction.atomic():
        existing = Attendance.objects.select_for_update().filter(
            session=session, participant=participant
        )
        if present and not existing.exists():
            Attendance.objects.create(
                session=session, participant=participant, walk_in=walk_in, recorded_by=actor
            )
            _tally(session, participant, +1)
        elif not present and existing.exists():
            existing.delete()
            _tally(session, participant, -1)
        else:
            return present
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE if present else AuditAction.DELETE,
            obj=session,
            details={"participant": participant.pk, "present": present},
        )
    return present


def walk_in_add(*, actor, session: Session, registered: bool = False, **data) -> Participant:
    """Someone who came without enrolling: a new participant (anonymous unless they agree
    to be registered), marked present at once."""
    require_point(actor, session.point, CommunityPerm.RUN)
    if session.cancelled:
        raise ValidationError(_("This session was cancelled."))
    with transaction.atomic():
        participant = participant_add(
            actor=actor, point=session.point, registered=registered, **data
        )
        attendance_mark(
            actor=actor, session=session, participant=participant, present=True, walk_in=True
        )
    return participant


def figures_rebuild(point_ids=None) -> int:
    """Recompute the tallies from the attendance (after a bulk load, or to check them)."""
    from collections import defaultdict

    years = ParticipantYear.objects.all()
    months = UseMonth.objects.all()
    rows = Attendance.objects.all()
    if point_ids is not None:
        years, months = years.filter(point_id__in=point_ids), months.filter(point_id__in=point_ids)
        rows = rows.filter(session__point_id__in=point_ids)
    per_year: dict = defaultdict(lambda: {"learning": 0, "labour": 0, "community": 0})
    per_month: dict = defaultdict(int)
    profile = {}
    entity = {}
    for pid, point_id, entity_id, day, axis, g, a, o, s in rows.values_list(
        "participant_id",
        "session__point_id",
        "session__point__managing_entity_id",
        "session__date",
        "session__activity__axis",
        "participant__gender",
        "participant__age_band",
        "participant__origin",
        "participant__situation",
    ).iterator(chunk_size=5000):
        per_year[(pid, point_id, day.year)][axis] += 1
        per_month[(point_id, day.replace(day=1), axis, g)] += 1
        profile[pid] = (g, a, o, s)
        entity[point_id] = entity_id
    with transaction.atomic():
        years.delete()
        months.delete()
        ParticipantYear.objects.bulk_create(
            [
                ParticipantYear(
                    participant_id=pid,
                    point_id=point_id,
                    entity_id=entity[point_id],
                    year=year,
                    gender=profile[pid][0],
                    age_band=profile[pid][1],
                    origin=profile[pid][2],
                    situation=profile[pid][3],
                    uses_learning=uses["learning"],
                    uses_labour=uses["labour"],
                    uses_community=uses["community"],
                )
                for (pid, point_id, year), uses in per_year.items()
            ],
            batch_size=2000,
        )
        UseMonth.objects.bulk_create(
            [
                UseMonth(
                    point_id=point_id,
                    entity_id=entity[point_id],
                    month=month,
                    axis=axis,
                    gender=g,
                    uses=n,
                )
                for (point_id, month, axis, g), n in per_month.items()
            ],
            batch_size=2000,
        )
    return len(per_year)


# --- the participant's path ----------------------------------------------------------------


def digcomp_instrument():
    """The screening app's DigComp self-assessment, its newest active version."""
    from xarxa.screening.models import Instrument

    instrument = (
        Instrument.objects.filter(code="digcomp-self", active=True)
        .prefetch_related("domains")
        .order_by("-pk")
        .first()
    )
    if instrument is None:
        raise ValidationError(_("The DigComp self-assessment is not loaded."))
    return instrument


def self_assessment_record(
    *, actor, participant: Participant, moment: str, scores: dict, assessed_on=None
) -> SelfAssessment:
    """Scores on the screening app's DigComp self-assessment instrument: a level 1-5 for
    every one of its domains."""
    require_point(actor, participant.point, CommunityPerm.RUN)
    _choice(moment, Moment, "moment")
    instrument = digcomp_instrument()
    codes = [d.code for d in instrument.domains.all()]
    clean = {}
    for code in codes:
        try:
            level = int(scores.get(code))
        except (TypeError, ValueError):
            level = 0
        if not 1 <= level <= 5:
            raise ValidationError({code: _("Choose a level from 1 to 5 for every area.")})
        clean[code] = level
    with transaction.atomic():
        result = SelfAssessment.objects.create(
            participant=participant,
            instrument=instrument,
            moment=moment,
            scores=clean,
            assessed_on=assessed_on or timezone.localdate(),
            recorded_by=actor,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=result)
    return result


def actic_result_record(*, actor, participant: Participant, level: str, obtained_on: date):
    require_point(actor, participant.point, CommunityPerm.RUN)
    _choice(level, ActicLevel, "level")
    if obtained_on > timezone.localdate():
        raise ValidationError({"obtained_on": _("The date cannot be in the future.")})
    with transaction.atomic():
        result = ActicResult.objects.create(
            participant=participant, level=level, obtained_on=obtained_on, recorded_by=actor
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=result)
    return result


def outcome_record(*, actor, participant: Participant, kind: str, on: date, note: str = ""):
    require_point(actor, participant.point, CommunityPerm.RUN)
    _choice(kind, OutcomeKind, "kind")
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    with transaction.atomic():
        outcome = Outcome.objects.create(
            participant=participant, kind=kind, on=on, note=note, recorded_by=actor
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=outcome)
    return outcome


# --- equipment and connectivity --------------------------------------------------------------


def connection_set(*, actor, point: Point, kind: str, mbps=None, public_wifi=False):
    from xarxa.community.models import Connection, ConnectionKind

    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    _choice(kind, ConnectionKind, "kind")
    if mbps is not None and not 0 <= mbps <= 100000:
        raise ValidationError({"mbps": _("Write the speed in Mbit/s.")})
    with transaction.atomic():
        connection, _created = Connection.objects.update_or_create(
            point=point,
            defaults={
                "kind": kind,
                "mbps": mbps,
                "public_wifi": public_wifi,
                "checked_on": timezone.localdate(),
            },
        )
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=connection)
    return connection


def device_add(*, actor, point: Point, kind: str, label: str, year=None, loanable=False):
    from xarxa.community.models import Device, DeviceKind

    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    _choice(kind, DeviceKind, "kind")
    if not label.strip():
        raise ValidationError({"label": _("Give the device a name or inventory number.")})
    if year is not None and not 1990 <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Write the year it was bought.")})
    with transaction.atomic():
        device = Device.objects.create(
            point=point, kind=kind, label=label.strip(), year=year, loanable=loanable
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=device)
    return device


def device_state_set(*, actor, device, state: str):
    from xarxa.community.models import Device, DeviceState

    require_point(actor, device.point, CommunityPerm.MANAGE_POINT)
    _choice(state, DeviceState, "state")
    with transaction.atomic():
        Device.objects.filter(pk=device.pk).update(state=state)
        device.state = state
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=device, details={"state": state})
    return device


def loan_start(*, actor, device, participant: Participant, due_on: date):
    from xarxa.community.models import DeviceState, Loan

    require_point(actor, device.point, CommunityPerm.RUN)
    if participant.point_id != device.point_id or not participant.registered:
        raise ValidationError(
            {"participant": _("Devices are lent only to registered participants of the point.")}
        )
    if not device.loanable or device.state != DeviceState.WORKING:
        raise ValidationError({"device": _("This device cannot be lent now.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The return date cannot be in the past.")})
    if device.loans.filter(returned_on__isnull=True).exists():
        raise ValidationError({"device": _("This device is already lent.")})
    with transaction.atomic():
        loan = Loan.objects.create(
            device=device, participant=participant, due_on=due_on, lent_by=actor
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=loan)
    return loan


def loan_return(*, actor, loan):
    from xarxa.community.models import Loan

    require_point(actor, loan.device.point, CommunityPerm.RUN)
    if loan.returned_on:
        raise ValidationError(_("This device was already returned."))
    with transaction.atomic():
        Loan.objects.filter(pk=loan.pk).update(returned_on=timezone.localdate())
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=loan, details={"returned": True})
    return loan


def incident_report(
    *, actor, point: Point, kind: str, description: str, device=None, estimated_cost=None
):
    from xarxa.community.models import Incident, IncidentKind

    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    _choice(kind, IncidentKind, "kind")
    if not description.strip():
        raise ValidationError({"description": _("Say what happens or what is needed.")})
    if device is not None and device.point_id != point.pk:
        raise ValidationError({"device": _("The device belongs to another point.")})
    with transaction.atomic():
        incident = Incident.objects.create(
            point=point,
            kind=kind,
            description=description.strip(),
            device=device,
            estimated_cost=estimated_cost,
            reported_by=actor,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=incident)
    return incident


def incident_resolve(*, actor, incident):
    from xarxa.community.models import Incident

    require_point(actor, incident.point, CommunityPerm.MANAGE_POINT)
    if incident.resolved_on:
        raise ValidationError(_("Already resolved."))
    with transaction.atomic():
        Incident.objects.filter(pk=incident.pk).update(resolved_on=timezone.localdate())
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=incident, details={"resolved": True}
        )
    return incident


# --- community projects --------------------------------------------------------------------------


def project_create(
    *,
    actor,
    point: Point,
    title: str,
    goals: str,
    starts_on: date,
    framework: str = "",
    partners: str = "",
    ends_on=None,
):
    from xarxa.community.models import Framework, Project

    require_point(actor, point, CommunityPerm.RUN)
    errors = {}
    if not title.strip():
        errors["title"] = _("The project needs a title.")
    if not goals.strip():
        errors["goals"] = _("Write what the project wants to achieve.")
    if framework not in Framework.values:
        errors["framework"] = _("Choose one of the options offered.")
    if ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end date cannot be before the start date.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        project = Project.objects.create(
            point=point,
            title=title.strip(),
            goals=goals.strip(),
            framework=framework,
            partners=partners.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=project)
    return project


def project_results_set(*, actor, project, results: str):
    from xarxa.community.models import Project

    require_point(actor, project.point, CommunityPerm.RUN)
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(results=results.strip())
        project.results = results.strip()
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=project, details={"results": True})
    return project


def project_link_activity(*, actor, project, activity: Activity):
    require_point(actor, project.point, CommunityPerm.RUN)
    if activity.point_id != project.point_id:
        raise ValidationError(_("The activity belongs to another point."))
    with transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(project=project)
        activity.project = project
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=project, details={"activity": activity.pk}
        )
    return activity


# --- the network's shared knowledge ------------------------------------------------------------


def resource_share(
    *, actor, title: str, kind: str, summary: str, link: str = "", axes=(), digcomp=()
):
    from xarxa.community.models import Resource, ResourceKind

    check_perm(actor, CommunityPerm.SHARE)
    errors = {}
    if not title.strip():
        errors["title"] = _("The resource needs a title.")
    if not summary.strip():
        errors["summary"] = _("Say in a few words what it is and how to use it.")
    if kind not in ResourceKind.values:
        errors["kind"] = _("Choose one of the options offered.")
    if errors:
        raise ValidationError(errors)
    axes = _codes(axes, set(Axis.values), "axes")
    digcomp = _codes(digcomp, DIGCOMP_COMPETENCES, "digcomp")
    scope = point_scope_for(actor)
    point = Point.objects.filter(team_id__in=scope.team_ids).first()
    with transaction.atomic():
        resource = Resource.objects.create(
            title=title.strip(),
            kind=kind,
            summary=summary.strip(),
            link=link,
            axes=axes,
            digcomp=digcomp,
            contributed_by=actor,
            point=point,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=resource)
    return resource


def news_publish(*, actor, title: str, body: str):
    from xarxa.community.models import News

    check_perm(actor, CommunityPerm.PUBLISH_NEWS)
    if not title.strip() or not body.strip():
        raise ValidationError(_("Write a title and a text."))
    with transaction.atomic():
        news = News.objects.create(title=title.strip(), body=body.strip(), author=actor)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=news)
    return news


# --- facilitator training ---------------------------------------------------------------


def course_create(
    *, actor, title: str, starts_on: date, hours: int, description="", competences=()
):
    from xarxa.community.models import FACILITATOR_COMPETENCES, TrainingCourse

    check_perm(actor, CommunityPerm.MANAGE_TRAINING)
    errors = {}
    if not title.strip():
        errors["title"] = _("The course needs a title.")
    if not hours or hours < 1:
        errors["hours"] = _("Write how many hours it lasts.")
    if errors:
        raise ValidationError(errors)
    competences = _codes(competences, FACILITATOR_COMPETENCES, "competences")
    with transaction.atomic():
        course = TrainingCourse.objects.create(
            title=title.strip(),
            starts_on=starts_on,
            hours=hours,
            description=description,
            competences=competences,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=course)
    return course


def training_enrol(*, actor, course):
    from xarxa.community.models import TrainingEnrolment

    check_perm(actor, CommunityPerm.TRAIN)
    if TrainingEnrolment.objects.filter(course=course, user=actor).exists():
        raise ValidationError(_("Already enrolled."))
    with transaction.atomic():
        enrolment = TrainingEnrolment.objects.create(course=course, user=actor)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=enrolment)
    return enrolment


def training_complete(*, actor, enrolment, on: date | None = None):
    from xarxa.community.models import TrainingEnrolment

    check_perm(actor, CommunityPerm.MANAGE_TRAINING)
    if enrolment.completed_on:
        raise ValidationError(_("Already completed."))
    day = on or timezone.localdate()
    with transaction.atomic():
        TrainingEnrolment.objects.filter(pk=enrolment.pk).update(completed_on=day)
        enrolment.completed_on = day
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=enrolment, details={"done": True})
    return enrolment


# --- asking social services for help -------------------------------------------------------


def help_request_send(
    *, actor, participant: Participant, abss, reason: str, consent: bool, consent_method: str
):
    from xarxa.community.models import ConsentMethodChoices, HelpRequest

    require_point(actor, participant.point, CommunityPerm.RUN)
    errors = {}
    if not participant.registered:
        errors["reason"] = _("Register the participant with their name first.")
    if not reason.strip():
        errors["reason"] = _("Say why the person needs social services.")
    if not consent:
        errors["consent"] = _("Ask the person first: the request is sent only with their consent.")
    if consent_method not in dict(ConsentMethodChoices):
        errors["consent_method"] = _("Choose one of the options offered.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = HelpRequest.objects.create(
            participant=participant,
            abss=abss,
            reason=reason.strip(),
            consent_method=consent_method,
            sent_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=request,
            person_id=participant.person_id,
            details={"abss": abss.pk},
        )
    return request


def _require_area(actor, request) -> None:
    from xarxa.accounts.selectors import scope_for

    check_perm(actor, CommunityPerm.ANSWER_HELP)
    if not scope_for(actor).covers_abss(request.abss_id):
        raise deny(actor, f"community.helprequest:{request.pk}")


def help_request_seen(*, actor, request):
    from xarxa.community.models import HelpRequest

    _require_area(actor, request)
    if request.state == HelpRequest.State.SENT:
        HelpRequest.objects.filter(pk=request.pk).update(state=HelpRequest.State.SEEN)
        request.state = HelpRequest.State.SEEN
    return request


def help_request_answer(*, actor, request, answer: str):
    from xarxa.community.models import HelpRequest

    _require_area(actor, request)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer for the point.")})
    with transaction.atomic():
        HelpRequest.objects.filter(pk=request.pk).update(
            state=HelpRequest.State.ANSWERED, answer=answer.strip(), answered_by=actor
        )
        request.state, request.answer = HelpRequest.State.ANSWERED, answer.strip()
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=request)
    return request


def stop_add(*, actor, point: Point, municipality, place: str, weekday: int, starts_at, ends_at):
    from xarxa.community.models import Stop, Weekday

    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    errors = {}
    if point.kind != PointKind.MOBILE:
        errors["place"] = _("Only a mobile point has a schedule of stops.")
    if not place.strip():
        errors["place"] = _("Say where it stops.")
    if weekday not in Weekday.values:
        errors["weekday"] = _("Choose one of the options offered.")
    if ends_at <= starts_at:
        errors["ends_at"] = _("The stop must end after it starts.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        stop = Stop.objects.create(
            point=point,
            municipality=municipality,
            place=place.strip(),
            weekday=weekday,
            starts_at=starts_at,
            ends_at=ends_at,
            valid_from=timezone.localdate(),
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=stop)
    return stop


def stop_end(*, actor, stop):
    from xarxa.community.models import Stop

    require_point(actor, stop.point, CommunityPerm.MANAGE_POINT)
    today = timezone.localdate()
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=stop, details={"ended": True})
        if stop.valid_from and stop.valid_from >= today:  # added today: it never ran
            Stop.objects.filter(pk=stop.pk).delete()
        else:  # kept as history: it stopped there until yesterday
            Stop.objects.filter(pk=stop.pk).update(valid_until=today - timedelta(days=1))
    return stop


DIVIDES = ("access", "use", "outcomes")


def participant_divides_set(*, actor, participant: Participant, divides: list[str]) -> Participant:
    """Record which digital divides the facilitator sees (the others: not present)."""
    require_point(actor, participant.point, CommunityPerm.RUN)
    unknown = [d for d in divides if d not in DIVIDES]
    if unknown:
        raise ValidationError({"divides": _("Choose one of the options offered.")})
    values = {f"divide_{d}": d in divides for d in DIVIDES}
    with transaction.atomic():
        Participant.objects.filter(pk=participant.pk).update(**values)
        for name, value in values.items():
            setattr(participant, name, value)
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=participant, details=values)
    return participant
