"""Administering the catalogue: an organisation's coordinators (and the system
administrator) create, edit every field of and retire its services, in the page and the
API alike; everyone else is refused and nothing changes. The people waiting are counted
from the waiting list, and hidden as a small cell outside the service's own team."""

import pytest
from django.urls import reverse

from tests.conftest import _persona
from tests.referrals.conftest import CONSENTED
from xarxa.catalogue.models import Service
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.organisations.models import Organisation, Team, TeamKind
from xarxa.referrals import services as referrals
from xarxa.referrals.models import Referral
from xarxa.referrals.policies import may_know_where

pytestmark = pytest.mark.django_db

VIC = "ajuntament-vic"


@pytest.fixture
def vic_team(coordinator):
    return Team.objects.get(organisation__code=VIC, name="SSB Vic")


@pytest.fixture
def own_service(vic_team):
    """A service of the coordinator's organisation, received by the Vic team."""
    return Service.objects.create(
        code="menjador-vic",
        organisation=Organisation.objects.get(code=VIC),
        kind="benefits",
        texts={"ca": {"name": "Menjador social de Vic", "description": "Àpats."}},
        owner_team=vic_team,
        capacity=30,
    )


@pytest.fixture
def other_coordinator(db):
    return _persona(
        "coord.manlleu",
        "team_coordinator",
        "ajuntament-manlleu",
        "Coordinació Manlleu",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-MAN",
    )


def page_form(service, **changes):
    form = {
        "status": service.status, "description_ca": service.text("description", "ca"),
        "description_es": "", "description_en": "", "capacity": service.capacity or "",
        "answer_within": service.answer_within,
        "first_appointment_within": service.first_appointment_within or "",
        "phone": "", "email": "", "url": "", "version": service.version,
        "name_ca": service.text("name", "ca"), "name_es": "", "name_en": "",
        "kind": service.kind, "owner_team": service.owner_team_id or "",
        "confidentiality": service.confidentiality,
        "special_category": service.special_category, "languages": "ca, es",
    }  # fmt: skip
    return {**form, **changes}


def test_coordinator_creates_edits_and_retires_a_service_in_the_page(
    client_for, coordinator, vic_team
):
    client = client_for(coordinator.user)
    assert b"catalogue/new/" in client.get(reverse("catalogue:service_list")).content
    vic = Organisation.objects.get(code=VIC)
    created = client.post(
        reverse("catalogue:service_create"),
        {
            "code": "acollida-vic",
            "organisation": vic.pk,
            "name_ca": "Acollida de Vic",
            "description_ca": "Primera acollida.",
            "kind": "basic",
            "status": "active",
            "owner_team": vic_team.pk,
            "confidentiality": "ordinary",
            "answer_within": "5",
            "first_appointment_within": "14",
            "languages": "ca, es, ar",
            "url": "https://vic.cat/acollida",
        },
    )
    assert created.status_code == 302, created.context["form"].errors
    service = Service.objects.get(code="acollida-vic")
    assert (service.answer_within, service.first_appointment_within) == (5, 14)
    assert service.owner_team == vic_team and service.languages == ["ca", "es", "ar"]
    assert AuditEvent.objects.filter(
        actor=coordinator.user, action=AuditAction.CREATE, object_id=str(service.pk)
    ).exists()
    edit = reverse("catalogue:service_edit", args=[service.public_id])
    changed = client.post(
        edit,
        page_form(
            service,
            confidentiality="restricted",
            special_category="gender_violence",
            answer_within="3",
            first_appointment_within="7",
        ),
    )
    assert changed.status_code == 302, changed.context["form"].errors
    service.refresh_from_db()
    assert (service.confidentiality, service.special_category) == (
        "restricted",
        "gender_violence",
    )
    assert (service.answer_within, service.first_appointment_within) == (3, 7)
    update = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(service.pk))
    assert update.last().details["before"]["answer_within"] == 5
    retire = client.post(
        reverse("catalogue:service_retire", args=[service.public_id]),
        {"version": service.version},
    )
    assert retire.status_code == 302
    service.refresh_from_db()
    assert service.status == "defunct"  # kept, with its history


