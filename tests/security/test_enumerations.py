"""Enumerated fields take only their listed values, in the API schemas and in the services
whatever the caller (issue 12, item 13), and two simultaneous answers through a partner's
link give one success and one clear refusal, never a 500."""

import os
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.urls import reverse

from tests.factories import PersonFactory
from tests.referrals.conftest import CONSENTED
from xarxa.core.errors import Conflict
from xarxa.people.models import Person
from xarxa.records.models import Intervention
from xarxa.referrals import services
from xarxa.referrals.models import Referral
from xarxa.referrals.states import State

JSON = "application/json"

#: Every enumerated field of every input schema, as the OpenAPI document must declare it.
ENUMERATED = {
    "PersonIn": ["sex"],
    "PersonPatch": ["sex"],
    "DocumentSchema": ["kind"],
    "ChannelSchema": ["kind"],
    "MembershipIn": ["relationship"],
    "ConsentIn": ["purpose", "method"],
    "InterventionIn": ["kind", "confidentiality", "sensitivity"],
    "GoalPatch": ["status"],
    "ActionPatch": ["status"],
    "AssessmentIn": ["context"],
    "TsoIn": ["risk"],
    "DependencyIn": ["grade"],
    "ParticipantIn": ["gender", "age_band", "situation", "origin"],
    "SelfAssessmentIn": ["moment"],
    "ActicIn": ["level"],
    "OutcomeIn": ["kind"],
    "PointPatch": ["kind"],
    "ActivityIn": ["axis", "kind"],
    "HelpIn": ["consent_method"],
    "ResourceIn": ["kind"],
    "DeviceIn": ["kind"],
    "IncidentIn": ["kind"],
}


def _enum_of(prop: dict) -> list | None:
    for option in [prop, *prop.get("anyOf", []), *prop.get("allOf", [])]:
        if "enum" in option:
            return option["enum"]
    return None


@pytest.mark.django_db
def test_every_enumerated_input_field_is_an_enum_in_the_openapi_document(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    missing = [
        f"{name}.{field}"
        for name, fields in ENUMERATED.items()
        for field in fields
        if _enum_of(schemas[name]["properties"][field]) is None
    ]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "invented",
    [
        {"sex": "alien"},
        {"documents": [{"kind": "library_card", "number": "123"}]},
        {"channels": [{"kind": "pigeon", "value": "roof", "may_contact": True}]},
    ],
)
def test_the_persons_api_refuses_an_invented_value(api_for, social_worker, invented):
    body = {"given_names": "Aïcha", "first_surname": "El Amrani", "confirm_new": True}
    sent = api_for(social_worker.user).post("/api/v1/persons", {**body, **invented}, JSON)
    assert sent.status_code == 422
    assert sent["Content-Type"] == "application/problem+json"
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_the_notes_api_refuses_an_invented_confidentiality(api_for, social_worker, case):
    sent = api_for(social_worker.user).post(
        f"/api/v1/cases/{case.public_id}/interventions",
        {"summary": "Entrevista.", "confidentiality": "whole_town"},
        JSON,
    )
    assert sent.status_code == 422
    assert not Intervention.objects.exists()


@pytest.mark.django_db
def test_no_caller_can_store_an_invented_value(social_worker):
    """The guard below the services: whatever writes the row, an invented value of an
    enumerated field or a text longer than its field never reaches the database."""
    person = PersonFactory()
    person.sex = "alien"
    with pytest.raises(ValidationError) as refused:
        person.save()
    assert "sex" in refused.value.message_dict
    person.sex = "F"
    person.given_names = "A" * 101
    with pytest.raises(ValidationError) as refused:
        person.save()
    assert "100" in str(refused.value.message_dict["given_names"])
    person.refresh_from_db()
    assert person.given_names != "A" * 101


# The partner's link -------------------------------------------------------------------------


def _partner_referral(actor, case, person):
    from xarxa.catalogue.models import Service
    from xarxa.organisations.models import Organisation

    partner = Service.objects.create(
        code="entitat-acollida", organisation=Organisation.objects.get(code="coss"),
        kind="community", texts={"ca": {"name": "Entitat d'acollida"}},
        email="acollida@example.org",
    )  # fmt: skip
    referral = services.referral_create(
        actor=actor, case=case, person=person, service=partner, data=CONSENTED, send=True
    )
    return referral, services.partner_link_token(referral)


@pytest.mark.django_db
def test_a_partner_cannot_refuse_with_an_invented_reason_and_the_figures_stay_readable(
    client, client_for, social_worker, coordinator, case, person
):
    referral, token = _partner_referral(social_worker.user, case, person)
    with pytest.raises(ValidationError):
        services.partner_answer(
            token=token, accept=False, refusal_reason="i_do_not_like_it", alternative="Cap"
        )
    referral.refresh_from_db()
    assert referral.state == State.SENT and referral.refusal_reason == ""
    page = client.post(
        reverse("referrals:partner_answer", args=[token]),
        {"answer": "refuse", "refusal_reason": "i_do_not_like_it", "alternative": "Cap"},
    )
    assert page.status_code == 200
    referral.refresh_from_db()
    assert referral.state == State.SENT
    assert client_for(coordinator.user).get(reverse("referrals:dashboard")).status_code == 200


@pytest.mark.django_db
def test_a_second_answer_through_the_same_link_is_refused_clearly(
    client, social_worker, case, person
):
    referral, token = _partner_referral(social_worker.user, case, person)
    services.partner_answer(token=token, accept=True)
    with pytest.raises(Conflict):
        services.partner_answer(token=token, accept=False, refusal_reason="no_capacity",
                                alternative="Una altra entitat")  # fmt: skip
    page = client.post(
        reverse("referrals:partner_answer", args=[token]),
        {"answer": "refuse", "refusal_reason": "no_capacity", "alternative": "Una altra"},
    )
    assert page.status_code in (409, 410)
    referral.refresh_from_db()
    assert referral.state == State.ACCEPTED
    assert referral.transitions.filter(to_state=State.ACCEPTED).count() == 1
    assert not referral.transitions.filter(to_state=State.REFUSED).exists()


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL"),
    reason="SQLite serialises writers; the race needs PostgreSQL's row locks",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_answers_give_one_success_and_one_refusal(social_worker, case, person):
    referral, token = _partner_referral(social_worker.user, case, person)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def answer(accept: bool) -> None:
        try:
            start.wait()
            services.partner_answer(
                token=token, accept=accept, refusal_reason="no_capacity",
                alternative="Una altra entitat",
            )  # fmt: skip
            outcomes.append("done")
        except Conflict:
            outcomes.append("conflict")
        except Exception as error:  # pragma: no cover - what the test is looking for
            outcomes.append(f"error: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(flag,)) for flag in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "done"]
    referral = Referral.objects.get(pk=referral.pk)
    assert referral.state in (State.ACCEPTED, State.REFUSED)
    answers = referral.transitions.filter(to_state__in=[State.ACCEPTED, State.REFUSED])
    assert answers.count() == 1
    assert referral.transitions.filter(to_state=State.RECEIVED).count() == 1
