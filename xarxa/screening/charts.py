"""The per-domain change between finalised assessments, as geometry for an SVG drawn
server-side (templates/screening/_comparison_chart.html): one row per domain, one bar
per assessment (the last three), the zone of levels 1-2 shaded, the change since the
first one on the right. A pure function of the comparison: easy to test."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

COLOURS = ["#9aa5b1", "#5b7083", "#1d4f91"]  # oldest to newest; the newest darkest
LABEL_W, BAR_W, CHANGE_W = 210, 360, 60
STEP = BAR_W / 5  # one level
BAR_H, GAP, ROW_PAD = 9, 2, 10
TOP = 30


@dataclass
class Bar:
    y: float
    width: float
    colour: str
    label: str  # e.g. "12/03/2026: 2"


@dataclass
class Row:
    name: str
    y: float
    height: float
    text_y: float
    bars: list
    change: str  # "+2", "-1", "=" or ""


@dataclass
class Chart:
    width: int
    height: int
    rows: list
    legend: list  # (x, colour, label)
    ticks: list  # (x, label)
    low_zone_width: float
    label_w: int
    bar_w: int
    title: str
    desc: str


def comparison_chart(comparison, last: int = 3) -> Chart | None:
    assessments = comparison.assessments[-last:]
    if len(assessments) < 1:
        return None
    offset = len(comparison.assessments) - len(assessments)
    colours = COLOURS[-len(assessments) :]
    dates = [date_format(a.assessed_on, "SHORT_DATE_FORMAT") for a in assessments]
    rows, y, changes = [], TOP, []
    for domain, cells in comparison.rows:
        cells = cells[offset:]
        row_h = len(assessments) * (BAR_H + GAP) + ROW_PAD
        bars = []
        for index, score in enumerate(cells):
            level = score.level if score and not score.not_assessed else None
            value = str(level) if level else _("n/a")
            bars.append(
                Bar(
                    y=y + ROW_PAD / 2 + index * (BAR_H + GAP),
                    width=(level or 0) * STEP,
                    colour=colours[index],
                    label=f"{dates[index]}: {value}",
                )
            )
        levels = [s.level for s in cells if s and s.level]
        change = ""
        if len(levels) >= 2:
            delta = levels[-1] - levels[0]
            change = f"+{delta}" if delta > 0 else ("=" if delta == 0 else f"\u2212{-delta}")
            if delta:
                changes.append(f"{domain.name} {levels[0]}→{levels[-1]}")
        rows.append(Row(domain.name, y, row_h, y + row_h / 2 + 4, bars, change))
        y += row_h
    legend = [(LABEL_W + i * 130, colours[i], dates[i]) for i in range(len(assessments))]
    ticks = [(LABEL_W + level * STEP, str(level)) for level in range(1, 6)]
    if len(assessments) >= 2:
        summary = (
            _("Changes between %(first)s and %(last)s: %(changes)s.")
            % {"first": dates[0], "last": dates[-1], "changes": "; ".join(changes)}
            if changes
            else _("No domain changed between %(first)s and %(last)s.")
            % {"first": dates[0], "last": dates[-1]}
        )
    else:
        summary = _("One assessment, on %(date)s.") % {"date": dates[0]}
    return Chart(
        width=LABEL_W + BAR_W + CHANGE_W,
        height=int(y + 24),
        rows=rows,
        legend=legend,
        ticks=ticks,
        low_zone_width=2 * STEP,
        label_w=LABEL_W,
        bar_w=BAR_W,
        title=_("Level per domain in the last assessments (1 acute crisis … 5 fully "
                "self-sufficient); the zone of levels 1-2 is shaded"),
        desc=summary,
    )  # fmt: skip
