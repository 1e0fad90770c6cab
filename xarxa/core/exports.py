"""Tabular exports (CSV, XLSX) that a spreadsheet opens as data, never as formulas.

A text cell beginning with ``= + - @``, a tab or a carriage return is read as a formula by
spreadsheet programs (CSV injection): it gets a leading apostrophe, which they show as
text. Numbers are left alone (a negative count is a number, not a formula). Every CSV or
XLSX export goes through ``csv_text`` / ``xlsx_bytes``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """The value, with text that would start a formula prefixed by an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_rows(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    return [[neutralise_cell(value) for value in row] for row in rows]


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(neutralise_rows(rows))
    return buffer.getvalue()


def xlsx_bytes(
    rows: Iterable[Sequence[Any]], *, sheet: str, bold_first_column: bool = False
) -> bytes:
    """One sheet; text is always written as text (no formula, URL or number guessing)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    for r, row in enumerate(neutralise_rows(rows)):
        for c, value in enumerate(row):
            style = bold if bold_first_column and c == 0 else None
            if isinstance(value, str):
                worksheet.write_string(r, c, value, style)
            else:
                worksheet.write(r, c, value, style)
    if bold_first_column:
        worksheet.set_column(0, 0, 40)
    workbook.close()
    return buffer.getvalue()
