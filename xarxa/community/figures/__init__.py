"""The Òmnia figures: ``tables`` (suppressed crossings), ``selectors`` (subjects and the
dashboard, audited), ``export`` (CSV and XLSX). The names other modules use are here too."""

from xarxa.community.figures.export import export_csv, export_record, export_rows, export_xlsx
from xarxa.community.figures.selectors import (
    Figures,
    Subject,
    competence_progress,
    divides_by_gender,
    figures_for,
    subject_for,
    subject_from_key,
    subjects_for,
)
from xarxa.community.figures.tables import DIMENSIONS, MIN_CELL, Cross, shown, suppress

__all__ = [
    "DIMENSIONS",
    "MIN_CELL",
    "Cross",
    "Figures",
    "Subject",
    "competence_progress",
    "divides_by_gender",
    "export_csv",
    "export_record",
    "export_rows",
    "export_xlsx",
    "figures_for",
    "shown",
    "subject_for",
    "subject_from_key",
    "subjects_for",
    "suppress",
]
