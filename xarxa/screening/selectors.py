"""Reads of assessments: the same reach as the person's social record (screening.policies),
audited; the segmentation's figures and the case lists behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xarxa.accounts.models import User
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.pagination import page_of
from xarxa.core.policies import check_perm, deny, out_of_reach
from xarxa.organisations.models import Team
from xarxa.people.selectors import deny_person
from xarxa.records.models import CaseFile, CaseStanding, CaseStatus
from xarxa.records.policies import RecordsPerm, case_access_via
from xarxa.screening.figures import segmentation_suppressed
from xarxa.screening.models import (
    Assessment,
    DependencyRecord,
    Instrument,
    Score,
    TsoRecord,
)
from xarxa.screening.policies import ScreeningPerm, drill_abss, may_assess
from xarxa.territory.models import Abss

if TYPE_CHECKING:
    from xarxa.people.models import Person
    from xarxa.screening.models import Domain


def _require_records(user: User, person: Person) -> None:
    if not may_assess(user, person):
        raise deny_person(user, person)


def instruments_active() -> list[Instrument]:
    """The instruments in use, with their domains (data, not about anyone)."""
    return list(Instrument.objects.filter(active=True).prefetch_related("domains"))


def instrument_active(code: str) -> Instrument:
    """An instrument in use by its code; 404 when there is none."""
    instrument = Instrument.objects.filter(code=code, active=True).first()
    if instrument is None:
        raise Http404
    return instrument


def assessment_get_for(user: User, public_id: UUID | str) -> Assessment:
    check_perm(user, ScreeningPerm.ASSESS)
    try:
        assessment = Assessment.objects.select_related(
            "person", "instrument", "assessor", "household"
        ).get(public_id=public_id)
    except (Assessment.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    if not may_assess(user, assessment.person):  # answered as an unknown id
        raise out_of_reach(user, obj=assessment, person_ids=[assessment.person_id])
    audit_record(
        actor=user, action=AuditAction.READ, obj=assessment, person_id=assessment.person_id
    )
    return assessment


@dataclass
class Comparison:
    assessments: list[Any]  # finalised, oldest first
    rows: list[tuple[Any, list[Any]]]  # (domain, [score or None per assessment])


def assessed_cases_for(user: User, assessment: Assessment) -> list[CaseFile]:
    """The case files a finalised assessment gave their complexity (their standings name
    it), those the user may open: the way on to each case's plan."""
    ids = set(CaseStanding.objects.filter(assessment=assessment).values_list("case_id", flat=True))
    if assessment.case_id:
        ids.add(assessment.case_id)
    cases = CaseFile.objects.filter(pk__in=ids).order_by("number")
    return [case for case in cases if case_access_via(user, case) is not None]


def comparison_for(user: User, person: Person, instrument_code: str = "ssm-cat") -> Comparison:
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
    domains: list[Domain] = list(assessments[-1].instrument.domains.all())
    by_assessment = [{s.domain_id: s for s in a.scores.all()} for a in assessments]
    rows: list[tuple[Any, list[Score | None]]] = [
        (d, [scores.get(d.pk) for scores in by_assessment]) for d in domains
    ]
    return Comparison(assessments, [(d, cells) for d, cells in rows if any(cells)])


def assessment_scores(assessment: Assessment) -> dict[str, int | str | None]:
    """Domain code -> level, "n/a" or None, of an assessment already read."""
    return {
        s.domain.code: ("n/a" if s.not_assessed else s.level)
        for s in assessment.scores.select_related("domain")
    }


