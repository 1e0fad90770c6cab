"""Figures for a point, a managing entity or the whole network: participants, uses and
activities by axis, year, month, gender, age band, origin and situation, and crossings of
two of them. Read from the compact tallies the attendance service keeps; every cell under
MIN_CELL is suppressed (shown as "<5"), and so is a cell that a total would give away by
subtraction, so nobody can be recognised."""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xarxa.community.models import (
    AgeBand,
    Axis,
    Gender,
    Origin,
    ParticipantYear,
    Point,
    Session,
    Situation,
    UseMonth,
)
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.organisations.models import Organisation

MIN_CELL = 5
DIMENSIONS = {
    "axis": (gettext_lazy("Axis"), Axis),
    "gender": (gettext_lazy("Gender"), Gender),
    "age_band": (gettext_lazy("Age band"), AgeBand),
    "origin": (gettext_lazy("Origin"), Origin),
    "situation": (gettext_lazy("Situation"), Situation),
}
TOTAL_USES = F("uses_learning") + F("uses_labour") + F("uses_community")


def shown(value: int) -> int | None:
    """A count as it may be shown: None (suppressed) when under MIN_CELL."""
    return value if value >= MIN_CELL else None


@dataclass
class Cross:
    measure: str
    rows_dim: str
    cols_dim: str
    rows: list  # [(label, [cells], total)]
    cols: list[str]
    col_totals: list
    total: int | None

    @property
    def rows_label(self) -> str:
        return str(DIMENSIONS[self.rows_dim][0])


@dataclass
class Figures:
    level: str  # network, entity or point
    subject: str
    year: int
    participants: int | None
    uses: int | None
    activities: dict  # axis label -> number of activities with sessions in the year
    crosses: list[Cross]
    months: list  # (month, {gender: uses shown})
    trend: list  # (year, participants shown, uses shown)
    genders: list = field(default_factory=list)
    progress: dict | None = None  # see competence_progress
    divides: list = field(default_factory=list)  # see divides_by_gender


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
        return _("The whole Òmnia network")

    def filter(self, queryset, point_field="point_id", entity_field="entity_id"):
        if self.point:
            return queryset.filter(**{point_field: self.point.pk})
        if self.entity:
            return queryset.filter(**{entity_field: self.entity.pk})
        return queryset


def subject_for(user, *, point=None, entity=None) -> Subject:
    """The subject asked for, or the widest one the user reaches; refused outside it."""
    from xarxa.community.scope import point_scope_for

    check_perm(user, CommunityPerm.VIEW_FIGURES)
    scope = point_scope_for(user)
    if point is not None:
        if not scope.covers(point):
            raise deny(user, f"community.figures:point:{point.pk}")
        return Subject("point", point=point)
    if entity is not None:
        if not (scope.network or entity.pk in scope.entity_ids):
            raise deny(user, f"community.figures:entity:{entity.pk}")
        return Subject("entity", entity=entity)
    if scope.network:
        return Subject("network")
    if scope.entity_ids:
        return Subject("entity", entity=Organisation.objects.get(pk=min(scope.entity_ids)))
    first = scope.filter(Point.objects.all()).order_by("name").first()
    if first is None:
        raise deny(user, "community.figures")
    return Subject("point", point=first)


def subject_from_key(user, value: str) -> Subject:
    """A subject from its key: "", "point:<public id>" or "entity:<id>"."""
    from django.core.exceptions import ValidationError
    from django.http import Http404

    kind, _sep, key = value.partition(":")
    if kind == "point":
        try:
            point = Point.objects.get(public_id=key)
        except (Point.DoesNotExist, ValidationError, ValueError):
            raise Http404 from None
        return subject_for(user, point=point)
    if kind == "entity":
        entity = Organisation.objects.filter(pk=int(key) if key.isdigit() else 0).first()
        if entity is None:
            raise Http404
        return subject_for(user, entity=entity)
    return subject_for(user)


