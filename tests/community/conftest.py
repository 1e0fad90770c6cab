"""The Òmnia personas: the facilitator of a point (tests.conftest), the facilitator of
another entity's point, the manager of the entity that runs the first point, the
technical office and an evaluator; a point with an activity and a session today."""

import datetime

import pytest
from django.utils import timezone

from tests.conftest import _persona
from tests.factories import OrganisationFactory
from xarxa.community import services
from xarxa.organisations.models import OrganisationKind, TeamKind
from xarxa.territory.models import Municipality


@pytest.fixture
def entity(db):
    return OrganisationFactory(
        code="entitat-prova", name="Entitat de prova", kind=OrganisationKind.THIRD_SECTOR
    )


@pytest.fixture
def entity_manager(entity):
    return _persona("gestora", "entity_manager", entity.code, "Gerència", TeamKind.MANAGEMENT)


@pytest.fixture
def technical_office(db):
    return _persona(
        "oficina", "technical_office", "generalitat-drets-socials", "Oficina tècnica",
        TeamKind.TECHNICAL_OFFICE,
    )  # fmt: skip


@pytest.fixture
def evaluator(db):
    return _persona("avaluadora", "evaluator", "coss", "Avaluació", TeamKind.EVALUATION)


@pytest.fixture
def other_facilitator(db):
    return _persona(
        "facilitator2", "omnia_facilitator", "ajuntament-manlleu", "Punt Òmnia Manlleu",
        TeamKind.OMNIA,
    )  # fmt: skip


def vic():
    return Municipality.objects.get(ine_code="08298")


@pytest.fixture
def point(facilitator, entity):
    team = facilitator.user.assignments.get().team
    return services.point_create(
        actor=None, team=team, municipality=vic(), managing_entity=entity, name="Punt Òmnia Remei"
    )


@pytest.fixture
def other_point(other_facilitator):
    team = other_facilitator.user.assignments.get().team
    return services.point_create(
        actor=None,
        team=team,
        municipality=Municipality.objects.get(ine_code="08112"),
        name="Punt Òmnia Manlleu",
    )


@pytest.fixture
def activity(point, facilitator):
    return services.activity_create(
        actor=facilitator.user,
        point=point,
        title="Tràmits en línia",
        axis="learning",
        kind="workshop",
        starts_on=timezone.localdate(),
        digcomp=["1.1", "4.2"],
        actic=["C3"],
        capacity=12,
    )


@pytest.fixture
def session(activity, facilitator):
    return services.session_plan(
        actor=facilitator.user,
        activity=activity,
        first=timezone.localdate(),
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )[0]


@pytest.fixture
def registered(point, facilitator):
    return services.participant_add(
        actor=facilitator.user,
        point=point,
        registered=True,
        consent=True,
        first_name="Fatima",
        last_name="Benali",
        gender="woman",
        age_band="45_64",
        situation="unemployed",
        origin="non_eu",
    )


@pytest.fixture
def anonymous(point, facilitator):
    return services.participant_add(
        actor=facilitator.user,
        point=point,
        registered=False,
        gender="man",
        age_band="65",
        situation="retired",
    )
