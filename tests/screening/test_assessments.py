"""Instruments as data, assessments that are finalised only when complete and never
edited after, and a versioned complexity rule (hypothesis properties)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xarxa.records.models import TimelineEntry
from xarxa.screening import services
from xarxa.screening.complexity import DEFAULT_RULE, classify
from xarxa.screening.instruments import load_instruments
from xarxa.screening.models import Assessment, ComplexityRule, Domain, Instrument

CODES = [d[0] for d in (
    ("finances",), ("work_education",), ("time_use",), ("housing",), ("domestic_relations",),
    ("mental_health",), ("physical_health",), ("addictions",), ("basic_adl",),
    ("instrumental_adl",), ("social_network",), ("participation",), ("justice",),
)]  # fmt: skip
levels = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
profiles = st.fixed_dictionaries(dict.fromkeys(CODES, levels))


@given(profiles, st.sampled_from(CODES))
def test_a_worse_score_never_lowers_complexity(profile, code):
    order = {"low": 0, "medium": 1, "high": 2}
    before = classify(profile, DEFAULT_RULE)
    if profile[code] is not None and profile[code] > 1:
        worse = {**profile, code: profile[code] - 1}
        assert order[classify(worse, DEFAULT_RULE)] >= order[before]


@given(profiles)
def test_all_self_sufficient_is_low_and_many_crises_are_high(profile):
    assert classify(dict.fromkeys(CODES, 5), DEFAULT_RULE) == "low"
    crises = {**profile, **dict.fromkeys(CODES[:4], 1)}
    assert classify(crises, DEFAULT_RULE) == "high"
    assert classify(profile, DEFAULT_RULE) in {"low", "medium", "high"}


@pytest.mark.django_db
def test_instruments_are_data_and_a_second_one_needs_no_code():
    ssm = Instrument.objects.get(code="ssm-cat")
    assert ssm.provisional and ssm.domains.filter(group="core").count() == 13
    assert ssm.domains.filter(group="parenting").count() == 4
    assert Instrument.objects.get(code="digcomp-self").domains.count() == 5
    load_instruments(
        Instrument, Domain,
        [{"code": "tiny", "version": "1", "texts": {"ca": {"name": "Prova"}},
          "domains": [{"code": "a", "order": 1, "texts": {"ca": {"name": "A"}}}]}],
    )  # fmt: skip
    assert Instrument.objects.get(code="tiny").domains.get().name == "A"


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answered=st.lists(st.booleans(), min_size=13, max_size=13))
def test_finalised_only_when_every_domain_is_answered(social_worker, person, answered):
    ssm = Instrument.objects.get(code="ssm-cat")
    assessment = services.assessment_start(actor=social_worker.user, person=person, instrument=ssm)
    core = list(ssm.domains.filter(group="core"))
    for domain, done in zip(core, answered, strict=True):
        if done:
            services.score_set(
                actor=social_worker.user, assessment=assessment, domain=domain, level=3
            )
    if all(answered):
        services.assessment_finalise(actor=social_worker.user, assessment=assessment)
        assessment.refresh_from_db()
        assert assessment.status == "final"
    else:
        with pytest.raises(ValidationError):
            services.assessment_finalise(actor=social_worker.user, assessment=assessment)
        assessment.refresh_from_db()
        assert assessment.status == "draft"


@pytest.mark.django_db
def test_finalised_is_never_edited_and_a_correction_references_it(
    social_worker, other_abss_worker, person
):
    ssm = Instrument.objects.get(code="ssm-cat")
    first = services.assessment_start(actor=social_worker.user, person=person, instrument=ssm)
    core = list(ssm.domains.filter(group="core"))
    for i, domain in enumerate(core):
        if i == 3:  # housing
            services.score_set(actor=social_worker.user, assessment=first, domain=domain, level=1)
        elif i == 12:
            services.score_set(
                actor=social_worker.user, assessment=first, domain=domain, not_assessed=True
            )
        else:
            services.score_set(actor=social_worker.user, assessment=first, domain=domain, level=4)
    with pytest.raises(ValidationError):  # both a level and "not assessed": refused
        services.score_set(
            actor=social_worker.user, assessment=first, domain=core[0], level=2, not_assessed=True
        )
    classification = services.assessment_finalise(actor=social_worker.user, assessment=first)
    assert classification.level == "high"  # an acute housing crisis
    assert classification.rule == ComplexityRule.objects.get(code="xarxa-default", version=1)
    assert TimelineEntry.objects.filter(person=person, kind="assessment.final").exists()
    with pytest.raises(ValidationError):
        services.score_set(actor=social_worker.user, assessment=first, domain=core[0], level=2)
    correction = services.assessment_start(
        actor=social_worker.user, person=person, instrument=ssm, corrects=first
    )
    assert correction.corrects == first and correction.scores.count() == 13
    with pytest.raises(PermissionDenied):
        services.assessment_start(actor=other_abss_worker.user, person=person, instrument=ssm)
    assert Assessment.objects.count() == 2


@pytest.mark.django_db
def test_a_new_rule_version_keeps_past_classifications(social_worker, person):
    ssm = Instrument.objects.get(code="ssm-cat")
    assessment = services.assessment_start(actor=social_worker.user, person=person, instrument=ssm)
    for domain in ssm.domains.filter(group="core"):
        level = 2 if domain.code in ("finances", "housing") else 4
        services.score_set(
            actor=social_worker.user, assessment=assessment, domain=domain, level=level
        )
    old = services.assessment_finalise(actor=social_worker.user, assessment=assessment)
    assert old.level == "medium"
    ComplexityRule.objects.update(active=False)
    ComplexityRule.objects.create(
        code="xarxa-default", version=2, active=True,
        definition={"high": {"low_domains_at_least": 2}, "medium": {"low_domains_at_least": 1}},
    )  # fmt: skip
    old.refresh_from_db()
    assert old.level == "medium" and old.rule.version == 1  # reproducible as it was


@pytest.mark.django_db
def test_parenting_domains_are_assessed_for_the_household_the_children_live_in(
    api_for, social_worker, person
):
    from datetime import date

    from xarxa.people.services import household_create_with

    home = household_create_with(
        actor=social_worker.user, person=person, address="C. de la Riera 12, Vic",
        municipality=person.municipality, relationship="reference", on=date(2024, 1, 1),
    )  # fmt: skip
    api = api_for(social_worker.user)
    body = {"person": str(person.public_id), "instrument": "ssm-cat"}
    with_children = api.post(
        "/api/v1/assessments", {**body, "with_parenting": True}, content_type="application/json"
    )
    assert with_children.status_code == 201, with_children.content
    assert with_children.json()["household"] == str(home.public_id)
    alone = api.post("/api/v1/assessments", body, content_type="application/json").json()
    assert alone["household"] is None
    parenting = Assessment.objects.get(public_id=with_children.json()["public_id"])
    assert parenting.household == home
