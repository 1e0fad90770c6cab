"""Assessments under /api/v1/assessments: the same services and selectors as the pages."""

from datetime import date
from typing import Annotated
from uuid import UUID

from ninja import Body, Field, Router, Schema, Status

from xarxa.core.schemas import MOST_ITEMS, In, model_choice, model_text
from xarxa.people.selectors import person_get_for
from xarxa.records.models import CaseFile
from xarxa.screening import selectors, services
from xarxa.screening.models import Assessment, DependencyRecord, Score, TsoRecord

router = Router(tags=["screening"])


class DomainOut(Schema):
    code: str
    name: str
    group: str


class InstrumentOut(Schema):
    code: str
    version: str
    name: str
    provisional: bool
    domains: list[DomainOut]


_Context = model_choice(Assessment, "context")
_Justification = model_text(Score, "justification")
_Risk = model_choice(TsoRecord, "risk")
_AppliedBy = model_text(TsoRecord, "applied_by")
_Grade = model_choice(DependencyRecord, "grade")
_PiaSummary = model_text(DependencyRecord, "pia_summary")


class AssessmentIn(In):
    person: UUID
    instrument: str = "ssm-cat"
    context: _Context = "intake"  # type: ignore[valid-type]
    with_parenting: bool = False


class ScoreIn(In):
    domain: str
    level: int | None = None
    not_assessed: bool = False
    justification: _Justification = ""  # type: ignore[valid-type]


class AssessmentOut(Schema):
    public_id: UUID
    instrument: str = Field(alias="instrument.code")
    version: str = Field(alias="instrument.version")
    status: str
    context: str
    assessed_on: date
    household: UUID | None  # where the parenting domains apply, when they were assessed
    scores: dict[str, int | str | None]  # domain code -> level, "n/a" or None
    complexity: str | None
    rule_version: int | None

    @staticmethod
    def resolve_household(assessment: Assessment) -> UUID | None:
        return assessment.household.public_id if assessment.household else None

    @staticmethod
    def resolve_scores(assessment: Assessment) -> dict[str, int | str | None]:
        return selectors.assessment_scores(assessment)

    @staticmethod
    def resolve_complexity(assessment: Assessment) -> str | None:
        classification = assessment.classifications.first()
        return classification.level if classification else None

    @staticmethod
    def resolve_rule_version(assessment: Assessment) -> int | None:
        classification = assessment.classifications.select_related("rule").first()
        return classification.rule.version if classification else None


@router.get("/instruments", response=list[InstrumentOut])
def instruments(request):
    """The active instruments with their domains (data, versioned)."""
    return selectors.instruments_active()


@router.post("", response={201: AssessmentOut})
def start(request, payload: AssessmentIn):
    person = person_get_for(request.auth, payload.person).person
    instrument = selectors.instrument_active(payload.instrument)
    assessment = services.assessment_start(
        actor=request.auth, person=person, instrument=instrument, context=payload.context,
        with_parenting=payload.with_parenting,
    )  # fmt: skip
    return Status(201, assessment)


@router.get("/{uuid:public_id}", response=AssessmentOut)
def detail(request, public_id: UUID):
    return selectors.assessment_get_for(request.auth, public_id)


@router.post("/{uuid:public_id}/scores", response=AssessmentOut)
def scores(
    request, public_id: UUID, payload: Annotated[list[ScoreIn], Body(max_length=MOST_ITEMS)]
):
    """Score domains of a draft (all or nothing)."""
    assessment = selectors.assessment_get_for(request.auth, public_id)
    services.scores_set(
        actor=request.auth, assessment=assessment,
        items=[services.ScoreItem(**item.dict()) for item in payload],
    )  # fmt: skip
    return assessment


@router.post("/{uuid:public_id}/finalise", response=AssessmentOut)
def finalise(request, public_id: UUID):
    assessment = selectors.assessment_get_for(request.auth, public_id)
    services.assessment_finalise(actor=request.auth, assessment=assessment)
    assessment.refresh_from_db()
    return assessment