def drafts_for(user: User, person: Person) -> list[Assessment]:
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
    params: dict[str, int | None]  # the drill-down filter (abss, team, professional)
    high: int = 0
    medium: int = 0
    low: int = 0
    none: int = 0  # never assessed with the SSM-CAT
    stale: int = 0  # no finalised assessment in the last 12 months (never included)
    overdue: int = 0  # the active plan's review is overdue
    drill: bool = False  # the user may open the list of these cases
    hidden: set[str] = field(default_factory=set)  # counts not shown (screening.figures)

    @property
    def total(self) -> int:
        return self.high + self.medium + self.low + self.none

    def add(self, level: str, n: int, stale: int, overdue: int) -> None:
        setattr(self, level or "none", getattr(self, level or "none") + n)
        self.stale += stale
        self.overdue += overdue

    def shown(self) -> dict[str, int | None]:
        """The counts as shown: None where hidden."""
        names = ("high", "medium", "low", "none", "total", "stale", "overdue")
        return {n: None if n in self.hidden else getattr(self, n) for n in names}

    @property
    def abss(self) -> int | None:
        return self.params.get("abss")

    @property
    def team(self) -> int | None:
        return self.params.get("team")

    @property
    def professional(self) -> int | None:
        return self.params.get("professional")


@dataclass
class Segmentation:
    total: Segment
    abss: list[Segment]
    teams: list[Segment]
    professionals: list[Segment]  # only for ABSS the user works in; never for evaluators
    today: date
    stale_before: date


def abss_choices() -> list[Abss]:
    """Every ABSS, to filter the segmentation by one (names only)."""
    return list(Abss.objects.order_by("name"))


def segmentation_for(user: User, *, abss_id: int | None = None) -> Segmentation:
    """Open case files of the whole consortium (or one ABSS) per ABSS, team and
    professional: how many at each complexity level, how many without a recent
    assessment, how many with a review overdue. Figures only: one GROUP BY over the
    denormalised standings (records.CaseStanding, one per case file, read from its
    covering index alone), three small queries for the names. No person is named, so
    nothing about a person is read."""
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
    drill = drill_abss(user)  # evaluators: none, so figures per ABSS and team only
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
    by_abss: dict[int | None, Segment] = {}
    by_team: dict[tuple[int | None, int | None], Segment] = {}
    by_professional: dict[tuple[int | None, int | None], Segment] = {}
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

    def ordered(segments: dict[Any, Segment]) -> list[Segment]:
        return sorted(segments.values(), key=lambda s: s.label)

    return segmentation_suppressed(
        Segmentation(
            total=total,
            abss=ordered(by_abss),
            teams=ordered(by_team),
            professionals=ordered(by_professional),
            today=today,
            stale_before=stale_before,
        )
    )


FLAGS = ("stale", "overdue")


def segment_cases_for(
    user: User,
    *,
    abss_id: int,
    team_id: int | None = None,
    professional_id: int | None = None,
    level: str | None = None,
    flag: str | None = None,
    page: int | str = 1,
    exact: bool = False,
) -> Page[CaseFile]:
    """The open case files behind one figure of the segmentation, only in an ABSS the
    user works in (records' reach), one page at a time, audited as a list."""
    check_perm(user, ScreeningPerm.VIEW_SEGMENTATION)
    check_perm(user, RecordsPerm.VIEW)
    if level is not None and level not in LEVELS:
        raise ValidationError({"level": _("The level is high, medium, low or none.")})
    if flag is not None and flag not in FLAGS:
        raise ValidationError({"flag": _("The flag is stale or overdue.")})
    if abss_id not in drill_abss(user):
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
    page_obj = page_of(cases, page, 50, exact=exact)
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


def standing_or_none(case: CaseFile) -> CaseStanding | None:
    """The standing read with a case of ``segment_cases_for`` (None when it has none)."""
    try:
        return case.standing
    except CaseStanding.DoesNotExist:
        return None


@dataclass
class OlderPersonRecords:
    tso: list[TsoRecord]  # newest first
    dependency: list[DependencyRecord]  # every step, newest first
    note: str = field(default="")


def older_person_records_for(user: User, person: Person) -> OlderPersonRecords:
    """The TSO results and the dependency procedure of a person (history), with the
    same reach as the social record; audited."""
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
    return OlderPersonRecords(tso, dependency, str(TSO_NOTE))


TSO_NOTE = gettext_lazy(
    "Only the result of the TSO scale applied on paper is recorded: the scale may not be "
    "reproduced in digital form without its authors' permission."
)
