"""The figures as files (CSV, XLSX): the same cells as on screen, a hidden one written
"x" (``core.disclosure.HIDDEN``); every export audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from xarxa.community.figures.selectors import Figures
from xarxa.community.figures.tables import DIMENSIONS
from xarxa.core.audit import audit_record
from xarxa.core.disclosure import mark
from xarxa.core.exports import csv_text, xlsx_bytes
from xarxa.core.models import AuditAction

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def _cell(value: Any) -> Any:
    return mark(value)  # a hidden cell is written HIDDEN ("x")


def export_rows(figures: Figures) -> list[list[Any]]:
    """The figures as plain rows, the same cells as on screen."""
    out: list[list[Any]] = [[_("Figures"), figures.subject, figures.year]]
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
    return csv_text(export_rows(figures))


def export_xlsx(figures: Figures) -> bytes:
    return xlsx_bytes(export_rows(figures), sheet=_("Figures"), bold_first_column=True)


def export_record(user: User, figures: Figures, fmt: str) -> None:
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type="community.figures",
        details={"level": figures.level, "year": figures.year, "format": fmt},
    )
