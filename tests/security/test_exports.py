"""Issue 12 item 14: exports and links.

A spreadsheet cell beginning with = + - @ tab or CR is a formula (or becomes one when the
file is re-saved): every CSV and XLSX export neutralises it. A link is http or https only:
javascript: and data: are refused with a clear message (library, catalogue, HSDS import)."""

import csv
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.community.conftest import technical_office  # noqa: F401
from tests.referrals.conftest import make_service
from xarxa.catalogue.hsds import service_to_hsds
from xarxa.catalogue.services import import_hsds, service_update
from xarxa.community.models import Resource

pytestmark = pytest.mark.django_db

DANGEROUS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
BAD_LINKS = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://x.cat/a"]


def test_neutralise_cell():
    from xarxa.core.exports import neutralise_cell

    for text in DANGEROUS:
        assert neutralise_cell(text) == "'" + text
    assert neutralise_cell("Vic") == "Vic"
    assert neutralise_cell(-3) == -3 and neutralise_cell(2.5) == 2.5
    assert neutralise_cell(None) is None


@pytest.fixture
def dangerous_figures(monkeypatch):
    rows = [["Figures", *DANGEROUS], ["Total", 7, -3]]
    monkeypatch.setattr("xarxa.community.figures.export.export_rows", lambda figures: rows)


def test_figures_csv_cells_are_neutralised(client_for, technical_office, dangerous_figures):  # noqa: F811
    response = client_for(technical_office.user).get(reverse("community:figures_csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode(), newline="")))
    assert rows[0] == ["Figures", *("'" + cell for cell in DANGEROUS)]
    assert rows[1] == ["Total", "7", "-3"]  # numbers stay numbers


def test_figures_xlsx_has_no_formulas(client_for, technical_office, dangerous_figures):  # noqa: F811
    response = client_for(technical_office.user).get(reverse("community:figures_xlsx"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet
    assert "&apos;=HYPERLINK" in strings or "'=HYPERLINK" in strings
    assert "'@SUM(A1)" in strings


@pytest.mark.parametrize("link", BAD_LINKS)
def test_library_refuses_links_that_are_not_web_pages(link, client_for, api_for, facilitator):
    resource = {"title": "Guia", "kind": "guide", "summary": "Pas a pas.", "link": link}
    page = client_for(facilitator.user).post(reverse("community:library"), resource)
    assert page.status_code == 400
    assert "http" in page.content.decode()
    api = api_for(facilitator.user).post(
        "/api/v1/community/library", resource, content_type="application/json"
    )
    assert api.status_code == 422
    assert "http" in str(api.json())
    assert not Resource.objects.exists()


def test_library_accepts_a_web_page(api_for, facilitator):
    resource = {"title": "Guia", "kind": "guide", "summary": "Pas a pas.", "link": "https://x.cat"}
    api = api_for(facilitator.user).post(
        "/api/v1/community/library", resource, content_type="application/json"
    )
    assert api.status_code == 201


@pytest.mark.parametrize("link", BAD_LINKS)
def test_catalogue_entry_refuses_links_that_are_not_web_pages(link, siad):
    service = make_service()
    with pytest.raises(ValidationError) as error:
        service_update(
            actor=siad.user,
            service=service,
            data={"url": link},
            texts={},
            expected_version=service.version,
        )
    assert "url" in error.value.message_dict
    service.refresh_from_db()
    assert service.url == ""


@pytest.mark.parametrize("link", BAD_LINKS)
def test_hsds_import_refuses_links_that_are_not_web_pages(link, siad):
    item = service_to_hsds(make_service())
    item["url"] = link
    report = import_hsds([item])
    assert not report.ok
    assert "url" in " ".join(report.rejected[0][2])


@pytest.fixture
def shared_case(social_worker, case):
    """A case with two participants and a note about both that names the other one."""
    from tests.factories import PersonFactory
    from xarxa.records import services
    from xarxa.records.models import Intervention

    joan = PersonFactory(given_names="Joan", first_surname="Serra", second_surname="Costa")
    services.case_participant_add(actor=social_worker.user, case=case, person=joan)
    note = Intervention.objects.create(
        case=case,
        kind="interview",
        occurred_on=case.opened_on,
        summary="Entrevista conjunta: Joan Serra explica el conflicte amb la mare.",
        author=social_worker.user,
    )
    note.persons.add(case.person, joan)
    return case, joan


def _confirmed():
    from tests.factories import PASSWORD

    return {"HTTP_X_XARXA_PASSWORD": PASSWORD}


def test_subject_access_export_redacts_third_parties(api_for, dpo, shared_case):
    case, _joan = shared_case
    base = f"/api/v1/persons/{case.person.public_id}/export"
    prepared = api_for(dpo.user).post(base + "/review", **_confirmed())
    assert prepared.status_code == 201
    text = prepared.content.decode()
    assert "Joan Serra" not in text and "Serra" not in text
    assert "Entrevista conjunta" in text  # the person's own record stays
    assert prepared.json()["third_parties_redacted"] >= 1
    assert prepared.json()["released"] is False


def test_subject_access_export_only_after_release_by_api(api_for, dpo, shared_case):
    case, _joan = shared_case
    api = api_for(dpo.user)
    base = f"/api/v1/persons/{case.person.public_id}/export"
    before = api.get(base, HTTP_ACCEPT_LANGUAGE="en", **_confirmed())
    assert before.status_code == 409
    assert "released" in before.json()["title"]
    export_id = api.post(base + "/review", **_confirmed()).json()["id"]
    assert api.get(base, **_confirmed()).status_code == 409  # prepared is not released
    released = api.post(f"{base}/{export_id}/release", **_confirmed())
    assert released.status_code == 200 and released.json()["released"] is True
    assert api.post(f"{base}/{export_id}/release", **_confirmed()).status_code == 409
    body = api.get(base, **_confirmed())
    assert body.status_code == 200
    assert "Serra" not in body.content.decode()
    assert body.json()["person"]["first_surname"] == case.person.first_surname
    assert api.get(base, {"format": "pdf"}, **_confirmed()).content.startswith(b"%PDF")


def test_subject_access_export_only_after_release_on_the_page(client_for, dpo, shared_case):
    case, _joan = shared_case
    client = client_for(dpo.user)
    public_id = case.person.public_id
    export = reverse("subject_access:export", args=[public_id, "json"])
    review = client.get(export)
    assert review.status_code == 200 and review["Content-Type"].startswith("text/html")
    assert reverse("subject_access:prepare", args=[public_id]) in review.content.decode()
    client.post(reverse("subject_access:prepare", args=[public_id]))
    pending = client.get(export)
    assert pending["Content-Type"].startswith("text/html")
    assert "Serra" not in pending.content.decode().replace("Vilaró", "")
    from xarxa.records.models import SubjectAccessExport

    prepared = SubjectAccessExport.objects.get(person=case.person)
    client.post(reverse("subject_access:release", args=[public_id, prepared.public_id]))
    download = client.get(export)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/json"
