"""Demo assessments and itineraries: SSM-CAT assessments of most open case files with
realistic levels (most domains at 3-5; a minority of cases with several at 1-2), their
classification by the active rule, the case standing the segmentation reads, plans for
the cases that need them (every high and medium case, a few low ones) with goals,
actions and reviews, some of them overdue; and TSO and dependency records for some
people over 65. Deterministic for a seed; rows written in bulk (executemany, or COPY on
PostgreSQL) with precomputed ids, so a million persons load in seconds, not hours."""

import random
import uuid
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from xarxa.demo.bulk import Writer as _Writer
from xarxa.demo.bulk import next_id as _next_id
from xarxa.plans.models import Action, Goal, Plan, PlanTemplate, Review
from xarxa.plans.services import add_months
from xarxa.records.models import CaseFile, CaseStanding, TimelineEntry
from xarxa.records.standing import standings_refresh
from xarxa.screening.complexity import classify
from xarxa.screening.models import (
    Assessment,
    Classification,
    ComplexityRule,
    DependencyRecord,
    Instrument,
    Score,
    TsoRecord,
)

ASSESSED_SHARE = 0.85  # open case files with at least one finalised assessment
STALE_SHARE = 0.18  # of those, the latest one older than twelve months
# Case profiles: (share, weights of levels 1..5 per domain)
PROFILES = [
    (0.66, (1, 4, 25, 40, 30)),  # mostly self-sufficient
    (0.24, (3, 14, 35, 32, 16)),  # some difficulties
    (0.10, (16, 30, 28, 16, 10)),  # several domains in crisis or vulnerable
]
NOT_ASSESSED = {"justice": 0.4, "addictions": 0.12, "work_education": 0.08}
PLAN_LOW_SHARE = 0.15  # low cases with a light follow-up plan
MISSED_REVIEW = 0.2  # plans whose last review is overdue
WORDS = [
    "Vull tenir una feina estable i poder pagar el lloguer.",
    "Que els nens vagin bé a l'escola i tenir més temps per a mi.",
    "No vull perdre el pis; necessito ajuda amb els papers.",
    "Sortir més de casa i tornar a veure la gent del barri.",
    "Aprendre a fer els tràmits per internet jo sola.",
    "Posar ordre als deutes i dormir tranquil.",
]
REVIEWS = [
    "Ha començat el curs d'ocupació; es manté el pla.",
    "S'ha resolt el deute del lloguer; objectiu d'habitatge assolit en part.",
    "Ha faltat a dues entrevistes; es reprèn el contacte.",
    "Millora la relació a la llar; es redueix la freqüència de visites.",
    "Pendent de la resposta del servei especialitzat.",
]


def _uuid(rng) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _aware(day: date):
    value = timezone.make_aware(datetime.combine(day, clock(10)))
    return Assessment._meta.get_field("finalised_at").get_db_prep_value(value, connection)


