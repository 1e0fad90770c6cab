"""The figures under /api/v1/community (small numbers suppressed, as on the page)."""

from uuid import UUID

from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import ValidationError as NinjaValidationError

from xarxa.community.figures import selectors
from xarxa.community.figures.tables import DIMENSIONS

router = Router(tags=["community"])


class CrossRowOut(Schema):
    label: str
    cells: list[int | None]
    total: int | None


class CrossOut(Schema):
    measure: str
    rows_dim: str
    cols_dim: str
    cols: list[str]
    rows: list[CrossRowOut]
    col_totals: list[int | None]
    total: int | None


class TrendOut(Schema):
    year: int
    participants: int | None
    uses: int | None


class DivideOut(Schema):
    gender: str
    assessed: int | None
    access: int | None
    use: int | None
    outcomes: int | None

    @staticmethod
    def resolve_gender(obj) -> str:
        return obj.label

    @staticmethod
    def resolve_assessed(obj) -> int | None:
        return obj.cells[0]

    @staticmethod
    def resolve_access(obj) -> int | None:
        return obj.cells[1]

    @staticmethod
    def resolve_use(obj) -> int | None:
        return obj.cells[2]

    @staticmethod
    def resolve_outcomes(obj) -> int | None:
        return obj.cells[3]


class AreaOut(Schema):
    area: str
    before: float
    after: float

    @staticmethod
    def resolve_before(obj) -> float:
        return round(obj.before, 2)

    @staticmethod
    def resolve_after(obj) -> float:
        return round(obj.after, 2)


class GainOut(Schema):
    gender: str
    participants: int
    gain: float

    @staticmethod
    def resolve_gain(obj) -> float:
        return round(obj.gain, 2)


class ProgressOut(Schema):
    participants: int | None
    areas: list[AreaOut]
    by_gender: list[GainOut]


class FiguresOut(Schema):
    level: str
    subject: str
    year: int
    suppressed_under: int
    participants: int | None
    uses: int | None
    activities: dict[str, int]
    crosses: list[CrossOut]
    trend: list[TrendOut]
    progress: ProgressOut
    divides: list[DivideOut]


@router.get("/figures", response=FiguresOut)
def figures(
    request,
    year: int | None = None,
    point: UUID | None = None,
    entity: str = "",
    rows: str = "axis",
    cols: str = "gender",
):
    if rows not in DIMENSIONS or cols not in DIMENSIONS:
        raise NinjaValidationError(
            [{"loc": ["rows"], "msg": "axis, gender, age_band, origin, situation"}]
        )
    subject_key = f"point:{point}" if point else (f"entity:{entity}" if entity else "")
    subject = selectors.subject_from_key(request.user, subject_key)
    return selectors.figures_for(
        request.user,
        year=year or timezone.localdate().year,
        subject=subject,
        rows=rows,
        cols=cols,
    )
