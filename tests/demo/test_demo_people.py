"""The synthetic population: deterministic, plausible, and searchable."""

import re
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone
from stdnum.es import dni, nie

from xarxa.accounts.models import User
from xarxa.accounts.selectors import scope_for
from xarxa.demo.people import PeopleBuilder
from xarxa.people.models import (
    Consent,
    ContactChannel,
    Household,
    HouseholdMembership,
    IdentityDocument,
    NameToken,
    NameTokenVariant,
    Person,
    PersonNamePair,
    PersonNameToken,
)
from xarxa.people.names import deletion_variants, fold, person_tokens
from xarxa.people.search import pair_postings_check
from xarxa.records.models import (
    CaseAssignment,
    CaseEvent,
    CaseFile,
    CaseParticipant,
    CaseProblem,
    Intervention,
    TimelineEntry,
)
from xarxa.referrals.models import Referral
from xarxa.referrals.states import allowed
from xarxa.territory.models import AbssMembership, Municipality

pytestmark = pytest.mark.django_db

PERSONS = 300


@pytest.fixture
def demo():
    call_command("demo", "--persons", str(PERSONS), "--seed", "3")


def snapshot():
    return {
        "persons": list(
            Person.objects.order_by("id").values_list(
                "id",
                "public_id",
                "given_names",
                "used_name",
                "first_surname",
                "second_surname",
                "birth_date",
                "municipality_id",
                "abss_id",
                "address",
            )
        ),
        "documents": list(
            IdentityDocument.objects.order_by("id").values_list("person_id", "kind", "number")
        ),
        "memberships": list(
            HouseholdMembership.objects.order_by("id").values_list(
                "household_id", "person_id", "relationship", "valid_from", "valid_until"
            )
        ),
        "cases": list(
            CaseFile.objects.order_by("id").values_list(
                "id", "number", "reference_professional_id", "status"
            )
        ),
        "interventions": list(
            Intervention.objects.order_by("id").values_list("id", "case_id", "summary")
        ),
        "tokens": list(NameToken.objects.order_by("id").values_list("id", "text", "persons")),
        "referrals": list(
            Referral.objects.order_by("id").values_list("case_id", "service__code", "state")
        ),
    }


def wipe_people():
    """Everything the person builder writes, children first (staff stay)."""
    from xarxa.plans.models import Action, Goal, Plan, Review
    from xarxa.records.models import CaseStanding
    from xarxa.screening.models import (
        Assessment,
        Classification,
        DependencyRecord,
        Score,
        TsoRecord,
    )

    for model in (
        Action,
        Goal,
        Review,
        Plan,
        CaseStanding,
        Classification,
        Score,
        Assessment,
        TsoRecord,
        DependencyRecord,
        Referral,
        TimelineEntry,
        CaseProblem,
        Intervention,
        CaseEvent,
        CaseAssignment,
        CaseParticipant,
        CaseFile,
        Consent,
        ContactChannel,
        IdentityDocument,
        PersonNameToken,
        NameTokenVariant,
        NameToken,
        HouseholdMembership,
        Household,
        Person,
    ):
        model.objects.all().delete()


def test_same_seed_into_an_empty_database_gives_the_same_rows_and_ids(demo):
    first = snapshot()
    assert len(first["persons"]) >= PERSONS
    wipe_people()
    call_command("demo", "--persons", str(PERSONS), "--seed", "3")
    assert snapshot() == first
    wipe_people()
    call_command("demo", "--persons", str(PERSONS), "--seed", "4")
    assert snapshot()["persons"] != first["persons"]


def test_a_second_run_appends_the_same_names(demo):
    fields = ("given_names", "first_surname", "second_surname", "birth_date", "municipality_id")
    first = list(Person.objects.order_by("id").values_list(*fields))
    call_command("demo", "--persons", str(PERSONS), "--seed", "3")
    both = list(Person.objects.order_by("id").values_list(*fields))
    assert both[len(first) :] == first
    # The appended batch got its own tokens counted, not a second copy of each token.
    assert NameToken.objects.count() == len(set(NameToken.objects.values_list("text", flat=True)))