def build_screening(*, seed: int, log=print) -> dict[str, int]:
    rng = random.Random(seed * 53 + 11)
    today = timezone.localdate()
    instrument = Instrument.objects.filter(code="ssm-cat", active=True).order_by("-id").first()
    rule = ComplexityRule.objects.filter(active=True).order_by("-version").first()
    if instrument is None or rule is None:
        return {"assessments": 0}
    domains = list(instrument.domains.filter(group="core").values_list("id", "code"))
    templates = {t.level: t for t in PlanTemplate.objects.filter(active=True)}
    name = instrument.texts.get("ca", {}).get("name", "SSM-CAT")
    w = {
        "assessment": _Writer(
            Assessment,
            [
                "id",
                "public_id",
                "person",
                "case",
                "instrument",
                "context",
                "assessed_on",
                "assessor",
                "with_parenting",
                "status",
                "finalised_at",
                "version",
                "created_at",
                "updated_at",
            ],
        ),
        "score": _Writer(
            Score, ["assessment", "domain", "level", "not_assessed", "justification"], 50_000
        ),
        "classification": _Writer(Classification, ["assessment", "rule", "level", "at"]),
        "standing": _Writer(
            CaseStanding,
            [
                "case",
                "status",
                "abss",
                "team",
                "reference_professional",
                "level",
                "assessment",
                "assessed_on",
                "review_due",
            ],
        ),
        "timeline": _Writer(
            TimelineEntry,
            [
                "person",
                "case",
                "on",
                "kind",
                "title",
                "object_type",
                "object_id",
                "sensitivity",
                "confidentiality",
                "created_at",
            ],
            50_000,
        ),
        "tso": _Writer(
            TsoRecord,
            [
                "public_id",
                "person",
                "score",
                "risk",
                "applied_on",
                "applied_by",
                "recorded_by",
                "recorded_at",
            ],
        ),
        "dependency": _Writer(
            DependencyRecord,
            [
                "public_id",
                "person",
                "grade",
                "applied_on",
                "assessed_on",
                "resolved_on",
                "pia_on",
                "pia_summary",
                "review_on",
                "recorded_by",
                "recorded_at",
            ],
        ),
    }
    assessment_id = _next_id(Assessment)
    first_id = assessment_id
    # Public ids differ between runs (a second run adds to the same database).
    uuid_rng = random.Random(f"screening:{seed}:{first_id}")
    cases = (
        CaseFile.objects.filter(status="open")
        .filter(standing__isnull=True)  # a second run adds to the new case files only
        .values_list("id", "person_id", "reference_professional_id", "opened_on",
                     "person__birth_date", "abss_id", "team_id")
        .order_by("id")
    )  # fmt: skip
    plans_to_make = []
    counts = {"high": 0, "medium": 0, "low": 0}
    rows = cases.iterator(chunk_size=5000)
    for case_id, person_id, professional_id, opened_on, birth, abss_id, team_id in rows:
        held = (case_id, "open", abss_id, team_id, professional_id)
        if person_id is None:
            continue  # given its standing below, with the closed ones
        if birth and (today - birth).days > 65 * 365 and rng.random() < 0.3:
            _older(rng, uuid_rng, w, person_id, professional_id, opened_on, today)
        if rng.random() > ASSESSED_SHARE:
            w["standing"].add((*held, "", None, None, None))
            continue
        weights = rng.choices(PROFILES, weights=[p[0] for p in PROFILES])[0][1]
        span = max(1, (today - opened_on).days)
        if rng.random() < STALE_SHARE and span > 400:
            last = today - timedelta(days=rng.randrange(366, min(span, 1100)))
        else:
            last = today - timedelta(days=rng.randrange(0, min(span, 365)))
        count = rng.choices([1, 2, 3], [60, 30, 10])[0]
        days = sorted({last - timedelta(days=180 * i) for i in range(count)})
        days = [d for d in days if d >= opened_on] or [last]
        levels: dict[str, int | None] = {}
        for index, day in enumerate(days):
            better = len(days) - 1 - index  # earlier assessments were a little worse
            levels = {}
            for domain_id, code in domains:
                if rng.random() < NOT_ASSESSED.get(code, 0.03):
                    levels[code] = None
                    w["score"].add((assessment_id, domain_id, None, True, ""))
                    continue
                level = rng.choices((1, 2, 3, 4, 5), weights)[0]
                level = max(1, level - (1 if better and rng.random() < 0.4 else 0))
                levels[code] = level
                w["score"].add((assessment_id, domain_id, level, False, ""))
            level_name = classify(levels, rule.definition)
            at = _aware(day)
            context = "intake" if index == 0 else "follow_up"
            w["assessment"].add(
                (assessment_id, _uuid(uuid_rng), person_id, case_id, instrument.pk, context, day,
                 professional_id, False, "final", at, 1, at, at)
            )  # fmt: skip
            w["classification"].add((assessment_id, rule.pk, level_name, at))
            w["timeline"].add(
                (person_id, case_id, day, "assessment.final", name, "screening.assessment",
                 str(assessment_id), "", "team", at)
            )  # fmt: skip
            latest = (assessment_id, day, level_name, levels)
            assessment_id += 1
        counts[latest[2]] += 1
        review_due = None
        needs_plan = latest[2] in ("high", "medium") or rng.random() < PLAN_LOW_SHARE
        template = templates.get(latest[2])
        if needs_plan and template is not None:
            plan = _plan(rng, uuid_rng, case_id, person_id, professional_id, template, latest,
                         today, domains)  # fmt: skip
            plans_to_make.append(plan)
            review_due = plan[0].next_review_due
        w["standing"].add((*held, latest[2], latest[0], latest[1], review_due))
        for writer in w.values():
            if writer.full():
                writer.flush()
    for writer in w.values():
        writer.flush()
    standings_refresh(CaseFile, CaseStanding)  # closed case files, households without a name
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Assessment]):
            cursor.execute(sql)
    made = _write_plans(plans_to_make)
    log(
        f"  assessments {assessment_id - first_id} (latest: {counts['high']} high, "
        f"{counts['medium']} medium, {counts['low']} low), plans {made}"
    )
    return {"assessments": assessment_id - first_id, "plans": made, **counts}


