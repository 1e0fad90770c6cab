"""The services catalogue: described once, searched by need, place and public, kept
fresh by its owners, published to citizens, exchanged as Open Referral HSDS 3.0."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker

from xarxa.catalogue import osona, selectors
from xarxa.catalogue.hsds import SCHEMA_PATH, service_to_hsds
from xarxa.catalogue.models import Service
from xarxa.catalogue.services import import_hsds
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.territory.models import Municipality

pytestmark = pytest.mark.django_db

OFFICIAL = Path(settings.BASE_DIR).parent / "shared" / "standards" / "hsds-3.0" / "service.json"
ENGLISH = {"accept-language": "en"}


@pytest.fixture
def catalogue(personas):
    """The Osona catalogue, owned by the teams of the personas' organisations."""
    assert osona.load(timezone.localdate()) >= 15
    return {s.code: s for s in Service.objects.all()}


def official_validator():
    path = OFFICIAL if OFFICIAL.exists() else SCHEMA_PATH
    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def export_all(language="ca"):
    services = Service.objects.select_related("organisation").order_by("code")
    return [service_to_hsds(s, language) for s in services]


def without_timestamps(items):
    """Comparable exports: by id (codes are Xarxa's, not HSDS's), without change times."""
    items = sorted(items, key=lambda item: item["id"])
    return [{k: v for k, v in item.items() if k != "last_modified"} for item in items]


def test_the_kept_schema_is_the_official_one():
    if not OFFICIAL.exists():
        pytest.skip("the shared standards folder is not next to this checkout")
    assert json.loads(SCHEMA_PATH.read_text()) == json.loads(OFFICIAL.read_text())


def test_every_exported_service_validates_against_hsds_3(catalogue, tmp_path):
    out = tmp_path / "catalogue.json"
    call_command("export_hsds", str(out))
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == len(catalogue)
    validator = official_validator()
    for item in items:
        assert list(validator.iter_errors(item)) == [], item["name"]
        assert item["organization"]["id"] == item["organization_id"]
    sad = next(i for i in items if i["name"].startswith("SAD Osona"))
    assert {a["taxonomy_term"]["taxonomy"] for a in sad["attributes"]} >= {
        "xarxa-service-kind",
        "xarxa-public",
        "xarxa-need",
    }
    assert len(sad["service_areas"]) == Municipality.objects.count()
    espais = next(i for i in items if i["name"] == "Espais Activa't")
    assert len(espais["service_at_locations"]) == 6 and espais["schedules"][0]["byday"] == "TU,TH"
    # A contact the owner did not make public is not published.
    assert "phones" not in sad and "phones" in next(i for i in items if "Vic Dones" in i["name"])


def test_round_trip_into_an_empty_catalogue_gives_the_same_export(catalogue, tmp_path):
    before = export_all()
    Service.objects.all().delete()
    report = import_hsds(before)
    assert report.ok and report.created == len(before) and report.updated == 0
    assert without_timestamps(export_all()) == without_timestamps(before)
    again = import_hsds(before)
    assert again.ok and again.created == 0 and again.updated == len(before)


def test_import_rejects_bad_items_row_by_row_and_changes_nothing(catalogue, tmp_path):
    items = export_all()
    items[1]["service_areas"].append(
        {"id": "6d1f7f3a-3c59-4c0e-9a52-6f2a8e1b7d41", "name": "Girona"}
    )
    items[2]["status"] = "open"
    del items[3]["name"]
    items[4]["id"] = items[5]["id"]
    changed_name = items[0]["name"] = "Nom canviat"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(items), encoding="utf-8")
    before = without_timestamps(export_all())
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("import_hsds", str(bad))
    report = import_hsds(items)
    reasons = {n: " ".join(why) for n, _id, why in report.rejected}
    assert set(reasons) == {2, 3, 4, 6}
    assert "Girona" in reasons[2] and "open" in reasons[3] and "name" in reasons[4]
    assert "twice" in reasons[6]
    assert without_timestamps(export_all()) == before
    assert not Service.objects.filter(texts__ca__name=changed_name).exists()
    assert not import_hsds({"not": "a list"}).ok


