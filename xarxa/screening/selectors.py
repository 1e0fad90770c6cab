"""Reads of assessments: the same reach as the person's social record, audited."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.http import Http404

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm
from xarxa.people.access import person_access
from xarxa.people.selectors import deny_person
from xarxa.screening.models import Assessment
from xarxa.screening.policies import ScreeningPerm


def _require_records(user, person) -> None:
    check_perm(user, ScreeningPerm.ASSESS)
    if not person_access(user, person).reads_records:
        raise deny_person(user, person)


def assessment_get_for(user, public_id) -> Assessment:
    try:
        assessment = Assessment.objects.select_related(
            "person", "instrument", "assessor", "household"
        ).get(public_id=public_id)
    except (Assessment.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    _require_records(user, assessment.person)
    audit_record(
        actor=user, action=AuditAction.READ, obj=assessment, person_id=assessment.person_id
    )
    return assessment


@dataclass
class Comparison:
    assessments: list  # finalised, oldest first
    rows: list  # (domain, [score or None per assessment])


def comparison_for(user, person, instrument_code="ssm-cat") -> Comparison:
    """Every finalised assessment of the person with one instrument, domain by domain."""
    _require_records(user, person)
    assessments = list(
        Assessment.objects.filter(
            person=person, instrument__code=instrument_code, status=Assessment.Status.FINAL
        )
        .select_related("instrument")
        .prefetch_related("scores", "classifications")
        .order_by("assessed_on", "id")
    )
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="screening.assessment",
        person_id=person.pk,
        details={"results": len(assessments)},
    )
    if not assessments:
        return Comparison([], [])
    domains = list(assessments[-1].instrument.domains.all())
    by_assessment = [{s.domain_id: s for s in a.scores.all()} for a in assessments]
    rows = [(d, [scores.get(d.pk) for scores in by_assessment]) for d in domains]
    rows = [(d, cells) for d, cells in rows if any(cells)]
    return Comparison(assessments, rows)


def drafts_for(user, person) -> list[Assessment]:
    """The person's assessments still being scored (to go on with them)."""
    _require_records(user, person)
    drafts = list(
        Assessment.objects.filter(person=person, status=Assessment.Status.DRAFT).order_by(
            "-created_at", "-id"
        )
    )
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="screening.assessment",
        person_id=person.pk,
        details={"drafts": len(drafts)},
    )
    return drafts


# --- Segmentation ------------------------------------------------------------------

STALE_AFTER_DAYS = 365  # "without a recent assessment": none finalised in 12 months
LEVELS = ("high", "medium", "low", "none")


@dataclass
class Segment:
    """Open case files of one ABSS, team or professional, by complexity."""

    label: str
    params: dict  # the drill-down filter (abss, team, professional)
    high: int = 0
    medium: int = 0
    low: int = 0
    none: int = 0  # never assessed with the SSM-CAT
    stale: int = 0  # no finalised assessment in the last 12 months (never included)
    overdue: int = 0  # the active plan's review is overdue
    drill: bool = False  # the user may open the list of these cases

    @property
    def total(self) -> int:
        return self.high + self.medium + self.low + self.none

    def add(self, level: str, n: int, stale: int, overdue: int) -> None:
        setattr(self, level or "none", getattr(self, level or "none") + n)
        self.stale += stale
        self.overdue += overdue


@dataclass
class Segmentation:
    total: Segment
    abss: list
    teams: list
    professionals: list  # only for ABSS the user works in; never for evaluators
    today: object
    stale_before: object


def _drill_abss(user) -> frozenset[int]:
    """The ABSS whose case lists the user may open (records' ABSS reach)."""
    from xarxa.accounts.selectors import scope_for
    from xarxa.people.access import ABSS_ROLES
    from xarxa.records.policies import RecordsPerm

    scope = scope_for(user)
    if not user.has_perm(RecordsPerm.VIEW) or not scope.roles & ABSS_ROLES:
        return frozenset()
    return scope.abss_ids


