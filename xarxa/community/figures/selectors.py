"""Figures for a point, a managing entity or the whole network: participants, uses and
activities by axis, year, month, gender, age band, origin and situation, and crossings of
two of them. Read from the compact tallies the attendance service keeps, suppressed under
MIN_CELL (see ``tables``); every read is audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict, TypeVar

from django.db import models
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from xarxa.community.activities.models import Axis, Session
from xarxa.community.attendance.models import ParticipantYear, UseMonth
from xarxa.community.common import get_by_public_id
from xarxa.community.figures.tables import DIMENSIONS, MIN_CELL, TOTAL_USES, Cross, cross, shown
from xarxa.community.participants.models import Gender, SelfAssessment
from xarxa.community.participants.selectors import digcomp_instrument
from xarxa.community.points.models import Point
from xarxa.community.points.policies import point_scope_for
from xarxa.community.points.selectors import entities_of, point_list_for
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.disclosure import suppress, suppress_line
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.organisations.models import Organisation

if TYPE_CHECKING:
    from xarxa.accounts.models import User

Q_ = TypeVar("Q_", bound=models.Model)


class TrendRow(NamedTuple):
    year: int
    participants: int | None
    uses: int | None


class DivideRow(NamedTuple):
    label: str
    cells: list[int | None]  # assessed, access, use, outcomes


class AreaProgress(NamedTuple):
    area: str
    before: float
    after: float


class GenderGain(NamedTuple):
    gender: str
    participants: int
    gain: float


class Progress(TypedDict):
    participants: int | None
    areas: list[AreaProgress]
    by_gender: list[GenderGain]


@dataclass
class Figures:
    level: str  # network, entity or point
    subject: str
    year: int
    participants: int | None
    uses: int | None
    activities: dict[str, int]  # axis label -> number of activities with sessions in the year
    crosses: list[Cross]
    months: list[tuple[date, list[int | None]]]  # (month, uses shown by gender)
    trend: list[TrendRow]
    genders: list[str] = field(default_factory=list)
    progress: Progress | None = None
    divides: list[DivideRow] = field(default_factory=list)
    suppressed_under: int = MIN_CELL


@dataclass(frozen=True)
class Subject:
    level: str
    point: Point | None = None
    entity: Organisation | None = None

    def label(self) -> str:
        if self.point:
            return self.point.name
        if self.entity:
            return str(self.entity)
        if self.level == "none":
            return _("No Òmnia point assigned to you yet")
        return _("The whole Òmnia network")

    def filter(
        self, queryset: QuerySet[Q_], point_field: str = "point_id", entity_field: str = "entity_id"
    ) -> QuerySet[Q_]:
        if self.point:
            return queryset.filter(**{point_field: self.point.pk})
        if self.entity:
            return queryset.filter(**{entity_field: self.entity.pk})
        if self.level == "none":
            return queryset.none()
        return queryset


def subject_for(
    user: User, *, point: Point | None = None, entity: Organisation | None = None
) -> Subject:
    """The subject asked for, or the widest one the user reaches; refused outside it."""
    check_perm(user, CommunityPerm.VIEW_FIGURES)
    scope = point_scope_for(user)
    if point is not None:
        if not scope.covers(point):
            raise deny(user, f"community.figures:point:{point.pk}")
        return Subject("point", point=point)
    if entity is not None:
        if not scope.covers_entity(entity):
            raise deny(user, f"community.figures:entity:{entity.pk}")
        return Subject("entity", entity=entity)
    if scope.network:
        return Subject("network")
    if scope.entity_ids:
        return Subject("entity", entity=Organisation.objects.get(pk=min(scope.entity_ids)))
    first = scope.filter(Point.objects.all()).order_by("name").first()
    if first is None:  # a new facilitator whose point is not set up yet: empty figures
        return Subject("none")
    return Subject("point", point=first)


def subject_from_key(user: User, value: str) -> Subject:
    """A subject from its key: "", "point:<public id>" or "entity:<id>"."""
    kind, _sep, key = value.partition(":")
    if kind == "point":
        return subject_for(user, point=get_by_public_id(Point.objects.all(), key))
    if kind == "entity":
        entity = Organisation.objects.filter(pk=int(key) if key.isdigit() else 0).first()
        if entity is None:
            raise Http404
        return subject_for(user, entity=entity)
    return subject_for(user)


def subjects_for(user: User) -> list[tuple[str, str]]:
    """The subjects ``user`` may choose from: the network, entities, points."""
    choices: list[tuple[str, str]] = []
    if point_scope_for(user).network:
        choices.append(("network", _("The whole Òmnia network")))
    points = list(point_list_for(user)) if user.has_perm(CommunityPerm.VIEW) else []
    for entity in entities_of(user, points):
        choices.append((f"entity:{entity.pk}", entity.name))
    for point in points:
        choices.append((f"point:{point.public_id}", point.name))
    return choices


def figures_for(
    user: User, *, year: int, subject: Subject, rows: str = "axis", cols: str = "gender"
) -> Figures:
    """The dashboard. ``subject`` comes from ``subject_for`` (scope already checked)."""
    if rows not in DIMENSIONS or cols not in DIMENSIONS or rows == cols:
        rows, cols = "axis", "gender"
    tallies = subject.filter(ParticipantYear.objects.all())
    this_year = tallies.filter(year=year)
    crosses = cross(this_year, rows, cols)
    participants_cross = crosses[0]
    uses_cross = crosses[1]
    sessions = subject.filter(
        Session.objects.filter(date__year=year), entity_field="point__managing_entity_id"
    )
    activities = {str(label): 0 for label in Axis.labels}
    for axis_row in sessions.values("activity__axis").annotate(n=Count("activity", distinct=True)):
        activities[str(Axis(axis_row["activity__axis"]).label)] = axis_row["n"]
    months: dict[date, dict[str, int]] = {}
    month_rows = subject.filter(UseMonth.objects.filter(month__year=year))
    for month_row in month_rows.values("month", "gender").annotate(u=Sum("uses")).order_by("month"):
        months.setdefault(month_row["month"], {})[month_row["gender"]] = month_row["u"]
    trend = [
        TrendRow(row["year"], shown(row["p"]), shown(row["u"] or 0))
        if row["year"] != year  # this year's row: the totals as the crossings show them
        else TrendRow(year, participants_cross.total, uses_cross.total)
        for row in tallies.values("year")
        .annotate(p=Count("id"), u=Sum(TOTAL_USES))
        .order_by("year")
    ]
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="community.figures",
        object_id=f"{subject.level}:{(subject.point or subject.entity or Point()).pk or ''}",
        details={"year": year, "rows": rows, "cols": cols},
    )
    return Figures(
        level=subject.level,
        subject=subject.label(),
        year=year,
        participants=participants_cross.total,
        uses=uses_cross.total,
        activities=activities,
        crosses=crosses,
        months=_months_shown(months),
        trend=trend,
        genders=[str(label) for label in Gender.labels],
        progress=competence_progress(subject, year),
        divides=divides_by_gender(this_year),
    )


def _months_shown(months: dict[date, dict[str, int]]) -> list[tuple[date, list[int | None]]]:
    """Uses by month and gender. Each gender's months add up to its uses in the year,
    which the crossings may show: those totals are taken as known, so no month of a
    gender can be worked out from the others either."""
    values: dict[tuple[Any, str], int] = {}
    for month, by_gender in months.items():
        for g in Gender.values:
            values[(month, g)] = by_gender.get(g, 0)
    for g in Gender.values:
        values[(None, g)] = sum(by_gender.get(g, 0) for by_gender in months.values())
    lines = [([(month, g) for month in months], (None, g)) for g in Gender.values]
    hidden = suppress(values, lines, known=[(None, g) for g in Gender.values])
    return [
        (month, [None if (month, g) in hidden else values[(month, g)] for g in Gender.values])
        for month in months
    ]


def divides_by_gender(queryset: QuerySet[ParticipantYear]) -> list[DivideRow]:
    """Participants of the year assessed for the digital divides, and how many show each
    (access, use, outcomes), by gender and in total; suppressed under MIN_CELL."""
    measures: dict[str, Any] = {
        "assessed": Count("id", filter=Q(participant__divide_access__isnull=False))
    }
    for divide in ("access", "use", "outcomes"):
        measures[divide] = Count("id", filter=Q(**{f"participant__divide_{divide}": True}))
    by_gender: dict[str, Any] = {
        row["gender"]: row for row in queryset.values("gender").annotate(**measures)
    }
    keys = ["assessed", "access", "use", "outcomes"]
    rows = [
        (str(label), by_gender[value])
        for value, label in Gender.choices
        if value in by_gender and by_gender[value]["assessed"]
    ]
    if not rows:
        return []
    # each measure is one line: the genders add up to the total row
    columns = [
        suppress_line([row[k] for _l, row in rows], sum(r[k] for _l, r in rows)) for k in keys
    ]
    out = [
        DivideRow(label, [column[0][i] for column in columns])
        for i, (label, _row) in enumerate(rows)
    ]
    out.append(DivideRow(str(_("Total")), [column[1] for column in columns]))
    return out


Pair = tuple[int, dict[str, int], dict[str, int]]


def competence_progress(subject: Subject, year: int) -> Progress:
    """Participants with a DigComp self-assessment before and one after (the after in
    ``year``): the average level per area before and after, overall and by gender. Nothing
    is shown for fewer than MIN_CELL participants."""
    rows = subject.filter(
        SelfAssessment.objects.all(),
        point_field="participant__point_id",
        entity_field="participant__point__managing_entity_id",
    ).values_list("participant_id", "participant__gender", "moment", "assessed_on", "scores")
    before: dict[int, tuple[date, dict[str, int]]] = {}
    after: dict[int, tuple[date, dict[str, int]]] = {}
    gender: dict[int, str] = {}
    for pid, g, moment, day, scores in rows.order_by("assessed_on", "pk"):
        gender[pid] = g
        if moment == "before":
            before.setdefault(pid, (day, scores))  # the first one
        elif day.year == year:
            after[pid] = (day, scores)  # the last one
    pairs: list[Pair] = [
        (pid, before[pid][1], after[pid][1])
        for pid in after
        if pid in before and before[pid][0] <= after[pid][0]
    ]
    domains = list(digcomp_instrument().domains.all())

    def averages(subset: list[Pair]) -> list[AreaProgress]:
        out = []
        for domain in domains:
            pre = [b[domain.code] for _p, b, _a in subset if domain.code in b]
            post = [a[domain.code] for _p, _b, a in subset if domain.code in a]
            if pre and post:
                out.append(AreaProgress(domain.name, sum(pre) / len(pre), sum(post) / len(post)))
        return out

    subsets = [
        (str(label), [pair for pair in pairs if gender[pair[0]] == value])
        for value, label in Gender.choices
    ]
    # the genders add up to the participants: a gender left out must not be derivable
    counts, participants = suppress_line([len(subset) for _l, subset in subsets], len(pairs))
    by_gender = []
    for (label, subset), count in zip(subsets, counts, strict=True):
        if count:  # None: hidden; 0: nobody
            gains = [
                sum(a.values()) / len(a) - sum(b.values()) / len(b)
                for _p, b, a in subset
                if a and b
            ]
            by_gender.append(GenderGain(label, count, sum(gains) / len(gains) if gains else 0.0))
    return {
        "participants": participants,
        "areas": averages(pairs) if participants and len(pairs) >= MIN_CELL else [],
        "by_gender": by_gender,
    }