def test_people_live_in_osona_where_their_abss_serves_today(demo):
    serves = {
        (m.municipality_id, m.abss_id)
        for m in AbssMembership.objects.valid_on(timezone.localdate())
    }
    rows = list(Person.objects.values_list("municipality_id", "abss_id", "postal_code"))
    for municipality_id, abss_id, postal_code in rows:
        assert (municipality_id, abss_id) in serves
        assert postal_code == "" or re.fullmatch(r"(08[0-9]|17[0-9])\d{2}", postal_code)


def test_persons_spread_by_population():
    call_command("demo", "--persons", "2000", "--seed", "5")
    vic = Municipality.objects.get(ine_code="08298")
    counts = Counter(Person.objects.values_list("municipality_id", flat=True))
    assert counts.most_common(1)[0][0] == vic.pk  # the capital, a third of the comarca
    assert 0.2 < counts[vic.pk] / sum(counts.values()) < 0.4
    # The demo social worker's caseload page has plenty to show.
    worker = User.objects.get(username="treballadora.social")
    assert CaseFile.objects.filter(reference_professional=worker, status="open").count() >= 20


def test_documents_carry_valid_check_letters_and_many_people_have_none(demo):
    for kind, number in IdentityDocument.objects.filter(kind__in=["dni", "nie"]).values_list(
        "kind", "number"
    ):
        assert (dni if kind == "dni" else nie).is_valid(number), number
    for person in Person.objects.prefetch_related("documents"):
        kinds = {d.kind for d in person.documents.all()}
        if "dni" in kinds:
            assert person.nationality == "ES"
        if "nie" in kinds:
            assert person.nationality != "ES"
    today = timezone.localdate()
    adults = Person.objects.exclude(birth_date__gt=today.replace(year=today.year - 18))
    without = adults.exclude(documents__kind__in=["dni", "nie", "passport"]).count()
    assert 0.03 < without / adults.count() < 0.2  # ~10% of adults have no document
    minors = Person.objects.filter(birth_date__gt=today.replace(year=today.year - 14))
    assert minors.exclude(documents__kind__in=["dni", "nie"]).exists()


def test_contacts_look_like_catalan_numbers_and_addresses(demo):
    channels = ContactChannel.objects.values_list("kind", "value", "search_value")
    kinds = Counter(kind for kind, _value, _search in channels)
    assert kinds["mobile"] and kinds["email"]
    for kind, value, search in channels:
        if kind in ("mobile", "whatsapp"):
            assert re.fullmatch(r"6\d\d \d{3} \d{3}", value) and search == value.replace(" ", "")
        elif kind == "phone":
            assert re.fullmatch(r"93 8\d\d \d\d \d\d", value)
        elif kind == "email":
            assert re.fullmatch(r"[a-z.]+\d+@example\.(com|net|org)", value)
    for address in Person.objects.exclude(address="").values_list("address", flat=True):
        assert re.fullmatch(r"(Carrer|Plaça|Avinguda|Rambla|Passeig|Ronda) .+, \d+", address)