def _grouped(queryset, dims) -> dict[tuple, tuple[int, int]]:
    """(participants, uses) for each combination of ``dims``, in one GROUP BY: the axis
    is read from the three per-axis columns with conditional aggregates."""
    from django.db.models import Q

    plain = [d for d in dims if d != "axis"]
    if "axis" in dims:
        measures = {}
        for axis in Axis.values:
            measures[f"p_{axis}"] = Count("id", filter=Q(**{f"uses_{axis}__gt": 0}))
            measures[f"u_{axis}"] = Sum(f"uses_{axis}")
        axes = Axis.values
    else:
        measures = {"p_": Count("id"), "u_": Sum(TOTAL_USES)}
        axes = [""]
    if plain:
        grouped = queryset.values(*plain).annotate(**measures).order_by()
    else:
        grouped = [queryset.aggregate(**measures)]
    out: dict[tuple, tuple[int, int]] = {}
    for row in grouped:
        for axis in axes:
            participants, uses = row[f"p_{axis}"] or 0, row[f"u_{axis}"] or 0
            if participants:
                key = tuple(axis if d == "axis" else row[d] for d in dims)
                out[key] = (participants, uses)
    return out


def _sum_over(cells: dict, position: int) -> dict[tuple, tuple[int, int]]:
    """Totals of a crossing along one of its two dimensions: exact when the other
    dimension is a participant's attribute (each participant-year has one value)."""
    out: dict[tuple, list[int]] = {}
    for key, (participants, uses) in cells.items():
        total = out.setdefault((key[position],), [0, 0])
        total[0] += participants
        total[1] += uses
    return {key: (p, u) for key, (p, u) in out.items()}


def _cross(queryset, rows_dim: str, cols_dim: str) -> list[Cross]:
    row_choices = DIMENSIONS[rows_dim][1]
    col_choices = DIMENSIONS[cols_dim][1]
    cells = _grouped(queryset, [rows_dim, cols_dim])
    # A participant counts once in each axis they used: totals across axes need a query
    # of their own; totals across an attribute are sums of the cells.
    row_totals = _grouped(queryset, [rows_dim]) if cols_dim == "axis" else _sum_over(cells, 0)
    col_totals = _grouped(queryset, [cols_dim]) if rows_dim == "axis" else _sum_over(cells, 1)
    by_row = sum(p for p, _u in row_totals.values()), sum(u for _p, u in row_totals.values())
    by_col = sum(p for p, _u in col_totals.values()), sum(u for _p, u in col_totals.values())
    total = by_row if rows_dim != "axis" else by_col  # summed along an attribute
    crosses = []
    for index, measure in enumerate(("participants", "uses")):
        labels, matrix, margins = [], [], []
        for value, label in row_choices.choices:
            row_total = row_totals.get((value,), (0, 0))[index]
            if row_total == 0:
                continue  # an empty category is left out, not shown as "<5"
            labels.append(str(label))
            matrix.append([cells.get((value, col), (0, 0))[index] for col in col_choices.values])
            margins.append(row_total)
        col_margins = [col_totals.get((col,), (0, 0))[index] for col in col_choices.values]
        shown_cells, shown_rows, shown_cols = suppress(matrix, margins, col_margins)
        crosses.append(
            Cross(
                measure=measure,
                rows_dim=rows_dim,
                cols_dim=cols_dim,
                rows=list(zip(labels, shown_cells, shown_rows, strict=True)),
                cols=[str(label) for label in col_choices.labels],
                col_totals=shown_cols,
                total=shown(total[index]),
            )
        )
    return crosses


