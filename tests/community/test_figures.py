"""Figures: small numbers suppressed, each level sees its own, exports carry the same
cells, and the kept tallies agree with the attendance."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from xarxa.community import figures, services
from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _attend(user, session, n, **profile):
    for _ in range(n):
        services.walk_in_add(actor=user, session=session, **profile)


@pytest.fixture
def attended(facilitator, session):
    user = facilitator.user
    _attend(user, session, 7, gender="woman", age_band="65", situation="retired")
    _attend(user, session, 3, gender="man", age_band="65", situation="retired")
    return session


def test_cells_under_five_are_suppressed(facilitator, attended):
    subject = figures.subject_for(facilitator.user)
    result = figures.figures_for(
        facilitator.user, year=attended.date.year, subject=subject, rows="axis", cols="gender"
    )
    participants = result.crosses[0]
    label, cells, total = participants.rows[0]
    assert label == "Aprenentatge digital" or label == "Digital learning"
    women, men = cells[0], cells[1]
    # the 3 men are hidden, and the 7 women beside them, or 10 - 7 would give the 3 away
    assert (women, men, total) == (None, None, 10)
    assert result.participants == 10 and result.uses == 10
    assert all(c is None or c == 0 or c >= 5 for row in participants.rows for c in row[1])


def test_crossing_two_dimensions(facilitator, attended):
    subject = figures.subject_for(facilitator.user)
    result = figures.figures_for(
        facilitator.user,
        year=attended.date.year,
        subject=subject,
        rows="situation",
        cols="age_band",
    )
    rows = {label: (cells, total) for label, cells, total in result.crosses[0].rows}
    assert len(rows) == 1  # only "retired" has anyone
    (cells, total) = next(iter(rows.values()))
    assert total == 10 and 10 in cells


def test_each_level_sees_its_own(
    facilitator, other_facilitator, entity_manager, technical_office, attended, other_point
):
    _attend(other_facilitator.user, other_point.sessions.first() or services.session_plan(
        actor=other_facilitator.user,
        activity=services.activity_create(
            actor=other_facilitator.user, point=other_point, title="Feina", axis="labour",
            kind="support", starts_on=attended.date,
        ),
        first=attended.date, starts_at=datetime.time(17), ends_at=datetime.time(18),
    )[0], 6, gender="woman", age_band="30_44", situation="unemployed")  # fmt: skip
    year = attended.date.year

    def totals(user):
        subject = figures.subject_for(user)
        return subject.level, figures.figures_for(user, year=year, subject=subject).participants

    assert totals(facilitator.user) == ("point", 10)
    assert totals(other_facilitator.user) == ("point", 6)
    assert totals(entity_manager.user) == ("entity", 10)
    assert totals(technical_office.user) == ("network", 16)


def test_exports_carry_the_screen_cells(client_for, technical_office, attended):
    client = client_for(technical_office.user)
    query = f"?year={attended.date.year}&rows=axis&cols=gender"
    csv = client.get(reverse("community:figures_csv") + query)
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode()
    assert "x,x,0,0,10" in text and "<5" not in text
    xlsx = client.get(reverse("community:figures_xlsx") + query)
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "<t>x</t>" in strings
    assert (
        AuditEvent.objects.filter(
            actor=technical_office.user, action=AuditAction.EXPORT, object_type="community.figures"
        ).count()
        == 2
    )


def test_dashboard_page_shows_suppressed_cells(client_for, technical_office, attended):
    response = client_for(technical_office.user).get(
        reverse("community:figures") + f"?year={attended.date.year}"
    )
    assert response.status_code == 200
    assert ">x<" in response.content.decode()


def test_bad_filters_fall_back(client_for, technical_office, attended):
    response = client_for(technical_office.user).get(
        reverse("community:figures") + "?year=abc&rows=shoe&cols=shoe"
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "rows,cols", [("axis", "gender"), ("gender", "axis"), ("gender", "age_band")]
)
def test_a_participant_counts_once_across_axes(facilitator, point, session, rows, cols):
    labour = services.activity_create(
        actor=facilitator.user, point=point, title="Feina", axis="labour", kind="support",
        starts_on=session.date,
    )  # fmt: skip
    other = services.session_plan(
        actor=facilitator.user, activity=labour, first=session.date,
        starts_at=datetime.time(17), ends_at=datetime.time(18),
    )[0]  # fmt: skip
    for _ in range(6):
        p = services.walk_in_add(
            actor=facilitator.user,
            session=session,
            gender="woman",
            age_band="65",
            situation="retired",
        )
        services.attendance_mark(actor=facilitator.user, session=other, participant=p, present=True)
    subject = figures.subject_for(facilitator.user)
    result = figures.figures_for(
        facilitator.user, year=session.date.year, subject=subject, rows=rows, cols=cols
    )
    participants, uses = result.crosses
    assert (participants.total, uses.total) == (6, 12)
    if rows == "axis":
        assert [row[1][0] for row in participants.rows] == [6, 6]  # women, in each axis
        assert participants.col_totals[0] == 6
    if cols == "axis":
        assert participants.rows[0][2] == 6


def test_progress_in_competences_needs_five(facilitator, point):
    from xarxa.community.services import digcomp_instrument

    codes = [d.code for d in digcomp_instrument().domains.all()]
    year = timezone.localdate().year

    def assessed(n):
        for _ in range(n):
            p = services.participant_add(
                actor=facilitator.user, point=point, registered=False, gender="woman",
                age_band="65", situation="retired",
            )  # fmt: skip
            for moment, level in (("before", 1), ("after", 3)):
                services.self_assessment_record(
                    actor=facilitator.user, participant=p, moment=moment,
                    scores=dict.fromkeys(codes, level),
                    assessed_on=datetime.date(year, 1, 10 if moment == "before" else 20),
                )  # fmt: skip

    subject = figures.subject_for(facilitator.user)
    assessed(4)
    progress = figures.figures_for(facilitator.user, year=year, subject=subject).progress
    assert progress["participants"] is None and progress["areas"] == []
    assessed(1)
    progress = figures.figures_for(facilitator.user, year=year, subject=subject).progress
    assert progress["participants"] == 5
    assert all((pre, post) == (1, 3) for _name, pre, post in progress["areas"])
    assert progress["by_gender"][0][1:] == (5, 2)


def test_a_cell_a_total_would_give_away_is_hidden_too():
    # women: 7 aged 65+, 2 aged 45-64 (hidden), total 9 shown: 9 - 7 would give the 2 away
    cells, rows, cols = figures.suppress([[2, 7], [0, 9]], [9, 9], [2, 16])
    assert cells[0] == [None, None] and rows[0] == 9
    # the 45-64 column: its total 2 is under 5 anyway; the 65+ column now has one hidden
    # cell (7) under a shown total (16), so the 9 beside it goes too
    # and the totals: 18 - 16 would give the 2 away, so the 16 goes too
    assert cols == [None, None] and cells[1][1] is None
    assert all(v is None or v == 0 or v >= 5 for row in cells for v in row)


def test_nothing_more_is_hidden_when_no_total_gives_a_cell_away():
    cells, rows, cols = figures.suppress([[6, 7], [8, 9]], [13, 17], [14, 16])
    assert cells == [[6, 7], [8, 9]] and rows == [13, 17] and cols == [14, 16]


@given(
    st.lists(st.lists(st.integers(0, 12), min_size=2, max_size=4), min_size=1, max_size=5).filter(
        lambda m: len({len(r) for r in m}) == 1
    )
)
def test_no_hidden_cell_can_be_worked_out_from_one_total(matrix):
    row_totals = [sum(r) for r in matrix]
    col_totals = [sum(c) for c in zip(*matrix, strict=True)]
    cells, rows, cols = figures.suppress(matrix, row_totals, col_totals)
    for r, row in enumerate(cells):
        if rows[r] is not None:
            assert sum(v is None for v in row) != 1
    for c in range(len(col_totals)):
        if cols[c] is not None:
            assert sum(cells[r][c] is None for r in range(len(cells))) != 1
    assert all(v is None or v == 0 or v >= 5 for row in cells for v in row)


def test_digital_divides_by_gender(client_for, facilitator, session):
    people = [
        services.walk_in_add(
            actor=facilitator.user,
            session=session,
            gender="woman",
            age_band="65",
            situation="retired",
        )
        for _ in range(6)
    ]
    client = client_for(facilitator.user)
    bad = client.post(
        reverse("community:participant_record", args=[people[0].public_id, "divides"]),
        {"divides": ["money"]},
    )
    assert bad.status_code == 400
    for p in people:
        response = client.post(
            reverse("community:participant_record", args=[p.public_id, "divides"]),
            {"divides": ["access", "use"]},
        )
        assert response.status_code == 302
    subject = figures.subject_for(facilitator.user)
    result = figures.figures_for(facilitator.user, year=session.date.year, subject=subject)
    women = dict(result.divides)[str(result.genders[0])]
    assert women == [6, 6, 6, 0]  # nobody with the outcomes divide: zero names nobody