def test_search_by_need_place_and_public(catalogue, social_worker):
    user = social_worker.user
    violence = selectors.catalogue_search_for(user, need="gender_violence")
    assert [s.code for s in violence] == ["siad-vic-dones"]
    gurb = Municipality.objects.get(ine_code="08100")
    older_in_gurb = {
        s.code for s in selectors.catalogue_search_for(user, municipality=gurb, public="older")
    }
    assert "espais-activat" in older_in_gurb and "teleassistencia" in older_in_gurb
    assert "sbas-vic" not in older_in_gurb and "sis-osona" not in older_in_gurb
    words = selectors.catalogue_search_for(user, text="productes suport")
    assert [s.code for s in words] == ["terapia-ocupacional-productes-suport"]


def test_public_directory_speaks_the_readers_language_and_shows_no_internals(client, catalogue):
    teleassistance = catalogue["teleassistencia"]
    Service.objects.filter(code="pis-pont").update(status="inactive")
    page = client.get(reverse("directory:directory"), headers=ENGLISH)
    assert page.status_code == 200  # nobody signed in
    text = page.content.decode()
    assert "Telecare" in text and "Bridge flats" not in text
    entry = client.get(
        reverse("directory:directory_entry", args=[teleassistance.public_id]),
        headers={"accept-language": "es"},
    ).content.decode()
    assert "Teleasistencia" in entry
    words = re.sub(r"<[^>]*>", " ", entry)  # what the reader sees, not tokens in attributes
    assert not re.search(r"\b(2600|55)\b", words)  # places and waiting list stay inside
    sad = client.get(reverse("directory:directory_entry", args=[catalogue["sbas-vic"].public_id]))
    assert "938 86 21 00" in sad.content.decode()  # a public contact
    hidden = catalogue["pis-pont"]
    assert (
        client.get(reverse("directory:directory_entry", args=[hidden.public_id])).status_code == 404
    )
    assert client.get(reverse("catalogue:service_list")).status_code == 302  # staff only


def test_stale_entries_are_flagged_and_their_owner_reviews_them(
    client_for, catalogue, social_worker, other_abss_worker
):
    Service.objects.filter(code="sbas-vic").update(
        reviewed_on=timezone.localdate() - timedelta(days=400)
    )
    sbas = Service.objects.get(code="sbas-vic")
    assert sbas.is_stale and sbas.owner_team.name == "SSB Vic"
    owner = client_for(social_worker.user)
    listing = owner.get(reverse("catalogue:service_list"), {"stale": "1"}).content.decode()
    assert str(sbas.public_id) in listing
    assert sbas in selectors.stale_services_for(social_worker.user)
    assert sbas not in selectors.stale_services_for(other_abss_worker.user)

    outsider = client_for(other_abss_worker.user)
    url = reverse("catalogue:service_review", args=[sbas.public_id])
    assert outsider.post(url).status_code == 403
    assert Service.objects.get(pk=sbas.pk).is_stale
    assert AuditEvent.objects.filter(
        actor=other_abss_worker.user, action=AuditAction.DENIED
    ).exists()
    assert owner.post(url).status_code == 302
    assert Service.objects.get(pk=sbas.pk).reviewed_on == timezone.localdate()


