"""The persons API: same validation, same access rules, problem documents."""

import pytest

from tests.factories import PASSWORD, PersonFactory
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.people.models import Consent, Person

pytestmark = pytest.mark.django_db
JSON = "application/json"


def new_person(**extra):
    data = {
        "given_names": "Aïcha",
        "first_surname": "El Amrani",
        "birth_date": "1990-05-04",
        "sex": "F",
        "municipality": "08298",
        "documents": [{"kind": "nie", "number": "X1234567L"}],
        "channels": [{"kind": "mobile", "value": "612 34 56 78", "may_contact": True}],
    }
    data.update(extra)
    return data


def test_search_and_read(api_for, social_worker, other_abss_worker):
    person = PersonFactory()
    api = api_for(social_worker.user)
    found = api.get("/api/v1/persons", {"q": "vilaro montse"}).json()
    assert found == [
        {
            "public_id": str(person.public_id),
            "name": "Montserrat Vilaró Puig",
            "age": None,
            "municipality": "Vic",
            "abss": "ABSS-VIC",
        }
    ]
    body = api.get(f"/api/v1/persons/{person.public_id}").json()
    assert body["version"] == 1 and body["abss"] == "ABSS-VIC"
    other = api_for(other_abss_worker.user)
    assert other.get("/api/v1/persons", {"q": "vilaro"}).json() == []
    refused = other.get(f"/api/v1/persons/{person.public_id}")
    assert refused.status_code == 404  # out of reach answers as an unknown id
    assert refused["Content-Type"] == "application/problem+json"
    assert "Vilar" not in refused.content.decode()
    assert AuditEvent.objects.filter(
        actor=other_abss_worker.user, action=AuditAction.DENIED, person_id=str(person.pk)
    ).exists()
    assert api.get("/api/v1/persons/00000000-0000-0000-0000-000000000000").status_code == 404


def test_create_validates_like_the_form(api_for, social_worker):
    api = api_for(social_worker.user)
    bad = api.post(
        "/api/v1/persons",
        new_person(documents=[{"kind": "nie", "number": "X1234567A"}]),
        content_type=JSON,
    )
    assert bad.status_code == 422
    assert bad["Content-Type"] == "application/problem+json"
    assert bad.json()["errors"][0]["loc"] == ["body", "documents", "0", "number"]
    assert not Person.objects.exists()
    created = api.post("/api/v1/persons", new_person(), content_type=JSON)
    assert created.status_code == 201
    body = created.json()
    assert body["documents"] == [{"kind": "nie", "number": "X1234567L"}]
    assert body["abss"] == "ABSS-VIC"


def test_create_reports_duplicates_until_confirmed(api_for, social_worker):
    PersonFactory(given_names="Aicha", first_surname="El Amrani", second_surname="")
    api = api_for(social_worker.user)
    clash = api.post("/api/v1/persons", new_person(documents=[], channels=[]), content_type=JSON)
    assert clash.status_code == 409
    assert clash.json()["duplicates"][0]["name"] == "Aicha El Amrani"
    assert Person.objects.count() == 1
    confirmed = api.post(
        "/api/v1/persons",
        new_person(documents=[], channels=[], confirm_new=True),
        content_type=JSON,
    )
    assert confirmed.status_code == 201
    assert Person.objects.count() == 2


