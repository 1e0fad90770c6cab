"""Assessments under /api/v1/assessments: the same services and selectors as the pages."""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError

from xarxa.people.selectors import person_get_for
from xarxa.screening import selectors, services
from xarxa.screening.models import Context, Instrument

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


class AssessmentIn(Schema):
    person: UUID
    instrument: str = "ssm-cat"
    context: str = "intake"
    with_parenting: bool = False


class ScoreIn(Schema):
    domain: str
    level: int | None = None
    not_assessed: bool = False
    justification: str = ""


class AssessmentOut(Schema):
    public_id: UUID
    instrument: str
    version: str
    status: str
    context: str
    assessed_on: date
    household: UUID | None  # where the parenting domains apply, when they were assessed
    scores: dict[str, int | str | None]  # domain code -> level, "n/a" or None
    complexity: str | None
    rule_version: int | None


def _invalid(error: ValidationError):
    return NinjaValidationError([{"loc": [], "msg": " ".join(error.messages)}])


def _out(assessment) -> dict:
    scores = {
        s.domain.code: ("n/a" if s.not_assessed else s.level)
        for s in assessment.scores.select_related("domain")
    }
    classification = assessment.classifications.select_related("rule").first()
    return {
        "public_id": assessment.public_id,
        "instrument": assessment.instrument.code,
        "version": assessment.instrument.version,
        "status": assessment.status,
        "context": assessment.context,
        "assessed_on": assessment.assessed_on,
        "household": assessment.household.public_id if assessment.household_id else None,
        "scores": scores,
        "complexity": classification.level if classification else None,
        "rule_version": classification.rule.version if classification else None,
    }


@router.get("/instruments", response=list[InstrumentOut])
def instruments(request):
    """The active instruments with their domains (data, versioned)."""
    return [
        {
            "code": i.code,
            "version": i.version,
            "name": i.name,
            "provisional": i.provisional,
            "domains": [
                {"code": d.code, "name": d.name, "group": d.group} for d in i.domains.all()
            ],
        }
        for i in Instrument.objects.filter(active=True).prefetch_related("domains")
    ]


@router.post("", response={201: AssessmentOut})
def start(request, payload: AssessmentIn):
    person = person_get_for(request.auth, payload.person).person
    instrument = get_object_or_404(Instrument, code=payload.instrument, active=True)
    if payload.context not in Context.values:
        raise _invalid(ValidationError(_("The moment is intake, follow_up or closure.")))
    assessment = services.assessment_start(
        actor=request.auth, person=person, instrument=instrument, context=payload.context,
        with_parenting=payload.with_parenting,
    )  # fmt: skip
    return Status(201, _out(assessment))


@router.get("/{uuid:public_id}", response=AssessmentOut)
def detail(request, public_id: UUID):
    return _out(selectors.assessment_get_for(request.auth, public_id))


@router.post("/{uuid:public_id}/scores", response=AssessmentOut)
def scores(request, public_id: UUID, payload: list[ScoreIn]):
    """Score domains of a draft (all or nothing)."""
    from django.db import transaction

    assessment = selectors.assessment_get_for(request.auth, public_id)
    domains = {d.code: d for d in assessment.instrument.domains.all()}
    try:
        with transaction.atomic():
            for item in payload:
                if item.domain not in domains:
                    raise ValidationError(_("Unknown domain: %(code)s.") % {"code": item.domain})
                services.score_set(
                    actor=request.auth, assessment=assessment, domain=domains[item.domain],
                    level=item.level, not_assessed=item.not_assessed,
                    justification=item.justification,
                )  # fmt: skip
    except ValidationError as error:
        raise _invalid(error) from None
    return _out(assessment)


@router.post("/{uuid:public_id}/finalise", response=AssessmentOut)
def finalise(request, public_id: UUID):
    assessment = selectors.assessment_get_for(request.auth, public_id)
    try:
        services.assessment_finalise(actor=request.auth, assessment=assessment)
    except ValidationError as error:
        raise _invalid(error) from None
    assessment.refresh_from_db()
    return _out(assessment)


