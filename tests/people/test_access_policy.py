"""The access policy, persona by persona: who reaches a person, and who reads what."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.conftest import _persona
from xarxa.organisations.models import Team, TeamKind
from xarxa.people.models import AccessGrant, Person
from xarxa.people.policies import Via, may_read_entry, person_access, visible_persons_q
from xarxa.records.models import CaseAccess, CaseFile, CaseParticipant
from xarxa.territory.models import Abss, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def vic_person():
    return Person.objects.create(
        given_names="Montserrat",
        first_surname="Vilaró",
        municipality=Municipality.objects.get(ine_code="08298"),
        abss=Abss.objects.get(code="ABSS-VIC"),
    )


@pytest.fixture
def siad_worker(db):
    return _persona(
        "siad",
        "specialised_professional",
        "coss",
        "SIAD Osona",
        TeamKind.SPECIALISED_SERVICE,
    )


def open_case(person, professional):
    case = CaseFile.objects.create(
        number=f"VIC-2026-{person.pk:06d}",
        person=person,
        abss=Abss.objects.get(code="ABSS-VIC"),
        team=Team.objects.get(name="SSB Vic"),
        municipality=person.municipality,
        reference_professional=professional,
        opened_on=date(2026, 1, 1),
    )
    CaseParticipant.objects.create(case=case, person=person, valid_from=date(2026, 1, 1))
    return case


def visible(user, person) -> bool:
    return Person.objects.filter(visible_persons_q(user), pk=person.pk).exists()


def test_staff_of_the_persons_abss_reach_the_person(social_worker, teammate, vic_person):
    for persona in (social_worker, teammate):
        assert person_access(persona.user, vic_person).via == Via.ABSS
        assert visible(persona.user, vic_person)


def test_other_abss_worker_and_facilitator_do_not(other_abss_worker, facilitator, vic_person):
    for persona in (other_abss_worker, facilitator):
        assert not person_access(persona.user, vic_person).allowed
        assert not visible(persona.user, vic_person)


def test_a_case_in_my_abss_reaches_a_person_who_lives_elsewhere(
    social_worker, other_abss_worker, vic_person
):
    vic_person.abss = Abss.objects.get(code="ABSS-MAN")
    vic_person.save()
    open_case(vic_person, social_worker.user)
    assert person_access(social_worker.user, vic_person).via == Via.CASE
    assert visible(social_worker.user, vic_person)
    assert person_access(other_abss_worker.user, vic_person).via == Via.ABSS


def test_specialised_service_only_while_its_referral_access_is_open(
    social_worker, siad_worker, vic_person
):
    case = open_case(vic_person, social_worker.user)
    assert not person_access(siad_worker.user, vic_person).allowed
    siad_team = Team.objects.get(name="SIAD Osona")
    access = CaseAccess.objects.create(
        case=case, team=siad_team, reason="derivació", valid_from=date(2026, 1, 2)
    )
    assert person_access(siad_worker.user, vic_person).via == Via.SERVICE
    assert visible(siad_worker.user, vic_person)
    access.valid_until = timezone.localdate() - timedelta(days=1)
    access.save()
    assert not person_access(siad_worker.user, vic_person).allowed
    assert not visible(siad_worker.user, vic_person)


def test_emergency_grant_is_time_limited(other_abss_worker, vic_person):
    grant = AccessGrant.objects.create(
        person=vic_person,
        user=other_abss_worker.user,
        reason="Urgència nocturna: cal saber si té expedient obert",
        expires_at=timezone.now() + timedelta(hours=4),
    )
    assert person_access(other_abss_worker.user, vic_person).via == Via.GRANT
    grant.expires_at = timezone.now() - timedelta(seconds=1)
    grant.save()
    assert not person_access(other_abss_worker.user, vic_person).allowed


def test_dpo_reaches_identity_but_not_the_records(dpo, vic_person):
    access = person_access(dpo.user, vic_person)
    assert access.via == Via.OFFICE
    assert not access.reads_records


@pytest.mark.parametrize(
    ("confidentiality", "sensitivity", "reader", "expected"),
    [
        ("team", "", "teammate", True),
        ("team", "gender_violence", "teammate", False),
        ("team", "gender_violence", "author", True),
        ("team", "gender_violence", "reference", True),
        ("team", "gender_violence", "service", True),  # SIAD: its own category
        ("team", "gender_violence", "other_service", False),  # a service of another category
        ("named", "", "teammate", False),
        ("named", "", "named", True),
        ("specialised", "", "teammate", False),
        ("specialised", "", "service", True),
    ],
)
def test_confidential_and_sensitive_entries(
    social_worker, teammate, confidentiality, sensitivity, reader, expected
):
    author, named, reference = 1001, 1002, 1003
    user = teammate.user
    via = Via.SERVICE if reader.endswith("service") else Via.ABSS
    ids = {"author": author, "named": named, "reference": reference}
    if reader in ids:
        user.pk = ids[reader]
    if via == Via.SERVICE:  # the categories of the services the reader's team runs
        user._xarxa_categories = frozenset(
            {"gender_violence"} if reader == "service" else {"health"}
        )
    assert (
        may_read_entry(
            user,
            sensitivity=sensitivity,
            confidentiality=confidentiality,
            author_id=author,
            named_ids=frozenset({named}),
            reference_professional_id=reference,
            via=via,
        )
        is expected
    )
