"""The printable certificate of participation (PDF): the activities a participant
attended at a point, their hours and the competences worked."""

import unicodedata
from datetime import datetime
from pathlib import Path as FilePath

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from xarxa.community.competences import ACTIC_COMPETENCES, DIGCOMP_COMPETENCES, labels

FONT = FilePath("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _hours(activity, participant) -> float:
    minutes = 0
    for session in activity.sessions.filter(attendances__participant=participant):
        start = datetime.combine(session.date, session.starts_at)
        end = datetime.combine(session.date, session.ends_at)
        minutes += (end - start).seconds // 60
    return round(minutes / 60, 1)


def certificate_pdf(path) -> bytes:
    participant = path.participant
    pdf = FPDF(format="A4")
    if FONT.exists():
        pdf.add_font("body", fname=str(FONT))
        font = "body"

        def text(value):
            return str(value)
    else:  # Latin-1 core font: the accents of Catalan and Spanish still print
        font = "helvetica"

        def text(value):
            normal = unicodedata.normalize("NFKC", str(value))
            return normal.encode("latin-1", "replace").decode("latin-1")

    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(font, size=20)
    pdf.multi_cell(0, 10, text(_("Certificate of participation")), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(font, size=12)
    intro = _("%(point)s certifies that %(name)s took part in these activities:") % {
        "point": participant.point.name,
        "name": participant.display_name,
    }
    pdf.multi_cell(0, 7, text(intro), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for activity in path.activities:
        if not activity.attended:
            continue
        line = _("%(title)s (%(axis)s): %(sessions)s sessions, %(hours)s hours") % {
            "title": activity.title,
            "axis": activity.get_axis_display(),
            "sessions": activity.attended,
            "hours": _hours(activity, participant),
        }
        pdf.multi_cell(0, 7, text(f"- {line}"), new_x="LMARGIN", new_y="NEXT")
    worked = labels(path.digcomp, DIGCOMP_COMPETENCES) + labels(path.actic, ACTIC_COMPETENCES)
    if worked:
        pdf.ln(3)
        pdf.multi_cell(0, 7, text(_("Competences worked:")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, size=10)
        for label in worked:
            pdf.multi_cell(0, 5, text(f"- {label}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, size=12)
    pdf.ln(8)
    issued = _("%(municipality)s, %(day)s") % {
        "municipality": participant.point.municipality.name,
        "day": timezone.localdate().strftime("%d/%m/%Y"),
    }
    pdf.multi_cell(0, 7, text(issued), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
