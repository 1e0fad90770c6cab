"""Issue 12, item 2: specialised access has a lifecycle. Accepting a referral opens the
receiving team's access to the case (its source is the referral); any final state ends
it; an ended access ends everything (case, person card, households), even when another
team still has an open access to the same case."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import _persona
from tests.factories import PersonFactory
from tests.referrals.conftest import CONSENTED, make_service
from xarxa.organisations.models import TeamKind
from xarxa.people.models import Household, HouseholdMembership
from xarxa.records.models import CaseAccess
from xarxa.referrals import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return PersonFactory(given_names="Fatima", first_surname="Benali", second_surname="")


@pytest.fixture
def household(person):
    home = Household.objects.create(address="Carrer Nou 3", municipality=person.municipality)
    HouseholdMembership.objects.create(household=home, person=person, relationship="reference")
    return home


@pytest.fixture
def referral(social_worker, siad, case, person):
    return services.referral_create(
        actor=social_worker.user, case=case, person=person, service=make_service(),
        data=CONSENTED, send=True,
    )  # fmt: skip


@pytest.fixture
def sai(db):
    """Another specialised team (LGBTI service), with its own access to cases."""
    return _persona(
        "sai", "specialised_professional", "coss", "SAI Osona", TeamKind.SPECIALISED_SERVICE
    )


def _reads(client, api, case, person, household) -> dict[str, int]:
    """What the receiving team gets: page and API, case, person card and households."""
    return {
        "case page": client.get(reverse("records:case_detail", args=[case.public_id])).status_code,
        "case api": api.get(f"/api/v1/cases/{case.public_id}").status_code,
        "card page": client.get(reverse("people:detail", args=[person.public_id])).status_code,
        "card api": api.get(f"/api/v1/persons/{person.public_id}").status_code,
        "household page": client.get(
            reverse("people:household", args=[household.public_id])
        ).status_code,
        "household api": api.get(f"/api/v1/persons/households/{household.public_id}").status_code,
        "households api": api.get(f"/api/v1/persons/{person.public_id}/households").status_code,
    }


def _move(api, referral, to, **extra):
    referral.refresh_from_db()
    response = api.post(
        f"/api/v1/referrals/{referral.public_id}/move",
        {"to": to, "version": referral.version, **extra},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response


def test_accepting_opens_the_teams_access_and_closing_ends_it(
    client_for, api_for, referral, siad, case, person, household
):
    client, api = client_for(siad.user), api_for(siad.user)
    assert set(_reads(client, api, case, person, household).values()) == {404}  # only sent
    _move(api, referral, "received")
    assert set(_reads(client, api, case, person, household).values()) == {404}
    # Accepting from the page opens the access: the source is the referral.
    page = client.post(
        reverse("referrals:move", args=[referral.public_id]),
        {"to": "accepted", "version": referral.version + 1},
    )
    assert page.status_code == 302
    access = CaseAccess.objects.get(case=case)
    assert access.team_id == referral.receiving_team_id
    assert access.source == f"referrals.referral:{referral.pk}"
    assert access.valid_from == timezone.localdate() and access.valid_until is None
    assert set(_reads(client, api, case, person, household).values()) == {200}
    _move(api, referral, "in_progress")
    assert set(_reads(client, api, case, person, household).values()) == {200}
    _move(api, referral, "closed", outcome="goals_met", reason="Objectius assolits.")
    access.refresh_from_db()
    assert access.valid_until is not None and access.valid_until < timezone.localdate()
    assert set(_reads(client, api, case, person, household).values()) == {404}


def test_the_sender_cancelling_ends_the_access(
    client_for, api_for, referral, siad, social_worker, case, person, household
):
    receiver = api_for(siad.user)
    _move(receiver, referral, "received")
    _move(receiver, referral, "accepted")
    assert set(_reads(client_for(siad.user), receiver, case, person, household).values()) == {200}
    _move(api_for(social_worker.user), referral, "cancelled", reason="La persona s'ha mudat.")
    assert set(_reads(client_for(siad.user), receiver, case, person, household).values()) == {404}
    assert not CaseAccess.objects.valid_on(timezone.localdate()).exists()


def test_refused_or_expired_referrals_never_open_an_access(api_for, referral, siad):
    receiver = api_for(siad.user)
    _move(receiver, referral, "received")
    _move(receiver, referral, "refused", refusal_reason="no_capacity", alternative="SIAD Vic")
    assert not CaseAccess.objects.exists()


def test_another_teams_open_access_opens_nothing_for_a_team_whose_access_ended(
    client_for, api_for, siad, sai, case, person, household
):
    """The ended access of one team and the open access of another, on the same case:
    the first team is refused everywhere (one access row must satisfy every condition)."""
    today = timezone.localdate()
    siad_team = siad.user.assignments.get().team
    sai_team = sai.user.assignments.get().team
    CaseAccess.objects.create(
        case=case, team=siad_team, reason="referral", valid_from=today - timedelta(days=30),
        valid_until=today - timedelta(days=1),
    )  # fmt: skip
    CaseAccess.objects.create(case=case, team=sai_team, reason="referral", valid_from=today)
    reads = _reads(client_for(siad.user), api_for(siad.user), case, person, household)
    assert set(reads.values()) == {404}, reads
    reads = _reads(client_for(sai.user), api_for(sai.user), case, person, household)
    assert set(reads.values()) == {200}, reads


def test_an_access_that_has_not_started_opens_nothing(
    client_for, api_for, siad, case, person, household
):
    tomorrow = timezone.localdate() + timedelta(days=1)
    team = siad.user.assignments.get().team
    CaseAccess.objects.create(case=case, team=team, reason="referral", valid_from=tomorrow)
    reads = _reads(client_for(siad.user), api_for(siad.user), case, person, household)
    assert set(reads.values()) == {404}, reads
