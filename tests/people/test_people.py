"""Finding, registering and reading persons, with every refusal proven."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.factories import PersonFactory
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.people.models import AccessGrant, Person
from xarxa.people.selectors import person_search_for

pytestmark = pytest.mark.django_db


def register_form(**extra):
    data = {
        "given_names": "Aïcha",
        "first_surname": "El Amrani",
        "second_surname": "",
        "birth_date": "1990-05-04",
        "sex": "F",
        "municipality": "",
        "document_kind": "nie",
        "document_number": "X1234567L",
        "mobile": "612 34 56 78",
        "may_contact": "on",
    }
    data.update(extra)
    return data


NO_DOCUMENT = {"document_kind": "", "document_number": ""}


@pytest.fixture
def vic():
    from xarxa.territory.models import Municipality

    return Municipality.objects.get(ine_code="08298")


def test_register_a_person_with_a_valid_nie(client_for, social_worker, vic):
    client = client_for(social_worker.user)
    response = client.post(reverse("people:register"), register_form(municipality=vic.pk))
    person = Person.objects.get(first_surname="El Amrani")
    assert response.status_code == 302
    assert person.abss.code == "ABSS-VIC"  # follows from the municipality
    assert person.documents.get().number == "X1234567L"
    assert person.channels.get().search_value == "612345678"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, person_id=str(person.pk)).exists()


def test_a_wrong_check_letter_is_refused_and_nothing_saved(client_for, social_worker, vic):
    client = client_for(social_worker.user)
    response = client.post(
        reverse("people:register"),
        register_form(municipality=vic.pk, document_kind="dni", document_number="12345678A"),
    )
    assert response.status_code == 200
    assert 'id="id_document_number_error"' in response.content.decode()
    assert not Person.objects.exists()


def test_a_likely_duplicate_is_shown_before_saving(client_for, social_worker, vic):
    PersonFactory(given_names="Aicha", first_surname="El Amrani", second_surname="")
    client = client_for(social_worker.user)
    first = client.post(
        reverse("people:register"), register_form(municipality=vic.pk, **NO_DOCUMENT)
    )
    assert first.status_code == 200
    assert 'name="confirm_new"' in first.content.decode()
    assert Person.objects.count() == 1
    confirmed = client.post(
        reverse("people:register"),
        register_form(municipality=vic.pk, confirm_new="on", **NO_DOCUMENT),
    )
    assert confirmed.status_code == 302
    assert Person.objects.count() == 2


def test_duplicate_in_another_area_is_reported_without_details(client_for, other_abss_worker, vic):
    PersonFactory(
        given_names="Aicha",
        first_surname="El Amrani",
        second_surname="",
        birth_date=date(1990, 5, 4),
    )
    client = client_for(other_abss_worker.user)
    page = client.post(reverse("people:register"), register_form(**NO_DOCUMENT)).content
    assert b'name="confirm_new"' in page
    assert b"Aicha" not in page


@pytest.mark.parametrize(
    "query",
    [
        "montserrat vilaro",
        "VILARÓ Montserrat",
        "montse",
        "vilaro puig",
        "Montserat Vilaró",
        "vil mon",
    ],
)
def test_search_tolerates_order_accents_case_prefix_and_one_typo(social_worker, query):
    wanted = PersonFactory()
    PersonFactory(given_names="Jordi", first_surname="Casals")
    assert person_search_for(social_worker.user, query) == [wanted]


def test_search_by_document_phone_and_birth_date(client_for, social_worker, vic):
    client_for(social_worker.user).post(
        reverse("people:register"), register_form(municipality=vic.pk)
    )
    person = Person.objects.get()
    for query in ("X1234567L", "612345678", "04/05/1990"):
        assert person_search_for(social_worker.user, query) == [person]


def test_search_only_shows_what_the_user_may_see(social_worker, other_abss_worker, facilitator):
    PersonFactory()
    assert person_search_for(social_worker.user, "vilaro")
    assert person_search_for(other_abss_worker.user, "vilaro") == []
    with pytest.raises(PermissionDenied):  # no role to search persons at all
        person_search_for(facilitator.user, "vilaro")


def test_search_query_count_does_not_grow_with_matches(
    social_worker, django_assert_max_num_queries
):
    for i in range(30):
        PersonFactory(given_names=f"Montserrat{i}")
    with django_assert_max_num_queries(14):
        found = person_search_for(social_worker.user, "vilaro")
    assert len(found) == 25


def test_card_access_by_persona(client_for, personas):
    person = PersonFactory()
    url = reverse("people:detail", args=[person.public_id])
    expected = {
        "social_worker": 200,
        "teammate": 200,
        "other_abss_worker": 404,  # out of reach: answered as an unknown id
        "facilitator": 403,
        "dpo": 200,
        "admin": 403,
    }
    for name, status in expected.items():
        user = personas[name].user
        assert client_for(user).get(url).status_code == status, name
        audit = AuditEvent.objects.filter(actor=user, person_id=str(person.pk))
        assert audit.filter(action=AuditAction.READ).exists() == (status == 200), name


def test_stale_edit_is_refused_and_shows_what_changed(client_for, social_worker, teammate):
    person = PersonFactory()
    url = reverse("people:edit", args=[person.public_id])
    form = {
        "given_names": "Montserrat",
        "first_surname": "Vilaró",
        "second_surname": "Puig",
        "sex": "F",
        "municipality": person.municipality_id,
        "version": person.version,
    }
    assert (
        client_for(teammate.user).post(url, {**form, "address": "Carrer Nou 3"}).status_code == 302
    )
    stale = client_for(social_worker.user).post(url, {**form, "address": "Plaça Major 1"})
    assert stale.status_code == 200
    assert "Carrer Nou 3" in stale.content.decode()  # what the other person saved
    assert "Plaça Major 1" in stale.content.decode()  # what this user typed is kept
    person.refresh_from_db()
    assert person.address == "Carrer Nou 3"


def test_emergency_access_needs_a_reason_and_opens_the_card(client_for, other_abss_worker):
    person = PersonFactory()
    client = client_for(other_abss_worker.user)
    url = reverse("people:emergency_access", args=[person.public_id])
    assert client.post(url, {"reason_kind": "health", "reason": "urgent"}).status_code == 200
    assert not AccessGrant.objects.exists()
    reason = "Ingrés hospitalari, cal saber si té expedient obert"
    assert client.post(url, {"reason_kind": "health", "reason": reason}).status_code == 302
    assert client.get(reverse("people:detail", args=[person.public_id])).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.EMERGENCY_ACCESS, reason=reason).exists()


def test_restricted_record_refuses_edits_but_reads_are_audited(client_for, dpo, social_worker):
    person = PersonFactory(birth_date=date(1970, 1, 1))
    url = reverse("people:restrict", args=[person.public_id])
    client_for(dpo.user).post(url, {"restricted": "1", "reason": "Petició de la persona"})
    person.refresh_from_db()
    assert person.is_restricted
    client = client_for(social_worker.user)
    edit = client.post(
        reverse("people:edit", args=[person.public_id]),
        {"given_names": "X", "sex": "U", "version": person.version},
    )
    assert edit.status_code == 200
    person.refresh_from_db()
    assert person.given_names == "Montserrat"
    client.get(reverse("people:detail", args=[person.public_id]))
    assert AuditEvent.objects.filter(actor=social_worker.user, action=AuditAction.READ).exists()


def test_only_the_dpo_exports(client_for, dpo, social_worker):
    person = PersonFactory()
    url = reverse("subject_access:export", args=[person.public_id, "pdf"])
    assert client_for(social_worker.user).get(url).status_code == 403
    client = client_for(dpo.user)
    client.post(reverse("subject_access:prepare", args=[person.public_id]))
    pending = client.get(url)  # the officer's review comes first
    assert pending.status_code == 200 and pending["Content-Type"].startswith("text/html")
    release = pending.context["pending"]
    client.post(reverse("subject_access:release", args=[person.public_id, release.public_id]))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
