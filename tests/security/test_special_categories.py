"""Issue 12, item 3: special categories belong to the service that may read them. Each
specialised team reads the categories of the services it runs (SIAD: gender violence;
SAI: sexual orientation and gender identity...); "specialised" confidentiality means the
authoring service only; a referral to a restricted service shows colleagues of the
sending area that it exists, not to whom or why (referral page and API, sent list,
timeline)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import _persona
from tests.factories import PersonFactory
from tests.referrals.conftest import CONSENTED, make_service
from xarxa.catalogue.models import Service
from xarxa.organisations.models import Organisation, Team, TeamKind
from xarxa.records import services as records
from xarxa.records.models import CaseAccess
from xarxa.referrals import services

pytestmark = pytest.mark.django_db

GV_NOTE = "Relata agressions del company al domicili."
HEALTH_NOTE = "Tractament psiquiàtric en curs al CSMA."
SIAD_NOTE = "Pla de seguretat acordat amb la dona."


@pytest.fixture
def person(db):
    return PersonFactory(given_names="Fatima", first_surname="Benali", second_surname="")


@pytest.fixture
def siad_service(siad):
    service = make_service()  # restricted, run by the SIAD team
    Service.objects.filter(pk=service.pk).update(special_category="gender_violence")
    service.refresh_from_db()
    return service


@pytest.fixture
def sai(db):
    """The LGBTI service (SAI): reads sexual orientation and gender identity only."""
    persona = _persona(
        "sai", "specialised_professional", "coss", "SAI Osona", TeamKind.SPECIALISED_SERVICE
    )
    Service.objects.create(
        code="sai-test", organisation=Organisation.objects.get(code="coss"), kind="lgbti",
        texts={"ca": {"name": "SAI d'Osona"}}, owner_team=Team.objects.get(name="SAI Osona"),
        confidentiality="restricted", special_category="sexual_orientation",
    )  # fmt: skip
    return persona


@pytest.fixture
def siad_colleague(siad):
    from tests.factories import AssignmentFactory, UserFactory

    user = UserFactory(username="siad.2")
    AssignmentFactory(user=user, team=Team.objects.get(name="SIAD Osona"),
                      role="specialised_professional")  # fmt: skip
    return user


def _open_access(case, *personas):
    for persona in personas:
        team = persona.user.assignments.get().team
        CaseAccess.objects.create(
            case=case, team=team, reason="referral",
            valid_from=timezone.localdate() - timedelta(days=1),
        )  # fmt: skip


def _note(actor, case, summary, **extra):
    return records.intervention_add(
        actor=actor, case=case, kind="interview", summary=summary,
        occurred_on=timezone.localdate(), **extra,
    )  # fmt: skip


def _reads(client, api, case, person) -> str:
    """The case page, the interventions API, the timeline page and API, as one text."""
    return " ".join(
        (
            client.get(reverse("records:case_detail", args=[case.public_id])).content.decode(),
            api.get(f"/api/v1/cases/{case.public_id}/interventions").content.decode(),
            client.get(reverse("records:timeline", args=[person.public_id])).content.decode(),
            api.get(f"/api/v1/cases/persons/{person.public_id}/timeline").content.decode(),
        )
    )


def test_each_specialised_team_reads_only_its_own_categories(
    client_for, api_for, social_worker, siad, siad_service, sai, case, person
):
    _open_access(case, siad, sai)
    _note(social_worker.user, case, GV_NOTE, sensitivity="gender_violence")
    _note(social_worker.user, case, HEALTH_NOTE, sensitivity="health")
    seen = _reads(client_for(siad.user), api_for(siad.user), case, person)
    assert GV_NOTE in seen and HEALTH_NOTE not in seen
    seen = _reads(client_for(sai.user), api_for(sai.user), case, person)
    assert GV_NOTE not in seen and HEALTH_NOTE not in seen
    seen = _reads(client_for(social_worker.user), api_for(social_worker.user), case, person)
    assert GV_NOTE in seen and HEALTH_NOTE in seen  # the author and reference professional


def test_specialised_confidentiality_is_the_authoring_service_only(
    client_for, api_for, social_worker, siad, siad_colleague, siad_service, sai, case, person
):
    _open_access(case, siad, sai)
    note = _note(siad.user, case, SIAD_NOTE, confidentiality="specialised")
    assert note.team == siad.user.assignments.get().team  # recorded when written
    colleague = _reads(client_for(siad_colleague), api_for(siad_colleague), case, person)
    assert SIAD_NOTE in colleague
    for outsider in (sai.user, social_worker.user):
        assert SIAD_NOTE not in _reads(client_for(outsider), api_for(outsider), case, person)


def test_a_restricted_referral_shows_colleagues_only_that_it_exists(
    client_for, api_for, social_worker, teammate, siad_service, case, person
):
    referral = services.referral_create(
        actor=social_worker.user, case=case, person=person, service=siad_service,
        data=CONSENTED, send=True,
    )  # fmt: skip
    secrets = ("SIAD", CONSENTED["reason"], CONSENTED["request"])
    client, api = client_for(teammate.user), api_for(teammate.user)
    seen = {
        "page": client.get(reverse("referrals:detail", args=[referral.public_id])),
        "api": api.get(f"/api/v1/referrals/{referral.public_id}"),
        "sent page": client.get(reverse("referrals:outbox")),
        "sent api": api.get("/api/v1/referrals/sent"),
        "timeline page": client.get(reverse("records:timeline", args=[person.public_id])),
        "timeline api": api.get(f"/api/v1/cases/persons/{person.public_id}/timeline"),
        "fhir": api.get(f"/api/v1/referrals/{referral.public_id}/fhir"),
    }
    for where, response in seen.items():
        text = response.content.decode()
        if where != "fhir":
            assert response.status_code == 200, where
        for secret in secrets:
            assert secret not in text, (where, secret)
    assert str(referral.public_id) in seen["sent api"].content.decode()  # that it exists
    assert seen["fhir"].status_code == 403
    # The sender reads it whole, everywhere.
    sender = client_for(social_worker.user)
    for url in (
        reverse("referrals:detail", args=[referral.public_id]),
        reverse("referrals:outbox"),
        reverse("records:timeline", args=[person.public_id]),
    ):
        assert "SIAD" in sender.get(url).content.decode(), url


def test_gender_identity_is_read_by_the_lgbti_service_working_the_case(sai, case, person):
    from xarxa.people.policies import may_see_gender_identity, person_access

    _open_access(case, sai)
    access = person_access(sai.user, person)
    assert may_see_gender_identity(sai.user, person, access)


def test_the_special_category_travels_with_the_catalogue_entry(siad_service):
    """Exported as an HSDS attribute and read back: an import keeps who reads what."""
    from xarxa.catalogue.hsds import parse_service, schema_errors, service_to_hsds
    from xarxa.territory.models import Municipality

    item = service_to_hsds(siad_service)
    assert not schema_errors(item)
    terms = {a["taxonomy_term"]["taxonomy"]: a["value"] for a in item["attributes"]}
    assert terms["xarxa-special-category"] == "gender_violence"
    towns = Municipality.objects.all()
    parsed = parse_service(
        item,
        municipalities_by_ine={m.ine_code: m for m in towns},
        municipalities_by_name={m.name.casefold(): m for m in towns},
    )
    assert parsed.values["special_category"] == "gender_violence"
