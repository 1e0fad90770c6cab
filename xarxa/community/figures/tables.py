"""The tables of the figures: counts grouped by two dimensions, suppressed by
``core.disclosure`` (every count from 1 to 4 hidden, and every cell the rows, columns
and totals together would give away), so nobody can be recognised."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from xarxa.community.activities.models import Axis
from xarxa.community.attendance.models import ParticipantYear
from xarxa.community.participants.models import AgeBand, Gender, Origin, Situation
from xarxa.core.disclosure import MIN_CELL, primary, suppress_table

__all__ = [
    "DIMENSIONS",
    "MIN_CELL",
    "TOTAL_USES",
    "Cross",
    "CrossRow",
    "cross",
    "shown",
    "suppress",
]

DIMENSIONS: dict[str, tuple[Promise, Any]] = {
    "axis": (gettext_lazy("Axis"), Axis),
    "gender": (gettext_lazy("Gender"), Gender),
    "age_band": (gettext_lazy("Age band"), AgeBand),
    "origin": (gettext_lazy("Origin"), Origin),
    "situation": (gettext_lazy("Situation"), Situation),
}
TOTAL_USES = F("uses_learning") + F("uses_labour") + F("uses_community")


def shown(value: int) -> int | None:
    """A lone count (in no equation with others shown): None when from 1 to MIN_CELL - 1."""
    return primary(value)


class CrossRow(NamedTuple):
    label: str
    cells: list[int | None]
    total: int | None


@dataclass
class Cross:
    measure: str
    rows_dim: str
    cols_dim: str
    rows: list[CrossRow]
    cols: list[str]
    col_totals: list[int | None]
    total: int | None

    @property
    def rows_label(self) -> str:
        return str(DIMENSIONS[self.rows_dim][0])


def grouped(
    queryset: QuerySet[ParticipantYear], dims: list[str]
) -> dict[tuple[Any, ...], tuple[int, int]]:
    """(participants, uses) for each combination of ``dims``, in one GROUP BY: the axis
    is read from the three per-axis columns with conditional aggregates."""
    plain = [d for d in dims if d != "axis"]
    if "axis" in dims:
        measures: dict[str, Any] = {}
        for axis in Axis.values:
            measures[f"p_{axis}"] = Count("id", filter=Q(**{f"uses_{axis}__gt": 0}))
            measures[f"u_{axis}"] = Sum(f"uses_{axis}")
        axes = Axis.values
    else:
        measures = {"p_": Count("id"), "u_": Sum(TOTAL_USES)}
        axes = [""]
    rows: Any
    if plain:
        rows = queryset.values(*plain).annotate(**measures).order_by()
    else:
        rows = [queryset.aggregate(**measures)]
    out: dict[tuple[Any, ...], tuple[int, int]] = {}
    for row in rows:
        for axis in axes:
            participants, uses = row[f"p_{axis}"] or 0, row[f"u_{axis}"] or 0
            if participants:
                key = tuple(axis if d == "axis" else row[d] for d in dims)
                out[key] = (participants, uses)
    return out


def _sum_over(
    cells: dict[tuple[Any, ...], tuple[int, int]], position: int
) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Totals of a crossing along one of its two dimensions: exact when the other
    dimension is a participant's attribute (each participant-year has one value)."""
    out: dict[tuple[Any, ...], list[int]] = {}
    for key, (participants, uses) in cells.items():
        total = out.setdefault((key[position],), [0, 0])
        total[0] += participants
        total[1] += uses
    return {key: (p, u) for key, (p, u) in out.items()}


def cross(queryset: QuerySet[ParticipantYear], rows_dim: str, cols_dim: str) -> list[Cross]:
    row_choices = DIMENSIONS[rows_dim][1]
    col_choices = DIMENSIONS[cols_dim][1]
    cells = grouped(queryset, [rows_dim, cols_dim])
    # A participant counts once in each axis they used: totals across axes need a query
    # of their own; totals across an attribute are sums of the cells.
    row_totals = grouped(queryset, [rows_dim]) if cols_dim == "axis" else _sum_over(cells, 0)
    col_totals = grouped(queryset, [cols_dim]) if rows_dim == "axis" else _sum_over(cells, 1)
    by_row = sum(p for p, _u in row_totals.values()), sum(u for _p, u in row_totals.values())
    by_col = sum(p for p, _u in col_totals.values()), sum(u for _p, u in col_totals.values())
    total = by_row if rows_dim != "axis" else by_col  # summed along an attribute
    crosses = []
    for index, measure in enumerate(("participants", "uses")):
        labels: list[str] = []
        matrix: list[list[int]] = []
        margins: list[int] = []
        for value, label in row_choices.choices:
            row_total = row_totals.get((value,), (0, 0))[index]
            if row_total == 0:
                continue  # an empty category is left out, not shown as "<5"
            labels.append(str(label))
            matrix.append([cells.get((value, col), (0, 0))[index] for col in col_choices.values])
            margins.append(row_total)
        col_margins = [col_totals.get((col,), (0, 0))[index] for col in col_choices.values]
        shown_cells, shown_rows, shown_cols, shown_total = suppress_table(
            matrix, margins, col_margins, total[index]
        )
        crosses.append(
            Cross(
                measure=measure,
                rows_dim=rows_dim,
                cols_dim=cols_dim,
                rows=[CrossRow(*row) for row in zip(labels, shown_cells, shown_rows, strict=True)],
                cols=[str(label) for label in col_choices.labels],
                col_totals=shown_cols,
                total=shown_total,
            )
        )
    return crosses


def suppress(
    matrix: list[list[int]], row_totals: list[int], col_totals: list[int], total: int | None = None
) -> tuple[list[list[int | None]], list[int | None], list[int | None]]:
    """The cells, row totals and column totals as shown (``core.disclosure``: small cells
    hidden, and every cell the rows, columns and totals together would give away)."""
    grand = sum(row_totals) if total is None else total
    cells, rows, cols, _grand = suppress_table(matrix, row_totals, col_totals, grand)
    return cells, rows, cols
