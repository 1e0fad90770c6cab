"""Small cells stay hidden: counts from 1 to 4 are hidden, and so is every cell the
totals would give away, over rows, columns and the grand total together; on the page,
in the CSV and XLSX files and in the API. The anonymous walk-in form preselects nothing."""

import csv
import io
import re

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.community.conftest import activity, entity, point, session, technical_office
from tests.referrals.conftest import person, referral, service
from tests.screening.test_segmentation import cases
from xarxa.community import services

pytestmark = pytest.mark.django_db

# fixtures used here
__all__ = ["activity", "cases", "entity", "person", "point", "referral", "service", "session"]
__all__ += ["technical_office"]
COUNTS = ("high", "medium", "low", "none", "total", "stale", "overdue")


def _attend(user, session, n, **profile):
    for _ in range(n):
        services.walk_in_add(actor=user, session=session, situation="retired", **profile)


@pytest.fixture
def leaky(facilitator, session):
    """Age band by gender, participants: 65+ women 7, men 6, non-binary 1, not stated 3;
    45-64 women 6, men 7, non-binary 1, not stated 2. Every row has two hidden cells, but
    the totals by gender are 13, 13, 2 (hidden), 5 and the grand total 33: 33-13-13-5 = 2."""
    user = facilitator.user
    for age, counts in (("65", (7, 6, 1, 3)), ("45_64", (6, 7, 1, 2))):
        for gender, n in zip(("woman", "man", "non_binary", "not_stated"), counts, strict=True):
            _attend(user, session, n, gender=gender, age_band=age)
    return session


QUERY = "rows=age_band&cols=gender"


def _lines(cells, row_totals, col_totals, total):
    """Every equation of a shown two-way table, as lists of shown values (None = hidden)."""
    lines = [[*row, rt] for row, rt in zip(cells, row_totals, strict=True)]
    lines += [[*(row[c] for row in cells), ct] for c, ct in enumerate(col_totals)]
    lines += [[*row_totals, total], [*col_totals, total]]
    return lines


def test_no_total_gives_a_hidden_cell_away_in_the_api(api_for, technical_office, leaky):
    response = api_for(technical_office.user).get(
        f"/api/v1/community/figures?year={leaky.date.year}&{QUERY}"
    )
    assert response.status_code == 200
    for cross in response.json()["crosses"]:
        cells = [row["cells"] for row in cross["rows"]]
        totals = [row["total"] for row in cross["rows"]]
        for line in _lines(cells, totals, cross["col_totals"], cross["total"]):
            assert sum(v is None for v in line) != 1, (cross["measure"], line)
        assert all(v is None or v == 0 or v >= 5 for line in cells for v in line)


def test_no_total_gives_a_hidden_cell_away_in_the_files(client_for, technical_office, leaky):
    client = client_for(technical_office.user)
    query = f"?year={leaky.date.year}&{QUERY}"
    text = client.get(reverse("community:figures_csv") + query).content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    totals = [row for row in rows if row and row[0] in ("Total", "Totals")]
    assert totals and all(row.count("x") != 1 for row in totals)
    assert "<5" not in text and "x" in [v for row in rows for v in row]
    xlsx = client.get(reverse("community:figures_xlsx") + query)
    assert xlsx.status_code == 200 and b"&lt;5" not in xlsx.content


def test_the_page_marks_hidden_cells_and_explains_them(client_for, technical_office, leaky):
    page = client_for(technical_office.user).get(
        reverse("community:figures") + f"?year={leaky.date.year}&{QUERY}"
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert ">x<" in body and "&lt;5" not in body
    assert "“x”" in body or "«x»" in body  # the explanation, in the page's language


def test_the_anonymous_walk_in_form_preselects_nothing(client_for, facilitator, session):
    client = client_for(facilitator.user)
    url = reverse("community:sheet", args=[session.public_id])
    body = client.get(url).content.decode()
    form = body[body.index('name="gender"') :]
    form = form[: form.index("</form>")]
    selected = re.findall(r'<option value="([^"]*)" selected', form)
    assert selected == ["", "", "", ""]  # "not recorded" for gender, age, situation, origin
    response = client.post(reverse("community:walk_in", args=[session.public_id]), {})
    assert response.status_code in (200, 302)
    walked_in = session.attendances.get().participant
    profile = (walked_in.gender, walked_in.age_band, walked_in.situation, walked_in.origin)
    assert profile == ("not_stated",) * 4


def _small(value):
    return isinstance(value, int) and 0 < value < 5


def test_segmentation_figures_hide_small_counts(client_for, api_for, evaluator, cases):
    """Five open case files (four in Vic, one in Manlleu): the evaluator sees no 1 to 4."""
    page = client_for(evaluator.user).get(reverse("screening:segmentation"))
    assert page.status_code == 200
    seg = page.context["seg"]
    for segment in [seg.total, *seg.abss, *seg.teams]:
        assert not any(_small(segment.shown()[name]) for name in COUNTS), segment
    assert '<td class="num">x</td>' in page.content.decode()
    body = api_for(evaluator.user).get("/api/v1/assessments/segmentation").json()
    for segment in [body["total"], *body["abss"], *body["teams"]]:
        assert not any(_small(segment[name]) for name in COUNTS), segment


def test_segmentation_outside_ones_abss_cannot_be_worked_out(coordinator, cases):
    """The coordinator of Vic sees Vic's own counts (they may open those cases), but
    Manlleu's single case is neither shown nor the consortium total minus Vic's."""
    from xarxa.screening import selectors

    seg = selectors.segmentation_for(coordinator.user)
    by_abss = {s.params["abss"]: s for s in seg.abss}
    assert by_abss[cases["high"].abss_id].shown()["total"] == 4  # their own ABSS
    manlleu = by_abss[cases["manlleu"].abss_id].shown()
    assert manlleu["total"] is None and manlleu["low"] is None
    total = seg.total.shown()["total"]
    assert total is None or total - 4 != 1


def test_referral_figures_hide_small_counts(client_for, coordinator, referral):
    """One referral sent in the period: neither its count nor its days are shown."""
    page = client_for(coordinator.user).get(reverse("referrals:dashboard"))
    assert page.status_code == 200
    figures = page.context["figures"]
    assert figures.total_sent is None
    for row in figures.services:
        assert not any(_small(getattr(row, name)) for name in ("sent", "open", "refused"))
        assert row.median_answer() is None and row.p90_answer() is None
    assert '<td class="num">x</td>' in page.content.decode()


# --- the suppression itself -------------------------------------------------------------

tables = st.integers(1, 5).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(0, 12), min_size=width, max_size=width), min_size=1, max_size=5
    )
)


