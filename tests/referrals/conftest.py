"""A case of ABSS Vic and a service whose team (SIAD) receives referrals."""

import pytest

from tests.factories import PersonFactory
from xarxa.catalogue.models import Service
from xarxa.organisations.models import Organisation, Team
from xarxa.referrals import services
from xarxa.referrals.states import SharedData


@pytest.fixture
def person(db):
    return PersonFactory(given_names="Fatima", first_surname="Benali", second_surname="")


@pytest.fixture
def service(siad):
    return make_service()


def make_service() -> Service:
    """A catalogue service whose SIAD team receives the referrals."""
    return Service.objects.create(
        code="siad-test",
        organisation=Organisation.objects.get(code="coss"),
        kind="women",
        texts={"ca": {"name": "SIAD d'Osona", "description": "Atenció a dones."}},
        owner_team=Team.objects.get(name="SIAD Osona"),
        confidentiality="restricted",
    )


CONSENTED = {
    "reason": "Situació de violència al domicili.",
    "request": "Valoració i acompanyament psicològic.",
    "urgency": "priority",
    "shared": [SharedData.IDENTITY, SharedData.SUMMARY],
    "consent_given": True,
    "consent_by": "La persona",
    "consent_method": "verbal",
}


@pytest.fixture
def referral(social_worker, case, person, service):
    return services.referral_create(
        actor=social_worker.user, case=case, person=person, service=service, data=CONSENTED,
        send=True,
    )  # fmt: skip