class SegmentOut(Schema):
    label: str
    abss: int | None = None
    team: int | None = None
    professional: int | None = None
    high: int
    medium: int
    low: int
    none: int
    total: int
    stale: int
    overdue: int


class SegmentationOut(Schema):
    total: SegmentOut
    abss: list[SegmentOut]
    teams: list[SegmentOut]
    professionals: list[SegmentOut]
    stale_before: date


def _segment(s) -> dict:
    return {
        "label": s.label, **s.params, "high": s.high, "medium": s.medium, "low": s.low,
        "none": s.none, "total": s.total, "stale": s.stale, "overdue": s.overdue,
    }  # fmt: skip


@router.get("/segmentation", response=SegmentationOut)
def segmentation(request, abss: int | None = None):
    """Open case files by complexity per ABSS, team and professional (figures)."""
    seg = selectors.segmentation_for(request.auth, abss_id=abss)
    return {
        "total": _segment(seg.total),
        "abss": [_segment(s) for s in seg.abss],
        "teams": [_segment(s) for s in seg.teams],
        "professionals": [_segment(s) for s in seg.professionals],
        "stale_before": seg.stale_before,
    }


class SegmentCaseOut(Schema):
    public_id: UUID
    number: str
    level: str | None
    assessed_on: date | None
    review_due: date | None


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
    if level is not None and level not in selectors.LEVELS:
        raise _invalid(ValidationError(_("The level is high, medium, low or none.")))
    if flag is not None and flag not in ("stale", "overdue"):
        raise _invalid(ValidationError(_("The flag is stale or overdue.")))
    rows = selectors.segment_cases_for(
        request.auth, abss_id=abss, team_id=team, professional_id=professional, level=level,
        flag=flag, page=page,
    )  # fmt: skip
    out = []
    for case in rows:
        standing = getattr(case, "standing", None) if _has_standing(case) else None
        out.append({
            "public_id": case.public_id, "number": case.number,
            "level": (standing.level or None) if standing else None,
            "assessed_on": standing.assessed_on if standing else None,
            "review_due": standing.review_due if standing else None,
        })  # fmt: skip
    return out


def _has_standing(case) -> bool:
    from django.core.exceptions import ObjectDoesNotExist

    try:
        case.standing  # noqa: B018
    except ObjectDoesNotExist:
        return False
    return True


class TsoIn(Schema):
    score: int
    risk: str
    applied_on: date
    applied_by: str


class TsoOut(Schema):
    public_id: UUID
    score: int
    risk: str
    applied_on: date
    applied_by: str


class DependencyIn(Schema):
    applied_on: date
    grade: str = ""
    assessed_on: date | None = None
    resolved_on: date | None = None
    pia_on: date | None = None
    pia_summary: str = ""
    review_on: date | None = None


class DependencyOut(DependencyIn):
    public_id: UUID


class OlderPersonOut(Schema):
    note: str
    tso: list[TsoOut]
    dependency: list[DependencyOut]


TSO_NOTE = gettext_lazy(
    "Only the result of the TSO scale applied on paper is recorded: the scale may not be "
    "reproduced in digital form without its authors' permission."
)


@router.get("/persons/{uuid:person_id}/social-risk", response=OlderPersonOut)
def older_person(request, person_id: UUID):
    """The person's TSO results and dependency procedure (history, newest first)."""
    from django.utils.translation import gettext

    person = person_get_for(request.auth, person_id).person
    records = selectors.older_person_records_for(request.auth, person)
    return {
        "note": gettext(TSO_NOTE),
        "tso": records.tso,
        "dependency": records.dependency,
    }


@router.post("/persons/{uuid:person_id}/tso", response={201: TsoOut})
def tso_add(request, person_id: UUID, payload: TsoIn):
    person = person_get_for(request.auth, person_id).person
    try:
        record = services.tso_record(actor=request.auth, person=person, **payload.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, record)


@router.post("/persons/{uuid:person_id}/dependency", response={201: DependencyOut})
def dependency_add(request, person_id: UUID, payload: DependencyIn):
    person = person_get_for(request.auth, person_id).person
    try:
        record = services.dependency_record(actor=request.auth, person=person, **payload.dict())
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, record)
