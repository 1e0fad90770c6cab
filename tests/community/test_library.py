"""The network's shared knowledge: a resource library tagged by axis and competence,
searchable, with who contributed; news from the technical office to every facilitator."""

import pytest
from django.urls import reverse

from xarxa.community.models import News, Resource

pytestmark = pytest.mark.django_db


def test_share_and_find_a_resource(client_for, facilitator, other_facilitator, point):
    client = client_for(facilitator.user)
    url = reverse("community:library")
    bad = client.post(url, {"title": "", "kind": "guide", "summary": ""})
    assert bad.status_code == 400 and not Resource.objects.exists()
    ok = client.post(url, {
        "title": "Guia de l'idCAT Mòbil", "kind": "guide",
        "summary": "Pas a pas per donar-se d'alta.", "axes": ["learning"], "digcomp": ["4.2"],
    })  # fmt: skip
    assert ok.status_code == 302
    resource = Resource.objects.get()
    assert resource.point == point and resource.contributed_by == facilitator.user
    other = client_for(other_facilitator.user)
    assert "Guia de l" in other.get(url + "?q=idcat").content.decode()
    assert "Guia de l" in other.get(url + "?competence=4.2&axis=learning").content.decode()
    assert "Guia de l" not in other.get(url + "?axis=labour").content.decode()


def test_news_from_the_technical_office(client_for, facilitator, technical_office, session):
    url = reverse("community:news")
    assert client_for(facilitator.user).post(url, {"title": "X", "body": "Y"}).status_code == 403
    office = client_for(technical_office.user)
    assert office.post(url, {"title": "", "body": ""}).status_code == 400
    assert (
        office.post(url, {"title": "Jornada Òmnia", "body": "El 27 de novembre."}).status_code
        == 302
    )
    assert News.objects.count() == 1
    today = client_for(facilitator.user).get(reverse("community:today")).content.decode()
    assert "Jornada Òmnia" in today


def test_library_and_news_by_api(api_for, facilitator, technical_office):
    api = api_for(facilitator.user)
    created = api.post(
        "/api/v1/community/library",
        {"title": "Disseny: taller de videotrucades", "kind": "design", "summary": "Dues sessions.",
         "axes": ["community"]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201
    assert api.get("/api/v1/community/library?axis=community").json()[0]["kind"] == "design"
    assert (
        api.post(
            "/api/v1/community/news", {"title": "X", "body": "Y"}, content_type="application/json"
        ).status_code
        == 403
    )
    office = api_for(technical_office.user)
    assert (
        office.post(
            "/api/v1/community/news",
            {"title": "Avís", "body": "Text"},
            content_type="application/json",
        ).status_code
        == 201
    )
    assert [n["title"] for n in api.get("/api/v1/community/news").json()] == ["Avís"]