def segmentation_for(user, *, abss_id=None) -> Segmentation:
    """Open case files of the whole consortium (or one ABSS) per ABSS, team and
    professional: how many at each complexity level, how many without a recent
    assessment, how many with a review overdue. Figures only: one GROUP BY over the
    denormalised standings (screening.CaseStanding, one per case file, read from its
    covering index alone), three small queries for the names. No person is named, so
    nothing about a person is read."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from xarxa.accounts.models import User
    from xarxa.organisations.models import Team
    from xarxa.records.models import CaseStatus
    from xarxa.screening.models import CaseStanding
    from xarxa.territory.models import Abss

    check_perm(user, ScreeningPerm.VIEW_SEGMENTATION)
    today = timezone.localdate()
    stale_before = today - timedelta(days=STALE_AFTER_DAYS)
    standings = CaseStanding.objects.filter(status=CaseStatus.OPEN)
    if abss_id:
        standings = standings.filter(abss_id=abss_id)
    grouped = (
        standings.order_by()
        .values_list("abss_id", "team_id", "reference_professional_id", "level")
        .annotate(
            n=Count("case_id"),
            stale=Count(
                "case_id", filter=Q(assessed_on__isnull=True) | Q(assessed_on__lt=stale_before)
            ),
            overdue=Count("case_id", filter=Q(review_due__lt=today)),
        )
    )
    rows = list(grouped)
    drill = _drill_abss(user)  # evaluators: none, so figures per ABSS and team only
    abss_names = {a.pk: str(a) for a in Abss.objects.filter(pk__in={r[0] for r in rows})}
    team_names = {t.pk: t.name for t in Team.objects.filter(pk__in={r[1] for r in rows})}
    professional_ids = {r[2] for r in rows if r[0] in drill}
    names = {
        u.pk: u.get_full_name() or u.username
        for u in User.objects.filter(pk__in=professional_ids).only(
            "first_name", "last_name", "username"
        )
    }
    total = Segment(label="", params={})
    by_abss, by_team, by_professional = {}, {}, {}
    for abss, team, professional, level, n, stale, overdue in rows:
        total.add(level, n, stale, overdue)
        segment = by_abss.setdefault(
            abss, Segment(abss_names.get(abss, "—"), {"abss": abss}, drill=abss in drill)
        )
        segment.add(level, n, stale, overdue)
        segment = by_team.setdefault(
            (abss, team),
            Segment(
                f"{team_names.get(team, '—')} ({abss_names.get(abss, '—')})",
                {"abss": abss, "team": team},
                drill=abss in drill,
            ),
        )
        segment.add(level, n, stale, overdue)
        if professional in names and abss in drill:
            segment = by_professional.setdefault(
                (abss, professional),
                Segment(
                    names[professional],
                    {"abss": abss, "professional": professional},
                    drill=True,
                ),
            )
            segment.add(level, n, stale, overdue)

    def ordered(segments):
        return sorted(segments.values(), key=lambda s: s.label)

    return Segmentation(
        total=total,
        abss=ordered(by_abss),
        teams=ordered(by_team),
        professionals=ordered(by_professional),
        today=today,
        stale_before=stale_before,
    )


def segment_cases_for(
    user, *, abss_id: int, team_id=None, professional_id=None, level=None, flag=None, page=1
):
    """The open case files behind one figure of the segmentation, only in an ABSS the
    user works in (records' reach), one page at a time, audited as a list."""
    from django.core.paginator import Paginator
    from django.db.models import Q
    from django.utils import timezone

    from xarxa.core.policies import deny
    from xarxa.records.models import CaseFile, CaseStatus
    from xarxa.records.policies import RecordsPerm

    check_perm(user, ScreeningPerm.VIEW_SEGMENTATION)
    check_perm(user, RecordsPerm.VIEW)
    if abss_id not in _drill_abss(user):
        raise deny(user, f"screening.segmentation:abss:{abss_id}")
    today = timezone.localdate()
    cases = CaseFile.objects.filter(status=CaseStatus.OPEN, abss_id=abss_id)
    if team_id:
        cases = cases.filter(team_id=team_id)
    if professional_id:
        cases = cases.filter(reference_professional_id=professional_id)
    if level == "none":
        cases = cases.filter(Q(standing__isnull=True) | Q(standing__level=""))
    elif level in ("low", "medium", "high"):
        cases = cases.filter(standing__level=level)
    if flag == "stale":
        cases = cases.filter(
            Q(standing__assessed_on__isnull=True)
            | Q(standing__assessed_on__lt=today - timedelta(days=STALE_AFTER_DAYS))
        )
    elif flag == "overdue":
        cases = cases.filter(standing__review_due__lt=today)
    cases = cases.select_related(
        "person", "household", "team", "reference_professional", "standing"
    ).order_by("number")
    page_obj = Paginator(cases, 50).get_page(page)
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="records.casefile",
        details={
            "segmentation": {"abss": abss_id, "team": team_id, "professional": professional_id,
                             "level": level, "flag": flag},
            "cases": [c.pk for c in page_obj.object_list],
        },
    )  # fmt: skip
    return page_obj


@dataclass
class OlderPersonRecords:
    tso: list  # newest first
    dependency: list  # every step, newest first


def older_person_records_for(user, person) -> OlderPersonRecords:
    """The TSO results and the dependency procedure of a person (history), with the
    same reach as the social record; audited."""
    from xarxa.screening.models import DependencyRecord, TsoRecord

    _require_records(user, person)
    tso = list(TsoRecord.objects.filter(person=person).select_related("recorded_by"))
    dependency = list(DependencyRecord.objects.filter(person=person).select_related("recorded_by"))
    audit_record(
        actor=user,
        action=AuditAction.READ,
        object_type="screening.dependencyrecord",
        person_id=person.pk,
        details={"tso": len(tso), "dependency": len(dependency)},
    )
    return OlderPersonRecords(tso, dependency)
