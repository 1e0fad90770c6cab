"""Issue 12, item 4: what the sender shares is what the receiver sees. One function
builds the shared view of a referral from its ``shared`` choices; the page, the API
(detail, inbox with ``all=true``, lists) and the FHIR export use it; finished referrals
show nothing shared to the receiver, in every list."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory
from tests.referrals.conftest import CONSENTED, make_service
from xarxa.referrals import services
from xarxa.referrals.states import SharedData

pytestmark = pytest.mark.django_db

NAME = "Fatima Benali"
REASON = CONSENTED["reason"]
REQUEST = CONSENTED["request"]


@pytest.fixture
def person(db):
    return PersonFactory(given_names="Fatima", first_surname="Benali", second_surname="")


def _refer(social_worker, case, person, shared):
    return services.referral_create(
        actor=social_worker.user, case=case, person=person, service=make_service(),
        data={**CONSENTED, "shared": shared}, send=True,
    )  # fmt: skip


def _receiver_sees(client, api, referral) -> dict[str, str]:
    """Everything the receiving team reads about one referral, page and API."""
    detail_api = api.get(f"/api/v1/referrals/{referral.public_id}").json()
    inbox = api.get("/api/v1/referrals/inbox", {"all": "true"}).json()
    (row,) = [r for r in inbox if r["public_id"] == str(referral.public_id)]
    return {
        "page": client.get(reverse("referrals:detail", args=[referral.public_id])).content.decode(),
        "api detail": str(detail_api),
        "api inbox": str(row),
        "inbox page": client.get(reverse("referrals:inbox"), {"all": "1"}).content.decode(),
    }


def test_without_identity_the_receiver_never_sees_the_name(
    client_for, api_for, social_worker, siad, case, person
):
    referral = _refer(social_worker, case, person, [SharedData.SUMMARY])
    seen = _receiver_sees(client_for(siad.user), api_for(siad.user), referral)
    for where, text in seen.items():
        assert NAME not in text, where
    assert REASON in seen["page"] and REASON in seen["api detail"] and REASON in seen["api inbox"]
    fhir = api_for(siad.user).get(f"/api/v1/referrals/{referral.public_id}/fhir").json()
    assert NAME not in str(fhir) and REASON in str(fhir)
    from xarxa.referrals.shared import shared_view

    assert shared_view(referral, siad.user).person is None


def test_without_the_summary_the_receiver_never_sees_why(
    client_for, api_for, social_worker, siad, case, person
):
    referral = _refer(social_worker, case, person, [SharedData.IDENTITY])
    seen = _receiver_sees(client_for(siad.user), api_for(siad.user), referral)
    for where, text in seen.items():
        assert REASON not in text, where
    assert NAME in seen["page"] and NAME in seen["api detail"] and NAME in seen["api inbox"]
    assert REQUEST in seen["page"] and REQUEST in seen["api detail"]
    fhir = api_for(siad.user).get(f"/api/v1/referrals/{referral.public_id}/fhir").json()
    assert REASON not in str(fhir) and "Benali" in str(fhir)


def test_the_sender_reads_the_referral_whole(api_for, social_worker, siad, case, person):
    referral = _refer(social_worker, case, person, [SharedData.IDENTITY])
    sender = api_for(social_worker.user)
    detail = sender.get(f"/api/v1/referrals/{referral.public_id}").json()
    assert detail["person"] == NAME and detail["reason"] == REASON
    (row,) = sender.get("/api/v1/referrals/sent").json()
    assert row["person"] == NAME and row["reason"] == REASON


def test_a_finished_referral_shows_nothing_shared_in_any_list(
    client_for, api_for, social_worker, siad, case, person
):
    referral = _refer(social_worker, case, person, [SharedData.IDENTITY, SharedData.SUMMARY])
    receiver = api_for(siad.user)
    services.referral_move(actor=siad.user, referral=referral, to="received")
    services.referral_move(
        actor=siad.user, referral=referral, to="refused", refusal_reason="no_capacity",
        alternative="SIAD del Vallès",
    )  # fmt: skip
    seen = _receiver_sees(client_for(siad.user), receiver, referral)
    for where, text in seen.items():
        for secret in (NAME, REASON, REQUEST):
            assert secret not in text, (where, secret)
    (row,) = receiver.get("/api/v1/referrals/inbox", {"all": "true"}).json()
    assert row["person"] is row["reason"] is row["request"] is row["goals"] is None
    assert receiver.get(f"/api/v1/referrals/{referral.public_id}/fhir").status_code == 403
    from xarxa.referrals.shared import shared_view

    view = shared_view(referral, siad.user)
    assert not view.shown and view.person is None and view.reason is None


@pytest.mark.parametrize("shared", [[SharedData.IDENTITY], [SharedData.IDENTITY, "contact"]])
def test_contact_channels_reach_the_receiver_only_when_shared(
    client_for, api_for, social_worker, siad, case, person, shared
):
    from xarxa.people.models import ContactChannel

    ContactChannel.objects.create(
        person=person, kind="mobile", value="612 345 678", may_contact=True,
        search_value="612345678",
    )  # fmt: skip
    ContactChannel.objects.create(
        person=person, kind="email", value="no.contactar@example.org", may_contact=False,
        search_value="no.contactar@example.org",
    )  # fmt: skip
    referral = _refer(social_worker, case, person, shared)
    page = client_for(siad.user).get(reverse("referrals:detail", args=[referral.public_id]))
    detail = api_for(siad.user).get(f"/api/v1/referrals/{referral.public_id}").json()
    text = page.content.decode()
    assert "no.contactar@example.org" not in text + str(detail)  # never agreed to
    if "contact" in shared:
        assert "612 345 678" in text and len(detail["contact"]) == 1
        assert "612 345 678" in detail["contact"][0]
    else:
        assert "612 345 678" not in text and detail["contact"] is None