@settings(max_examples=150, deadline=None)
@given(tables)
def test_no_hidden_cell_of_a_random_table_can_be_worked_out(matrix):
    from xarxa.core import disclosure

    row_totals = [sum(r) for r in matrix]
    col_totals = [sum(c) for c in zip(*matrix, strict=True)]
    total = sum(row_totals)
    cells, rows, cols, grand = disclosure.suppress_table(matrix, row_totals, col_totals, total)
    # a line (row, column, or the totals) with exactly one hidden cell never exists
    for line in _lines(cells, rows, cols, grand):
        assert sum(v is None for v in line) != 1
    # small counts are hidden; zero is shown, it names nobody; a shown cell is the count
    for r, row in enumerate(matrix):
        for c, n in enumerate(row):
            assert cells[r][c] is None if 0 < n < 5 else cells[r][c] in (None, n)
            if n == 0 and not any(0 < v < 5 for v in row):
                assert cells[r][c] in (0, None)
    # and no combination of the equations fixes a hidden cell either
    hidden = {
        key
        for key, shown in [
            *((("cell", r, c), cells[r][c]) for r in range(len(cells)) for c in range(len(cols))),
            *((("row", r, 0), v) for r, v in enumerate(rows)),
            *((("col", 0, c), v) for c, v in enumerate(cols)),
            (("all", 0, 0), grand),
        ]
        if shown is None
    }
    lines = disclosure.table_lines(len(matrix), len(col_totals))
    assert disclosure.derivable(lines, hidden) == set()


def test_the_reported_leak_is_closed():
    from xarxa.core import disclosure

    # uses by gender: 821, 582, 9 and 1 (hidden) under a grand total of 1413
    members, total = disclosure.suppress_line([821, 582, 9, 1], 1413)
    assert members == [821, 582, None, None] and total == 1413
    # zero is shown and chosen to hide beside a small cell only when nothing else is left
    assert disclosure.suppress_line([0, 3, 9], 12) == ([0, None, None], 12)
    assert disclosure.suppress_line([0, 0, 3], 3) == ([0, 0, None], None)
    assert disclosure.suppress_line([0, 3, 0], 3) == ([0, None, 0], None)
    assert disclosure.suppress_line([3], 3) == ([None], None)


def test_a_bridge_between_two_hidden_blocks_is_hidden_with_a_cycle():
    from xarxa.core import disclosure

    # each line has two hidden cells, yet the equations together fix the middle one
    lines = disclosure.table_lines(3, 3)
    assert disclosure.derivable(lines, set()) == set()
    assert disclosure.derivable(lines, {("cell", 0, 0)}) == {("cell", 0, 0)}
    pair = {("cell", 0, 0), ("cell", 0, 1)}  # the row hides them, each column gives one away
    assert disclosure.derivable(lines, pair) == pair
    square = pair | {("cell", 1, 0), ("cell", 1, 1)}
    assert disclosure.derivable(lines, square) == set()
    # two hidden squares joined by one hidden cell: every line has two or more hidden
    # cells, yet the joining cell is fixed by the equations together
    joined = square | {("cell", 2, 2), ("cell", 2, 3), ("cell", 3, 2), ("cell", 3, 3)}
    joined |= {("cell", 1, 2)}
    big = disclosure.table_lines(4, 4)
    assert disclosure.derivable(big, joined) == {("cell", 1, 2)}
    values = {key: 10 for line in big for key in [*line[0], line[1]]}
    values |= dict.fromkeys(joined, 1)
    assert disclosure.derivable(big, disclosure.suppress(values, big)) == set()
