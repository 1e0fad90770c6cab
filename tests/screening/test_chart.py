"""The comparison chart: server-side SVG with a title and a description that says what
changed, bars as long as the levels, next to the text table."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.plans.helpers import finalise
from xarxa.screening.charts import STEP, comparison_chart
from xarxa.screening.selectors import Comparison

levels = st.one_of(st.none(), st.integers(min_value=1, max_value=5))


def _comparison(rows):
    assessments = [
        SimpleNamespace(assessed_on=date(2026, m, 1)) for m in range(1, len(rows[0]) + 1)
    ]
    domains = [SimpleNamespace(name=f"D{i}") for i in range(len(rows))]
    cells = [[SimpleNamespace(level=v, not_assessed=v is None) for v in row] for row in rows]
    return Comparison(assessments, list(zip(domains, cells, strict=True)))


@given(st.lists(st.lists(levels, min_size=2, max_size=2), min_size=1, max_size=17))
def test_bars_follow_levels_and_the_description_names_every_change(rows):
    chart = comparison_chart(_comparison(rows))
    assert len(chart.rows) == len(rows)
    for row, values in zip(chart.rows, rows, strict=True):
        assert [b.width for b in row.bars] == [(v or 0) * STEP for v in values]
        changed = None not in values and values[0] != values[1]
        assert (f"{row.name} {values[0]}→{values[1]}" in chart.desc) == changed
    assert chart.height > 0 and chart.title


def test_only_the_last_three_are_drawn():
    chart = comparison_chart(_comparison([[1, 2, 3, 4, 5]]))
    assert [b.width for b in chart.rows[0].bars] == [3 * STEP, 4 * STEP, 5 * STEP]
    assert chart.rows[0].change == "+2"


@pytest.mark.django_db
def test_page_shows_the_svg_beside_the_table(client_for, social_worker, person):
    finalise(social_worker.user, person, ("housing",), level=2)
    finalise(social_worker.user, person, ())
    page = client_for(social_worker.user).get(reverse("screening:person", args=[person.public_id]))
    html = page.content.decode()
    assert 'role="img"' in html and '<title id="chart-title">' in html
    assert "2→4" in html and "<table>" in html


def test_svg_numbers_are_never_localised_in_catalan():
    """Catalan writes 144,5: SVG would draw nothing. Every coordinate has a dot."""
    import re

    from django.utils import translation

    from xarxa.core.charts import chart_svg, svg_number

    chart = comparison_chart(_comparison([[1, 2], [3, None], [5, 4]]))
    with translation.override("ca"):
        html = chart_svg("screening/_comparison_chart.html", chart=chart)
    numbers = re.findall(r'\b(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', html)
    numbers += re.search(r'viewBox="([^"]*)"', html).group(1).split()
    assert numbers and not [n for n in numbers if "," in n]
    assert all(float(n) >= 0 for n in numbers if n != "100%")
    assert [svg_number(v) for v in (144.0, 144.5, 0.125, -0.001, 1440)] == [
        "144", "144.5", "0.12", "0", "1440",
    ]  # fmt: skip


@pytest.mark.django_db
def test_the_page_in_catalan_draws_the_bars(client_for, social_worker, person):
    finalise(social_worker.user, person, ("housing",), level=2)
    finalise(social_worker.user, person, ())
    page = client_for(social_worker.user).get(
        reverse("screening:person", args=[person.public_id]), headers={"accept-language": "ca"}
    )
    svg = page.content.decode().split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Habitatge" in svg or "habitatge" in svg.lower()  # texts still in Catalan
    widths = [float(w) for w in re.findall(r'<rect x="[^"]*" y="[^"]*" width="([^"%]*)"', svg)]
    assert widths and max(widths) > 0