def test_households_have_plausible_members_and_history(demo):
    people = {p.pk: p for p in Person.objects.all()}
    current = defaultdict(list)
    ended = 0
    for m in HouseholdMembership.objects.all():
        if m.valid_until:
            ended += 1
            assert m.valid_from is None or m.valid_from <= m.valid_until
        else:
            current[m.household_id].append(m)
    assert ended > 0  # some moved: the earlier household is kept
    open_memberships = Counter(
        HouseholdMembership.objects.filter(valid_until__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    assert set(open_memberships.values()) == {1}  # one home now for everyone
    relationships = Counter()
    for members in current.values():
        references = [m for m in members if m.relationship == "reference"]
        assert len(references) == 1
        head = people[references[0].person_id]
        for m in members:
            relationships[m.relationship] += 1
            person = people[m.person_id]
            if m.relationship == "child":
                assert (head.birth_date - person.birth_date).days < -12 * 365
            if m.relationship in ("partner", "carer", "parent"):
                assert person.age >= 18
    assert relationships["child"] and relationships["partner"] and relationships["other"]


def test_planted_duplicates_about_two_percent_with_typical_variations():
    builder = PeopleBuilder(seed=11, persons=3000, log=lambda *_: None)
    builder.build()
    assert 0.012 < len(builder.planted) / builder.made < 0.03
    people = Person.objects.in_bulk([i for pair in builder.planted for i in pair[:2]])
    documents = defaultdict(set)
    for person_id, number in IdentityDocument.objects.values_list("person_id", "number"):
        documents[person_id].add(number)
    kinds = Counter()
    for original_id, duplicate_id, how in builder.planted:
        original, duplicate = people[original_id], people[duplicate_id]
        kinds[how] += 1
        assert abs(original.birth_date.year - duplicate.birth_date.year) <= 1
        if how == "accents":
            assert fold(duplicate.first_surname) == fold(original.first_surname)
            assert duplicate.full_name != original.full_name
        elif how == "no_second":
            assert original.second_surname and not duplicate.second_surname
        elif how == "typo":
            assert duplicate.first_surname != original.first_surname
            assert abs(len(duplicate.first_surname) - len(original.first_surname)) <= 1
        elif how == "swapped":
            assert duplicate.first_surname == original.second_surname
        elif how == "document":
            assert documents[duplicate_id] & documents[original_id]
    assert len(kinds) >= 5, kinds


def test_cases_belong_to_professionals_of_their_abss(demo):
    cases = CaseFile.objects.select_related("reference_professional")
    assert cases.exists()
    for case in cases:
        assert case.abss_id in scope_for(case.reference_professional).abss_ids
        history = list(case.assignments.order_by("valid_from"))
        assert history[-1].reference_professional_id == case.reference_professional_id
        for held in history:
            assert held.abss_id == case.abss_id
            assert held.abss_id in scope_for(held.reference_professional).abss_ids
        events = [e.kind for e in case.events.order_by("on", "id")]
        assert events[0] == "opened"
        assert (case.status == "closed") == (events[-1] == "closed")
        if case.status == "closed":
            assert case.closing_reason and case.closed_on


def test_every_intervention_and_event_is_on_each_persons_timeline(demo):
    assert Intervention.objects.exists()
    involved = set(Intervention.persons.through.objects.values_list("intervention_id", "person_id"))
    on_timeline = set(
        TimelineEntry.objects.filter(object_type="records.intervention").values_list(
            "object_id", "person_id"
        )
    )
    assert {(str(i), p) for i, p in involved} == on_timeline
    participants = defaultdict(set)
    for case_id, person_id in CaseParticipant.objects.values_list("case_id", "person_id"):
        participants[case_id].add(person_id)
    event_lines = Counter(
        TimelineEntry.objects.filter(object_type="records.caseevent").values_list(
            "object_id", flat=True
        )
    )
    for event_id, case_id in CaseEvent.objects.values_list("id", "case_id"):
        assert event_lines[str(event_id)] == len(participants[case_id])
    confidential = Intervention.objects.exclude(confidentiality="team")
    assert confidential.count() < Intervention.objects.count() * 0.1


def test_search_index_is_exactly_the_names(demo):
    postings = defaultdict(set)
    for person_id, text in PersonNameToken.objects.values_list("person_id", "token__text"):
        postings[person_id].add(text)
    for person in Person.objects.all():
        assert postings[person.pk] == set(person_tokens(person))
    carried = Counter(text for texts in postings.values() for text in texts)
    variants = defaultdict(set)
    for token_id, variant in NameTokenVariant.objects.values_list("token_id", "variant"):
        variants[token_id].add(variant)
    for token in NameToken.objects.all():
        assert token.persons == carried[token.text]
        assert variants[token.pk] == deletion_variants(token.text)
    assert pair_postings_check() == []
    assert PersonNamePair.objects.exists()


def test_referrals_follow_the_state_table_with_realistic_outcomes(demo):
    referrals = list(Referral.objects.prefetch_related("transitions"))
    assert len(referrals) >= 5  # about one case in six, at this small scale
    assert len({r.state for r in referrals}) >= 2
    for referral in referrals:
        path = [(t.from_state, t.to_state, t.by_id) for t in referral.transitions.all()]
        assert path and path[0][:2] == ("draft", "sent") and path[-1][1] == referral.state
        for frm, to, by in path:
            party = {"sent": "sender", "expired": "system"}.get(to, "receiver")
            assert allowed(frm, to, party), (frm, to, party)
            assert (by is None) == (to == "expired")
        if referral.state == "refused":
            assert referral.refusal_reason and referral.alternative