def test_coordinator_creates_edits_and_retires_a_service_in_the_api(api_for, coordinator, vic_team):
    api = api_for(coordinator.user)
    body = {
        "code": "acollida-vic", "organisation": VIC, "kind": "basic",
        "texts": {"ca": {"name": "Acollida de Vic", "description": "Primera acollida."}},
        "receiving_team": vic_team.pk, "answer_within": 5, "areas": ["08298"],
        "url": "https://vic.cat/acollida",
    }  # fmt: skip
    created = api.post("/api/v1/catalogue", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    again = api.post("/api/v1/catalogue", body, content_type="application/json")
    assert again.status_code == 422 and "code" in str(again.json())  # never a 500
    one = created.json()
    assert one["receiving_team"] == vic_team.pk and one["answer_within"] == 5
    url = f"/api/v1/catalogue/{one['public_id']}"
    patch = {
        "version": one["version"], "confidentiality": "restricted",
        "special_category": "health", "first_appointment_within": 10,
    }  # fmt: skip
    changed = api.patch(url, patch, content_type="application/json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["special_category"] == "health"
    retired = api.post(
        f"{url}/retire", {"version": changed.json()["version"]}, content_type="application/json"
    )
    assert retired.status_code == 200 and retired.json()["status"] == "defunct"


def test_social_worker_and_another_organisations_coordinator_are_refused(
    client_for, api_for, social_worker, other_coordinator, own_service
):
    before = Service.objects.filter(pk=own_service.pk).values().get()
    for persona in (social_worker, other_coordinator):
        page, api = client_for(persona.user), api_for(persona.user)
        vic = Organisation.objects.get(code=VIC)
        create = {"code": "nou", "organisation": vic.pk, "name_ca": "Nou"}
        assert page.post(reverse("catalogue:service_create"), create).status_code in (200, 403)
        body = {"code": "nou", "organisation": VIC, "kind": "basic"}
        assert (
            api.post("/api/v1/catalogue", body, content_type="application/json").status_code == 403
        )
        retire = reverse("catalogue:service_retire", args=[own_service.public_id])
        page.post(retire, {"version": own_service.version})
        url = f"/api/v1/catalogue/{own_service.public_id}"
        refused = api.post(
            f"{url}/retire", {"version": own_service.version}, content_type="application/json"
        )
        assert refused.status_code == 403
        patch = {"version": own_service.version, "confidentiality": "restricted"}
        assert api.patch(url, patch, content_type="application/json").status_code == 403
    # The social worker's team receives the service: it keeps the routine fields, but may
    # neither retire it nor change its restricted flag.
    other = client_for(other_coordinator.user)
    edit = reverse("catalogue:service_edit", args=[own_service.public_id])
    assert other.get(edit).status_code == 403
    assert not Service.objects.filter(code="nou").exists()
    assert Service.objects.filter(pk=own_service.pk).values().get() == before
    assert AuditEvent.objects.filter(
        actor=other_coordinator.user, action=AuditAction.DENIED
    ).exists()


@pytest.mark.parametrize(
    "wrong",
    [
        {"answer_within": 0},
        {"first_appointment_within": 0},
        {"url": "javascript:alert(1)"},
        {"special_category": "health", "confidentiality": "ordinary"},
        {"guaranteed": None, "phone": None, "kind": None},
    ],
)
def test_bad_input_is_a_422_problem_and_a_form_error(
    client_for, api_for, coordinator, own_service, wrong
):
    api = api_for(coordinator.user)
    url = f"/api/v1/catalogue/{own_service.public_id}"
    body = {"version": own_service.version, **wrong}
    refused = api.patch(url, body, content_type="application/json")
    assert refused.status_code == 422, refused.content
    assert refused["Content-Type"] == "application/problem+json"
    page = client_for(coordinator.user)
    form = page_form(own_service, **{k: str(v) for k, v in wrong.items()})
    shown = page.post(reverse("catalogue:service_edit", args=[own_service.public_id]), form)
    assert shown.status_code == 200 and shown.context["form"].errors
    own_service.refresh_from_db()
    assert own_service.version == 1 and own_service.answer_within == 10


def test_a_stale_edit_is_refused(client_for, api_for, coordinator, own_service):
    page = client_for(coordinator.user)
    edit = reverse("catalogue:service_edit", args=[own_service.public_id])
    assert page.post(edit, page_form(own_service, answer_within="4")).status_code == 302
    stale = page.post(edit, page_form(own_service, answer_within="6"))  # version 1 again
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    api = api_for(coordinator.user)
    url = f"/api/v1/catalogue/{own_service.public_id}"
    refused = api.patch(url, {"version": 1, "answer_within": 8}, content_type="application/json")
    assert refused.status_code == 409
    assert Service.objects.get(pk=own_service.pk).answer_within == 4


def test_a_retired_service_is_not_offered_but_old_referrals_still_show_it(
    client_for, api_for, coordinator, social_worker, case, person, own_service
):
    referral = referrals.referral_create(
        actor=social_worker.user, case=case, person=person, service=own_service,
        data=CONSENTED, send=True,
    )  # fmt: skip
    api_for(coordinator.user).post(
        f"/api/v1/catalogue/{own_service.public_id}/retire",
        {"version": own_service.version},
        content_type="application/json",
    )
    assert Service.objects.get(pk=own_service.pk).status == "defunct"
    page = client_for(social_worker.user)
    refer = page.get(reverse("referrals:new", args=[case.public_id]))
    offered = dict(refer.context["form"].fields["service"].choices)
    assert own_service.pk not in offered
    sent = page.post(
        reverse("referrals:new", args=[case.public_id]),
        {"service": own_service.pk, "person": person.pk},
    )
    assert sent.status_code == 200  # refused: not a choice
    assert own_service.referrals.count() == 1
    found = api_for(social_worker.user).get("/api/v1/catalogue").json()
    assert own_service.code not in {s["code"] for s in found}
    shown = page.get(reverse("referrals:detail", args=[referral.public_id]))
    assert "Menjador social de Vic" in shown.content.decode()


def test_people_waiting_come_from_the_waiting_list_and_are_a_small_cell_outside(
    client_for, api_for, coordinator, social_worker, other_abss_worker, case, person, own_service
):
    for _ in range(3):
        referral = referrals.referral_create(
            actor=social_worker.user, case=case, person=person, service=own_service,
            data=CONSENTED, send=True,
        )  # fmt: skip
        for to in ("received", "accepted"):
            referrals.referral_move(actor=social_worker.user, referral=referral, to=to)
    url = f"/api/v1/catalogue/{own_service.public_id}"
    team = api_for(social_worker.user).get(url).json()  # the receiving team: Vic
    assert (team["waiting"], team["waiting_hidden"]) == (3, False)
    outside = api_for(other_abss_worker.user).get(url).json()
    assert (outside["waiting"], outside["waiting_hidden"]) == (None, True)
    page = client_for(other_abss_worker.user)
    detail = page.get(
        reverse("catalogue:service_detail", args=[own_service.public_id]),
        headers={"accept-language": "en"},
    )
    assert "fewer than 5" in detail.content.decode()
    for _ in range(2):
        referral = referrals.referral_create(
            actor=social_worker.user, case=case, person=person, service=own_service,
            data=CONSENTED, send=True,
        )  # fmt: skip
        for to in ("received", "accepted"):
            referrals.referral_move(actor=social_worker.user, referral=referral, to=to)
    outside = api_for(other_abss_worker.user).get(url).json()
    assert outside["waiting"] == 5  # the waiting list's length, never typed


def test_the_restricted_flag_set_by_an_administrator_takes_effect(
    api_for, coordinator, social_worker, teammate, siad, case, person
):
    """Made restricted, a referral to the service is named on the sending side only to the
    sender and the case's reference professional (referrals.policies.may_know_where)."""
    service = Service.objects.create(
        code="acompanyament-vic",
        organisation=Organisation.objects.get(code=VIC),
        kind="women",
        texts={"ca": {"name": "Acompanyament de Vic", "description": "Suport."}},
        owner_team=Team.objects.get(name="SIAD Osona"),
    )
    referral = referrals.referral_create(
        actor=social_worker.user, case=case, person=person, service=service,
        data=CONSENTED, send=True,
    )  # fmt: skip
    assert may_know_where(teammate.user, referral)
    patch = {
        "version": service.version, "confidentiality": "restricted",
        "special_category": "gender_violence",
    }  # fmt: skip
    changed = api_for(coordinator.user).patch(
        f"/api/v1/catalogue/{service.public_id}", patch, content_type="application/json"
    )
    assert changed.status_code == 200, changed.json()
    referral = Referral.objects.select_related("service", "case").get(pk=referral.pk)
    assert not may_know_where(teammate.user, referral)
    assert may_know_where(social_worker.user, referral) and may_know_where(siad.user, referral)