def test_owner_edits_an_entry_and_a_stale_edit_is_refused(client_for, catalogue, social_worker):
    sbas = catalogue["sbas-vic"]
    client = client_for(social_worker.user)
    url = reverse("catalogue:service_edit", args=[sbas.public_id])
    form = {
        "status": "active", "description_ca": "Atenció social a Vic.", "description_es": "",
        "description_en": "Social care in Vic.", "capacity": "4",
        "answer_within": "10", "first_appointment_within": "21",
        "phone": "938 00 00 00", "email": "", "url": "", "version": sbas.version,
    }  # fmt: skip
    for wrong in ({"capacity": "-1"}, {"answer_within": ""}, {"first_appointment_within": "0"}):
        assert client.post(url, {**form, **wrong}).status_code == 200  # refused
    assert Service.objects.get(pk=sbas.pk).capacity is None
    assert client.post(url, form).status_code == 302
    saved = Service.objects.get(pk=sbas.pk)
    assert saved.capacity == 4 and saved.text("description", "en") == "Social care in Vic."
    assert (saved.answer_within, saved.first_appointment_within) == (10, 21)
    assert saved.text("name", "es") == "Servicios sociales básicos de Vic"  # kept
    stale = client.post(url, {**form, "capacity": "9"})  # the version read before the save
    assert stale.status_code == 200 and Service.objects.get(pk=sbas.pk).capacity == 4


def test_api_search_export_and_import(api_for, catalogue, social_worker, coordinator):
    api = api_for(social_worker.user)
    found = api.get("/api/v1/catalogue", {"need": "housing", "municipality": "08298"}).json()
    assert {"pis-pont", "primer-la-llar", "sbas-vic"} <= {s["code"] for s in found}
    assert api.get("/api/v1/catalogue", {"municipality": "99999"}).status_code == 404
    one = api.get(f"/api/v1/catalogue/{catalogue['teleassistencia'].public_id}").json()
    assert one["waiting"] == 0 and one["guaranteed"] is True  # counted: nobody waits yet
    items = api.get("/api/v1/catalogue/hsds").json()
    validator = official_validator()
    assert all(not list(validator.iter_errors(item)) for item in items)
    refused = api.post("/api/v1/catalogue/hsds", items, content_type="application/json")
    assert refused.status_code == 403  # importing is for catalogue managers
    manager = api_for(coordinator.user)
    items[0]["status"] = "open"
    bad = manager.post("/api/v1/catalogue/hsds", items, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["rejected"][0]["item"] == 1
    items[0]["status"] = "active"
    good = manager.post("/api/v1/catalogue/hsds", items, content_type="application/json")
    assert good.status_code == 200 and good.json() == {"created": 0, "updated": len(items)}


def test_page_and_api_agree_on_unknown_entries_and_on_who_edits(
    client_for, api_for, catalogue, social_worker, other_abss_worker
):
    unknown = "6d1f7f3a-3c59-4c0e-9a52-6f2a8e1b7d41"
    page = client_for(social_worker.user)
    api = api_for(social_worker.user)
    assert page.get(reverse("catalogue:service_detail", args=[unknown])).status_code == 404
    missing = api.get(f"/api/v1/catalogue/{unknown}")
    assert missing.status_code == 404 and missing.json()["status"] == 404
    assert page.get(reverse("directory:directory_entry", args=[unknown])).status_code == 404
    sbas = catalogue["sbas-vic"]
    # The owner's team edits its entry; a worker of another ABSS reads it but may not edit.
    edit = reverse("catalogue:service_edit", args=[sbas.public_id])
    assert page.get(edit).status_code == 200
    other = client_for(other_abss_worker.user)
    assert other.get(reverse("catalogue:service_detail", args=[sbas.public_id])).status_code == 200
    assert other.get(edit).status_code == 403
    review = reverse("catalogue:service_review", args=[sbas.public_id])
    assert other.post(review).status_code == 403


def test_a_refused_import_is_a_problem_document_in_the_callers_language(
    api_for, catalogue, coordinator
):
    items = export_all()
    items[0]["status"] = "open"
    manager = api_for(coordinator.user)
    refused = manager.post(
        "/api/v1/catalogue/hsds", items, content_type="application/json", HTTP_ACCEPT_LANGUAGE="ca"
    )
    body = refused.json()
    assert refused.status_code == 422 and refused["Content-Type"] == "application/problem+json"
    assert body["status"] == 422 and body["title"] == (
        "S'han rebutjat alguns serveis; no s'ha canviat res."
    )
    assert [(r["item"], r["id"]) for r in body["rejected"]] == [(1, items[0]["id"])]
    assert "open" in " ".join(body["rejected"][0]["reasons"])
