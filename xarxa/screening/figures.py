"""The segmentation's figures as they may be shown (``core.disclosure``): in an ABSS the
user may not open (the evaluators: every one), counts from 1 to 4 are hidden, and any
count the rows (levels add up to the total), the columns (teams add up to their ABSS,
the ABSS to the consortium) or the user's own ABSS would give away."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xarxa.core.disclosure import suppress

if TYPE_CHECKING:
    from xarxa.screening.selectors import Segment, Segmentation

LEVELS = ("high", "medium", "low", "none")
COLUMNS = (*LEVELS, "total", "stale", "overdue")


def segmentation_suppressed(seg: Segmentation) -> Segmentation:
    """Hide in place; the segments the user may open (``drill``) are shown as they are,
    and taken as known to them. The professionals' rows are only of such ABSS."""
    segments: list[Segment] = [seg.total, *seg.abss, *seg.teams]
    values: dict[tuple[int, str], int] = {}
    for s, segment in enumerate(segments):
        for name in COLUMNS:
            values[(s, name)] = getattr(segment, name)
    known = [(s, n) for s, segment in enumerate(segments) if segment.drill for n in COLUMNS]
    lines: list[tuple[list[tuple[int, str]], tuple[int, str]]] = [
        ([(s, n) for n in LEVELS], (s, "total")) for s in range(len(segments))
    ]
    abss_rows = {
        segment.abss: s
        for s, segment in enumerate(segments)
        if "abss" in segment.params and "team" not in segment.params
    }
    teams_of: dict[Any, list[int]] = {}
    for s, segment in enumerate(segments):
        if "team" in segment.params:
            teams_of.setdefault(segment.abss, []).append(s)
    for name in COLUMNS:
        lines.append(([(s, name) for s in abss_rows.values()], (0, name)))
        for abss, rows in teams_of.items():
            if abss in abss_rows:
                lines.append(([(s, name) for s in rows], (abss_rows[abss], name)))
    hidden = suppress(values, lines, known=known)
    for s, segment in enumerate(segments):
        segment.hidden = {name for name in COLUMNS if (s, name) in hidden}
    return seg