def test_patch_with_version_and_stale_refusal(api_for, social_worker, teammate):
    person = PersonFactory()
    url = f"/api/v1/persons/{person.public_id}"
    first = api_for(teammate.user).patch(
        url, {"version": 1, "address": "Carrer Nou 3"}, content_type=JSON
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = api_for(social_worker.user).patch(
        url, {"version": 1, "used_name": "Montse"}, content_type=JSON
    )
    assert stale.status_code == 409
    assert stale.json()["changed"] == {"address": "Carrer Nou 3"}
    assert stale.json()["version"] == 2
    person.refresh_from_db()
    assert person.used_name == "" and person.version == 2


def test_patch_refused_outside_reach_and_when_restricted(api_for, other_abss_worker, social_worker):
    person = PersonFactory()
    url = f"/api/v1/persons/{person.public_id}"
    assert (
        api_for(other_abss_worker.user)
        .patch(url, {"version": 1, "address": "X"}, content_type=JSON)
        .status_code
        == 404
    )
    Person.objects.filter(pk=person.pk).update(restricted_at="2025-01-01T00:00:00Z")
    restricted = api_for(social_worker.user).patch(
        url, {"version": 1, "address": "X"}, content_type=JSON
    )
    assert restricted.status_code == 422
    person.refresh_from_db()
    assert person.address == "" and person.version == 1


def test_households_and_consents(api_for, social_worker):
    person = PersonFactory()
    api = api_for(social_worker.user)
    base = f"/api/v1/persons/{person.public_id}"
    created = api.post(
        f"{base}/households",
        {"address": "Carrer Nou 3", "municipality": "08298", "relationship": "reference",
         "valid_from": "2025-01-01"},
        content_type=JSON,
    )  # fmt: skip
    assert created.status_code == 201
    household = created.json()[0]["household"]
    moved = api.post(
        f"{base}/households",
        {"relationship": "partner", "valid_from": "2025-06-01"},
        content_type=JSON,
    )
    assert moved.status_code == 201
    history = api.get(f"{base}/households").json()
    assert [(m["valid_from"], m["valid_until"]) for m in history] == [
        ("2025-06-01", None),
        ("2025-01-01", "2025-05-31"),
    ]
    assert api.get(f"/api/v1/persons/households/{household}").status_code == 200
    current = history[0]["household"]
    end = f"{base}/households/{current}/end"
    too_early = api.post(end, {"valid_until": "2025-05-01"}, content_type=JSON)
    assert too_early.status_code == 422
    left = api.post(end, {"valid_until": "2025-09-30"}, content_type=JSON)
    assert left.status_code == 200
    assert left.json()[0]["valid_until"] == "2025-09-30"
    assert api.post(end, {"valid_until": "2025-10-30"}, content_type=JSON).status_code == 404
    consent = api.post(
        f"{base}/consents",
        {"purpose": "share_health", "given_on": "2025-01-01", "method": "written"},
        content_type=JSON,
    )
    assert consent.status_code == 201 and Consent.objects.get().purpose == "share_health"
    bad = api.post(
        f"{base}/consents",
        {"purpose": "share_health", "given_on": "2025-01-01", "method": "written",
         "expires_on": "2024-01-01"},
        content_type=JSON,
    )  # fmt: skip
    assert bad.status_code == 422 and Consent.objects.count() == 1


def test_roles_without_api_or_people_rights_are_refused(api_for, dpo):
    person = PersonFactory()
    api = api_for(dpo.user)
    # The DPO reads identity but does not register.
    assert api.get(f"/api/v1/persons/{person.public_id}").status_code == 200
    assert api.post("/api/v1/persons", new_person(), content_type=JSON).status_code == 403
    assert Person.objects.count() == 1


def test_subject_access_export_only_for_the_dpo(api_for, dpo, social_worker):
    person = PersonFactory()
    url = f"/api/v1/persons/{person.public_id}/export"
    refused = api_for(social_worker.user).get(url)
    assert refused.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
    confirmed = {"HTTP_X_XARXA_PASSWORD": PASSWORD}  # an export needs the password again
    assert api_for(dpo.user).get(url, **confirmed).status_code == 409  # not yet reviewed
    prepared = api_for(dpo.user).post(url + "/review", **confirmed).json()
    api_for(dpo.user).post(f"{url}/{prepared['id']}/release", **confirmed)
    body = api_for(dpo.user).get(url, **confirmed)
    assert body.status_code == 200
    assert body.json()["person"]["first_surname"] == "Vilaró"
    pdf = api_for(dpo.user).get(url, {"format": "pdf"}, **confirmed)
    assert pdf.content.startswith(b"%PDF")
    assert api_for(dpo.user).get(url, {"format": "xml"}, **confirmed).status_code == 404
    # gathering it for review, then each download
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=dpo.user).count() == 3