def suppress(matrix: list[list[int]], row_totals: list[int], col_totals: list[int]):
    """Primary suppression (every count under MIN_CELL) and then complementary
    suppression: where a shown total has exactly one hidden cell under it, that cell could
    be worked out by subtraction, so the smallest shown cell beside it is hidden too (or,
    when there is none, the total). Repeated until nothing changes."""
    hidden = [[n < MIN_CELL for n in row] for row in matrix]
    rows_hidden = [n < MIN_CELL for n in row_totals]
    cols_hidden = [n < MIN_CELL for n in col_totals]
    width = len(col_totals)

    def lines():
        for r in range(len(matrix)):
            yield [(r, c) for c in range(width)], ("row", r)
        for c in range(width):
            yield [(r, c) for r in range(len(matrix))], ("col", c)

    changed = True
    while changed:
        changed = False
        for line, (kind, at) in lines():
            total_hidden = rows_hidden[at] if kind == "row" else cols_hidden[at]
            if total_hidden or not line:
                continue
            if sum(hidden[r][c] for r, c in line) != 1:
                continue
            visible = [(matrix[r][c], r, c) for r, c in line if not hidden[r][c]]
            if visible:
                _value, r, c = min(visible)
                hidden[r][c] = True
            elif kind == "row":
                rows_hidden[at] = True
            else:
                cols_hidden[at] = True
            changed = True
    cells = [
        [None if hidden[r][c] else matrix[r][c] for c in range(width)] for r in range(len(matrix))
    ]
    return (
        cells,
        [None if h else n for h, n in zip(rows_hidden, row_totals, strict=True)],
        [None if h else n for h, n in zip(cols_hidden, col_totals, strict=True)],
    )


def figures_for(user, *, year: int, subject: Subject, rows="axis", cols="gender") -> Figures:
    """The dashboard. ``subject`` comes from ``subject_for`` (scope already checked)."""
    if rows not in DIMENSIONS or cols not in DIMENSIONS or rows == cols:
        rows, cols = "axis", "gender"
    tallies = subject.filter(ParticipantYear.objects.all())
    this_year = tallies.filter(year=year)
    crosses = _cross(this_year, rows, cols)
    participants_cross = crosses[0]
    uses_cross = crosses[1]
    sessions = subject.filter(
        Session.objects.filter(date__year=year), entity_field="point__managing_entity_id"
    )
    activities = {str(label): 0 for label in Axis.labels}
    for row in sessions.values("activity__axis").annotate(n=Count("activity", distinct=True)):
        activities[str(Axis(row["activity__axis"]).label)] = row["n"]
    months: dict = {}
    month_rows = subject.filter(UseMonth.objects.filter(month__year=year))
    for row in month_rows.values("month", "gender").annotate(u=Sum("uses")).order_by("month"):
        months.setdefault(row["month"], {})[row["gender"]] = row["u"]
    trend = [
        (row["year"], shown(row["p"]), shown(row["u"] or 0))
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
        months=[
            (month, [shown(by_gender.get(g, 0)) for g in Gender.values])
            for month, by_gender in months.items()
        ],
        trend=trend,
        genders=[str(label) for label in Gender.labels],
        progress=competence_progress(subject, year),
        divides=divides_by_gender(this_year),
    )


def divides_by_gender(queryset) -> list:
    """Participants of the year assessed for the digital divides, and how many show each
    (access, use, outcomes), by gender and in total; suppressed under MIN_CELL."""
    from django.db.models import Q

    measures = {"assessed": Count("id", filter=Q(participant__divide_access__isnull=False))}
    for divide in ("access", "use", "outcomes"):
        measures[divide] = Count("id", filter=Q(**{f"participant__divide_{divide}": True}))
    by_gender = {row["gender"]: row for row in queryset.values("gender").annotate(**measures)}
    out = []
    keys = ["assessed", "access", "use", "outcomes"]
    for value, label in Gender.choices:
        row = by_gender.get(value)
        if row and row["assessed"]:
            out.append((str(label), [shown(row[k]) for k in keys]))
    totals = [sum(row[k] for row in by_gender.values()) for k in keys]
    if totals[0]:
        out.append((str(_("Total")), [shown(n) for n in totals]))
    return out