def _older(rng, uuid_rng, w, person_id, professional_id, opened_on, today):
    """A TSO result (applied outside Xarxa) and the dependency procedure, as history."""
    now = _aware(today)
    applied = opened_on + timedelta(days=rng.randrange(0, max(1, (today - opened_on).days)))
    score = rng.randrange(5, 20)
    risk = "none" if score < 10 else ("risk" if score < 15 else "high")
    w["tso"].add((_uuid(uuid_rng), person_id, score, risk, applied, "Treballadora social",
                  professional_id, now))  # fmt: skip
    if rng.random() < 0.6:
        asked = applied + timedelta(days=rng.randrange(0, 60))
        if asked > today:
            return
        w["dependency"].add((_uuid(uuid_rng), person_id, "", asked, None, None, None, "", None,
                             professional_id, now))  # fmt: skip
        assessed = asked + timedelta(days=rng.randrange(60, 200))
        resolved = assessed + timedelta(days=rng.randrange(30, 150))
        if resolved > today:
            return
        grade = rng.choices(["none", "1", "2", "3"], [15, 40, 30, 15])[0]
        pia = resolved + timedelta(days=rng.randrange(30, 120)) if grade != "none" else None
        pia = pia if pia and pia <= today else None
        w["dependency"].add(
            (_uuid(uuid_rng), person_id, grade, asked, assessed, resolved, pia,
             "Servei d'ajuda a domicili, 10 hores al mes" if pia else "",
             add_months(pia, 24) if pia else None, professional_id, now)
        )  # fmt: skip


def _plan(rng, uuid_rng, case_id, person_id, professional_id, template, latest, today, domains):
    """A plan agreed after the latest assessment, reviewed as often as its level asks;
    in a share of them the last review is missed (overdue)."""
    _aid, assessed_on, level, levels = latest
    agreed = min(today, assessed_on + timedelta(days=rng.randrange(1, 20)))
    plan = Plan(
        public_id=uuid.UUID(int=uuid_rng.getrandbits(128), version=4),
        case_id=case_id,
        person_id=person_id,
        template=template,
        level=level,
        person_words=rng.choice(WORDS),
        agreed_on=agreed,
        created_by_id=professional_id,
        next_review_due=agreed,
    )
    reviews, on = [], agreed
    while True:
        due = add_months(on, template.review_months)
        if due > today or (due <= today and add_months(due, template.review_months) > today
                           and rng.random() < MISSED_REVIEW):  # fmt: skip
            break
        on = min(today, due + timedelta(days=rng.randrange(0, 6)))
        reviews.append(
            Review(
                on=on,
                what_changed=rng.choice(REVIEWS),
                level=level,
                next_review_due=add_months(on, template.review_months),
                reviewed_by_id=professional_id,
            )
        )
        if len(reviews) > 24:
            break
    plan.next_review_due = add_months(on, template.review_months)
    by_code = {code: domain_id for domain_id, code in domains}
    goals = [
        Goal(
            domain_id=by_code[code],
            description=f"Millorar l'àmbit ({code})",
            baseline_level=value,
            target_level=min(5, value + 1),
            target_on=add_months(agreed, template.goal_months),
            status="achieved" if rng.random() < 0.2 else "open",
        )
        for code, value in levels.items()
        if value is not None and value <= template.goal_up_to_level
    ]
    actions = []
    for item in template.actions:
        due_on = agreed + timedelta(days=int(item.get("due_days", 30)))
        done = due_on < today and rng.random() < 0.8
        actions.append(
            Action(
                description=item["texts"]["ca"][:300],
                who=item["who"],
                professional_id=professional_id if item["who"] == "professional" else None,
                due_on=due_on,
                status="done" if done else "pending",
            )
        )
    return plan, goals, actions, reviews


def _write_plans(plans) -> int:
    """Plans, then their goals, actions and reviews (and the timeline lines)."""
    for start in range(0, len(plans), 5000):
        chunk = plans[start : start + 5000]
        Plan.objects.bulk_create([p[0] for p in chunk], batch_size=1000)
        goals, actions, reviews, entries = [], [], [], []
        for plan, plan_goals, plan_actions, plan_reviews in chunk:
            for goal in plan_goals:
                goal.plan = plan
            for action in plan_actions:
                action.plan = plan
            for review in plan_reviews:
                review.plan = plan
            goals += plan_goals
            actions += plan_actions
            reviews += plan_reviews
            entries.append(
                TimelineEntry(
                    person_id=plan.person_id,
                    case_id=plan.case_id,
                    on=plan.agreed_on,
                    kind="plan.agreed",
                    title=f"Pla d'intervenció: {plan.template.texts['ca']['name']}",
                    object_type="plans.plan",
                    object_id=str(plan.pk),
                )
            )
        Goal.objects.bulk_create(goals, batch_size=2000)
        Action.objects.bulk_create(actions, batch_size=2000)
        Review.objects.bulk_create(reviews, batch_size=2000)
        entries += [
            TimelineEntry(
                person_id=r.plan.person_id,
                case_id=r.plan.case_id,
                on=r.on,
                kind="plan.review",
                title="Revisió del pla",
                object_type="plans.review",
                object_id=str(r.pk),
            )
            for r in reviews
        ]
        TimelineEntry.objects.bulk_create(entries, batch_size=5000)
    return len(plans)
