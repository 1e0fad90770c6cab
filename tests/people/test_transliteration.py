"""Arabic given names reach the register in many Latin spellings: any of them finds the
others, on the search page and through the API, while a prefix still finds the name as
written and unrelated names stay apart."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory
from xarxa.people.names import index_tokens, tokens
from xarxa.people.selectors import person_search_for

pytestmark = pytest.mark.django_db

FAMILIES = [
    ["Mohamed", "Mohammed", "Muhammad", "Mohammad"],
    ["Youssef", "Yusuf", "Youssouf"],
    ["Fatima", "Fatema", "Fatma"],
    ["Abderrahim", "Abd al-Rahim", "Abdurrahim", "Abdel Rahim"],
]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f[0])
def test_every_spelling_finds_every_other(social_worker, family):
    people = [PersonFactory(given_names=name, first_surname="Amrani") for name in family]
    PersonFactory(given_names="Montserrat", first_surname="Amrani")  # not of the family
    for spelling in family:
        found = person_search_for(social_worker.user, f"{spelling} amrani")
        assert set(found) == set(people), spelling


def test_the_page_and_the_api_agree(client_for, api_for, social_worker):
    mohamed = PersonFactory(given_names="Mohamed", first_surname="El Amrani")
    page = client_for(social_worker.user).get(reverse("people:search"), {"q": "Muhammad"})
    assert str(mohamed.public_id) in page.content.decode()
    api = api_for(social_worker.user).get("/api/v1/persons", {"q": "Muhammad"}).json()
    assert [p["public_id"] for p in api] == [str(mohamed.public_id)]


def test_a_prefix_still_finds_the_name_as_written(social_worker):
    mohamed = PersonFactory(given_names="Mohamed", first_surname="Benali")
    assert person_search_for(social_worker.user, "moh benali") == [mohamed]


def test_other_names_are_left_alone():
    assert tokens("Núria Puig i Soler") == ["nuria", "puig", "soler"]
    assert index_tokens("Abdó Vila") == ["abdo", "vila"]  # a Catalan name, not "Abd al-"
    assert tokens("Mohamed") == tokens("Muhammad") != tokens("Mahmud")


def test_reindex_names_brings_an_old_index_up_to_date(social_worker):
    from django.core.management import call_command

    from xarxa.people.models import NameToken, PersonNamePair, PersonNameToken

    mohamed = PersonFactory(given_names="Mohamed", first_surname="Benali")
    # an index that lost this person's postings (or was written under older rules)
    PersonNameToken.objects.filter(person=mohamed).delete()
    PersonNamePair.objects.filter(person=mohamed).delete()
    NameToken.objects.update(persons=0)
    assert person_search_for(social_worker.user, "muhammad benali") == []
    call_command("reindex_names", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert person_search_for(social_worker.user, "muhammad benali") == [mohamed]
