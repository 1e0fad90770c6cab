"""A social worker refers a person to the Punt Òmnia; the facilitator registers them as a
participant linked to their social record, with their consent, through the referral."""

import pytest
from django.urls import reverse

from xarxa.catalogue.models import Service
from xarxa.community.models import Participant
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.referrals import services as referral_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def omnia_referral(social_worker, case, person, point):
    service = Service.objects.create(
        code="punt-omnia-prova",
        organisation=point.team.organisation,
        kind="digital",
        texts={"ca": {"name": "Punt Òmnia de prova", "description": "Aprenentatge digital."}},
        owner_team=point.team,
    )
    return referral_services.referral_create(
        actor=social_worker.user,
        case=case,
        person=person,
        service=service,
        data={
            "reason": "Vol aprendre a fer tràmits en línia.",
            "request": "Curs de tràmits.",
            "urgency": "ordinary",
            "shared": ["identity"],
            "consent_given": True,
            "consent_by": "La persona",
            "consent_method": "verbal",
        },
        send=True,
    )


def test_facilitator_registers_a_referred_person(
    client_for, facilitator, point, omnia_referral, person
):
    client = client_for(facilitator.user)
    url = reverse("community:participants", args=[point.public_id])
    page = client.get(url).content.decode()
    assert person.given_names in page
    profile = {"ref-gender": "woman", "ref-age_band": "45_64", "ref-situation": "unemployed",
               "ref-origin": "non_eu", "ref-referral": str(omnia_referral.public_id)}  # fmt: skip
    refused = client.post(url, profile)  # no consent
    assert refused.status_code == 400 and not Participant.objects.exists()
    response = client.post(url, {**profile, "ref-consent": "on"})
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert participant.person_id == person.pk and participant.registered
    assert participant.first_name == person.given_names
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="community.participant", person_id=str(person.pk)
    ).exists()
    # once linked, the referral is no longer offered
    assert str(omnia_referral.public_id) not in client.get(url).content.decode()


def test_another_point_cannot_use_the_referral(
    client_for, other_facilitator, other_point, omnia_referral
):
    client = client_for(other_facilitator.user)
    response = client.post(
        reverse("community:participants", args=[other_point.public_id]),
        {
            "ref-gender": "woman",
            "ref-age_band": "45_64",
            "ref-situation": "unemployed",
            "ref-origin": "non_eu",
            "ref-referral": str(omnia_referral.public_id),
            "ref-consent": "on",
        },
    )
    assert response.status_code == 400  # not among the referrals offered to this point
    assert not Participant.objects.exists()