def competence_progress(subject: Subject, year: int) -> dict:
    """Participants with a DigComp self-assessment before and one after (the after in
    ``year``): the average level per area before and after, overall and by gender. Nothing
    is shown for fewer than MIN_CELL participants."""
    from xarxa.community.models import SelfAssessment

    rows = subject.filter(
        SelfAssessment.objects.all(),
        point_field="participant__point_id",
        entity_field="participant__point__managing_entity_id",
    ).values_list("participant_id", "participant__gender", "moment", "assessed_on", "scores")
    before: dict[int, tuple] = {}
    after: dict[int, tuple] = {}
    gender: dict[int, str] = {}
    for pid, g, moment, day, scores in rows.order_by("assessed_on", "pk"):
        gender[pid] = g
        if moment == "before":
            before.setdefault(pid, (day, scores))  # the first one
        elif day.year == year:
            after[pid] = (day, scores)  # the last one
    pairs = [
        (pid, before[pid][1], after[pid][1])
        for pid in after
        if pid in before and before[pid][0] <= after[pid][0]
    ]
    from xarxa.community.services import digcomp_instrument

    domains = list(digcomp_instrument().domains.all())

    def averages(subset):
        out = []
        for domain in domains:
            pre = [b[domain.code] for _p, b, _a in subset if domain.code in b]
            post = [a[domain.code] for _p, _b, a in subset if domain.code in a]
            if pre and post:
                out.append((domain.name, sum(pre) / len(pre), sum(post) / len(post)))
        return out

    by_gender = []
    for value, label in Gender.choices:
        subset = [pair for pair in pairs if gender[pair[0]] == value]
        if len(subset) >= MIN_CELL:
            gains = [
                sum(a.values()) / len(a) - sum(b.values()) / len(b)
                for _p, b, a in subset
                if a and b
            ]
            by_gender.append((str(label), len(subset), sum(gains) / len(gains)))
    return {
        "participants": shown(len(pairs)),
        "areas": averages(pairs) if len(pairs) >= MIN_CELL else [],
        "by_gender": by_gender,
    }


def _cell(value) -> str | int:
    return "<5" if value is None else value


def export_rows(figures: Figures) -> list[list]:
    """The figures as plain rows, the same cells as on screen."""
    out = [[_("Figures"), figures.subject, figures.year]]
    out.append([_("Participants"), _cell(figures.participants)])
    out.append([_("Uses"), _cell(figures.uses)])
    for axis, n in figures.activities.items():
        out.append([_("Activities"), axis, n])
    for cross in figures.crosses:
        out.append([])
        measure = _("Participants") if cross.measure == "participants" else _("Uses")
        out.append(
            [f"{measure}: {DIMENSIONS[cross.rows_dim][0]} by {DIMENSIONS[cross.cols_dim][0]}"]
        )
        out.append(["", *cross.cols, _("Total")])
        for label, cells, total in cross.rows:
            out.append([label, *[_cell(c) for c in cells], _cell(total)])
        out.append([_("Total"), *[_cell(c) for c in cross.col_totals], _cell(cross.total)])
    if figures.divides:
        out.append([])
        out.append([_("Digital divides"), _("Assessed"), _("Access"), _("Use"), _("Outcomes")])
        for label, cells in figures.divides:
            out.append([label, *[_cell(c) for c in cells]])
    if figures.progress:
        out.append([])
        out.append([_("Progress in digital competences"), _cell(figures.progress["participants"])])
        for name, pre, post in figures.progress["areas"]:
            out.append([name, round(pre, 1), round(post, 1)])
    return out


def export_csv(figures: Figures) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(export_rows(figures))
    return buffer.getvalue()


def export_xlsx(figures: Figures) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(_("Figures")[:31])
    bold = workbook.add_format({"bold": True})
    for r, row in enumerate(export_rows(figures)):
        for c, value in enumerate(row):
            sheet.write(r, c, value, bold if c == 0 else None)
    sheet.set_column(0, 0, 40)
    workbook.close()
    return buffer.getvalue()


def export_record(user, figures: Figures, fmt: str) -> None:
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type="community.figures",
        details={"level": figures.level, "year": figures.year, "format": fmt},
    )