class SegmentOut(Schema):
    label: str
    abss: int | None = None
    team: int | None = None
    professional: int | None = None
    high: int | None  # None: hidden (a small count, or one the totals would give away)
    medium: int | None
    low: int | None
    none: int | None
    total: int | None
    stale: int | None
    overdue: int | None

    @staticmethod
    def resolve_high(obj) -> int | None:
        return obj.shown()["high"]

    @staticmethod
    def resolve_medium(obj) -> int | None:
        return obj.shown()["medium"]

    @staticmethod
    def resolve_low(obj) -> int | None:
        return obj.shown()["low"]

    @staticmethod
    def resolve_none(obj) -> int | None:
        return obj.shown()["none"]

    @staticmethod
    def resolve_total(obj) -> int | None:
        return obj.shown()["total"]

    @staticmethod
    def resolve_stale(obj) -> int | None:
        return obj.shown()["stale"]

    @staticmethod
    def resolve_overdue(obj) -> int | None:
        return obj.shown()["overdue"]


class SegmentationOut(Schema):
    total: SegmentOut
    abss: list[SegmentOut]
    teams: list[SegmentOut]
    professionals: list[SegmentOut]
    stale_before: date


@router.get("/segmentation", response=SegmentationOut)
def segmentation(request, abss: int | None = None):
    """Open case files by complexity per ABSS, team and professional (figures)."""
    return selectors.segmentation_for(request.auth, abss_id=abss)


class SegmentCaseOut(Schema):
    public_id: UUID
    number: str
    level: str | None
    assessed_on: date | None
    review_due: date | None

    @staticmethod
    def resolve_level(case: CaseFile) -> str | None:
        standing = selectors.standing_or_none(case)
        return (standing.level or None) if standing else None

    @staticmethod
    def resolve_assessed_on(case: CaseFile) -> date | None:
        standing = selectors.standing_or_none(case)
        return standing.assessed_on if standing else None

    @staticmethod
    def resolve_review_due(case: CaseFile) -> date | None:
        standing = selectors.standing_or_none(case)
        return standing.review_due if standing else None


@router.get("/segmentation/cases", response=list[SegmentCaseOut])
def segment_cases(
    request,
    abss: int,
    team: int | None = None,
    professional: int | None = None,
    level: str | None = None,
    flag: str | None = None,
    page: int = 1,
):
    """The open case files behind a figure, in an ABSS the caller works in (50 a page)."""
    return list(
        selectors.segment_cases_for(
            request.auth, abss_id=abss, team_id=team, professional_id=professional,
            level=level, flag=flag, page=page, exact=True,
        ).object_list
    )  # fmt: skip


class TsoIn(In):
    score: int
    risk: _Risk  # type: ignore[valid-type]
    applied_on: date
    applied_by: _AppliedBy  # type: ignore[valid-type]


class TsoOut(Schema):
    public_id: UUID
    score: int
    risk: str
    applied_on: date
    applied_by: str


class DependencyIn(In):
    applied_on: date
    grade: _Grade = ""  # type: ignore[valid-type]
    assessed_on: date | None = None
    resolved_on: date | None = None
    pia_on: date | None = None
    pia_summary: _PiaSummary = ""  # type: ignore[valid-type]
    review_on: date | None = None


class DependencyOut(DependencyIn):
    public_id: UUID


class OlderPersonOut(Schema):
    note: str
    tso: list[TsoOut]
    dependency: list[DependencyOut]


@router.get("/persons/{uuid:person_id}/social-risk", response=OlderPersonOut)
def older_person(request, person_id: UUID):
    """The person's TSO results and dependency procedure (history, newest first)."""
    person = person_get_for(request.auth, person_id).person
    return selectors.older_person_records_for(request.auth, person)


@router.post("/persons/{uuid:person_id}/tso", response={201: TsoOut})
def tso_add(request, person_id: UUID, payload: TsoIn):
    person = person_get_for(request.auth, person_id).person
    return Status(201, services.tso_record(actor=request.auth, person=person, **payload.dict()))


@router.post("/persons/{uuid:person_id}/dependency", response={201: DependencyOut})
def dependency_add(request, person_id: UUID, payload: DependencyIn):
    person = person_get_for(request.auth, person_id).person
    record = services.dependency_record(actor=request.auth, person=person, **payload.dict())
    return Status(201, record)
