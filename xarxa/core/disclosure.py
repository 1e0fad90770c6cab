"""Statistical disclosure control for every figure shown to people who may not see the
persons behind it (evaluators, coordinators, the Òmnia network): small cells are hidden,
and so is any cell that the other numbers on show would give away.

A table is a set of cells (counts) and *lines*: linear equations ``members = total``
(a row and its row total, a column and its column total, the totals and the grand total).

- Primary suppression: a count from 1 to MIN_CELL - 1 is hidden. Zero is shown: nobody
  can be recognised in an empty cell (an explicit choice, see ``is_small``).
- Secondary suppression: while some hidden cell can be worked out from the shown ones,
  another cell is hidden: first in any line with exactly one hidden cell (counting its
  total), the smallest shown member of that line, or the total when no member is left;
  then, for combinations of lines, the exact test: a hidden cell is derivable when the
  equations, restricted to the hidden cells, fix its value (``derivable``).

The result is that no hidden cell is determined by the shown cells and the equations.
Bounds from non-negativity (a hidden cell known to lie in a range) are not considered.

``HIDDEN`` is how a hidden cell is written in a file (CSV, XLSX) and on a page.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TypeVar

MIN_CELL = 5
HIDDEN = "x"

K = TypeVar("K", bound=Hashable)
Line = tuple[Sequence[K], K]  # (members, total): sum(members) == total


def is_small(value: int) -> bool:
    """A count that must be hidden by itself: 1 to MIN_CELL - 1 (zero is shown)."""
    return 0 < value < MIN_CELL


def primary(value: int) -> int | None:
    """A lone figure (in no equation with others): None when small."""
    return None if is_small(value) else value


def mark(value: int | None) -> int | str:
    """A cell as written in a file or on a page: the count, or HIDDEN."""
    return HIDDEN if value is None else value


def derivable(lines: Iterable[Line[K]], hidden: set[K]) -> set[K]:
    """The hidden cells whose value the lines fix, given every shown cell. Each line
    ``sum(members) - total = 0`` keeps only its hidden cells as unknowns (the shown ones
    move to the right-hand side, which does not matter for whether a value is fixed). In
    the reduced row echelon form a pivot unknown is fixed exactly when its row has no
    other non-zero coefficient."""
    unknowns = sorted(hidden, key=repr)
    index = {k: i for i, k in enumerate(unknowns)}
    rows: list[list[Fraction]] = []
    for members, total in lines:
        row = [Fraction(0)] * len(unknowns)
        for key in members:
            if key in index:
                row[index[key]] += 1
        if total in index:
            row[index[total]] -= 1
        if any(row):
            rows.append(row)
    pivot_row = 0
    pivots: list[int] = []
    for col in range(len(unknowns)):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [v / lead for v in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivots.append(col)
        pivot_row += 1
        if pivot_row == len(rows):
            break
    fixed = set()
    for r, col in enumerate(pivots):
        if sum(1 for v in rows[r] if v != 0) == 1:
            fixed.add(unknowns[col])
    return fixed


def _complement(
    values: Mapping[K, int], line: Line[K], hidden: set[K], known: frozenset[K]
) -> K | None:
    """The cell to hide beside a cell a line gives away: the smallest shown member with
    someone in it, else a shown empty member, else the total."""
    members, total = line
    shown = [k for k in members if k not in hidden and k not in known]
    if shown:
        return min(shown, key=lambda k: (values[k] == 0, values[k]))
    if total not in hidden and total not in known:
        return total
    return None


def suppress(
    values: Mapping[K, int],
    lines: Sequence[Line[K]],
    *,
    known: Iterable[K] = (),
    unpublished: Iterable[K] = (),
) -> set[K]:
    """The cells to hide (primary and secondary) so that none of them can be worked out.
    ``known`` cells are taken as public (the reader may see them anyway) and never
    hidden; ``unpublished`` ones are never shown (a total two lines share, say)."""
    fixed_known = frozenset(known)
    hidden = {k for k, v in values.items() if is_small(v) and k not in fixed_known}
    hidden |= set(unpublished)
    while True:
        choice = None
        for line in lines:
            members, total = line
            cells = [*members, total]
            if sum(k in hidden for k in cells) == 1:
                choice = _complement(values, line, hidden, fixed_known)
                if choice is not None:
                    break
        if choice is None:
            for key in sorted(derivable(lines, hidden), key=repr):
                candidates = [
                    c
                    for line in lines
                    if key in line[0] or key == line[1]
                    for c in [_complement(values, line, hidden, fixed_known)]
                    if c is not None
                ]
                if candidates:
                    choice = min(candidates, key=lambda k: (values[k] == 0, values[k]))
                    break
        if choice is None:
            return hidden
        hidden.add(choice)


def table_lines(n_rows: int, n_cols: int) -> list[Line[tuple[str, int, int]]]:
    """The equations of a two-way table with row totals, column totals and a grand
    total. Keys: ("cell", r, c), ("row", r, 0), ("col", 0, c), ("all", 0, 0)."""
    lines: list[Line[tuple[str, int, int]]] = []
    for r in range(n_rows):
        lines.append(([("cell", r, c) for c in range(n_cols)], ("row", r, 0)))
    for c in range(n_cols):
        lines.append(([("cell", r, c) for r in range(n_rows)], ("col", 0, c)))
    lines.append(([("row", r, 0) for r in range(n_rows)], ("all", 0, 0)))
    lines.append(([("col", 0, c) for c in range(n_cols)], ("all", 0, 0)))
    return lines


def suppress_table(
    matrix: Sequence[Sequence[int]],
    row_totals: Sequence[int],
    col_totals: Sequence[int],
    total: int,
) -> tuple[list[list[int | None]], list[int | None], list[int | None], int | None]:
    """A two-way table with its margins and grand total, suppressed together: the cells,
    row totals, column totals and grand total as shown (None = hidden). A total that is
    not the sum of its line (a participant counted once across axes) only makes the
    suppression more careful."""
    n_rows, n_cols = len(matrix), len(col_totals)
    values: dict[tuple[str, int, int], int] = {("all", 0, 0): total}
    for r, row in enumerate(matrix):
        for c, n in enumerate(row):
            values[("cell", r, c)] = n
        values[("row", r, 0)] = row_totals[r]
    for c, n in enumerate(col_totals):
        values[("col", 0, c)] = n
    hidden = suppress(values, table_lines(n_rows, n_cols))

    def show(key: tuple[str, int, int]) -> int | None:
        return None if key in hidden else values[key]

    return (
        [[show(("cell", r, c)) for c in range(n_cols)] for r in range(n_rows)],
        [show(("row", r, 0)) for r in range(n_rows)],
        [show(("col", 0, c)) for c in range(n_cols)],
        show(("all", 0, 0)),
    )


def suppress_line(members: Sequence[int], total: int) -> tuple[list[int | None], int | None]:
    """One line (parts and their total), suppressed: the parts and the total as shown."""
    values: dict[int, int] = dict(enumerate(members))
    values[-1] = total
    hidden = suppress(values, [(list(range(len(members))), -1)])
    return [None if i in hidden else n for i, n in enumerate(members)], (
        None if -1 in hidden else total
    )
