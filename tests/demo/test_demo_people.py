"""The synthetic population: deterministic, plausible, and searchable."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone
from stdnum.es import dni, nie

from xarxa.accounts.selectors import scope_for
from xarxa.people.models import HouseholdMembership, IdentityDocument, Person, PersonNameToken
from xarxa.people.names import person_tokens
from xarxa.records.models import CaseFile, Intervention, TimelineEntry
from xarxa.territory.models import AbssMembership

pytestmark = pytest.mark.django_db

PERSONS = 400


@pytest.fixture
def demo():
    call_command("demo", "--persons", str(PERSONS), "--seed", "3")


def snapshot():
    return list(
        Person.objects.order_by("id").values_list(
            "given_names", "first_surname", "second_surname", "birth_date", "municipality_id"
        )
    )


def test_same_seed_same_people(demo):
    first = snapshot()
    assert len(first) >= PERSONS
    call_command("demo", "--persons", str(PERSONS), "--seed", "3")  # appends a second batch
    both = snapshot()
    assert both[len(first) :] == first


def test_people_live_where_their_abss_serves(demo):
    serves = {
        (m.municipality_id, m.abss_id)
        for m in AbssMembership.objects.valid_on(timezone.localdate())
    }
    for municipality_id, abss_id in Person.objects.values_list("municipality_id", "abss_id"):
        assert (municipality_id, abss_id) in serves


def test_documents_carry_valid_check_letters(demo):
    for kind, number in IdentityDocument.objects.filter(kind__in=["dni", "nie"]).values_list(
        "kind", "number"
    ):
        assert (dni if kind == "dni" else nie).is_valid(number), number


def test_households_relationships_and_planted_duplicates(demo):
    relationships = Counter(HouseholdMembership.objects.values_list("relationship", flat=True))
    assert relationships["reference"] > 0 and relationships["child"] > 0
    names = Counter((p.given_names.lower(), p.first_surname.lower()) for p in Person.objects.all())
    assert Person.objects.count() - len(names) > 0  # some records share a name


def test_cases_belong_to_professionals_of_their_abss(demo):
    cases = CaseFile.objects.select_related("reference_professional")
    assert cases.exists()
    for case in cases:
        assert case.abss_id in scope_for(case.reference_professional).abss_ids
    assert Intervention.objects.exists()
    assert TimelineEntry.objects.filter(kind__startswith="intervention.").exists()


def test_search_index_matches_the_names(demo):
    person = Person.objects.order_by("id").first()
    indexed = set(
        PersonNameToken.objects.filter(person=person).values_list("token__text", flat=True)
    )
    assert indexed == set(person_tokens(person))
