"""Emergency access ("break the glass") is read only and does not become permanent: no
case opening, participant adding, editing, merging or consent changes through a grant;
after expiry nobody of the requester's team reads the person; a structured reason of
real content; a weekly cap; the data-protection officer told at once; a second person
for protected persons; the officer's review records an outcome. Page and API."""

import logging
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories import PASSWORD, AssignmentFactory, PersonFactory, UserFactory, abss
from xarxa.organisations.models import Team
from xarxa.people import services
from xarxa.people.models import AccessGrant, EmergencyNotice, Household, HouseholdMembership
from xarxa.people.policies import GrantIsReadOnly
from xarxa.records.models import CaseFile, CaseParticipant

pytestmark = pytest.mark.django_db
JSON = "application/json"
KIND = "health"
REASON = "Ingrés hospitalari urgent, cal saber si té expedient obert"


def said(text, **params):
    """A message as the app says it, in the default language."""
    with translation.override(django_settings.LANGUAGE_CODE):
        return gettext(text) % params if params else gettext(text)


CAP = (
    "You have used the %(cap)d emergency accesses allowed in a week. Ask the team that "
    "attends this person, or the data-protection officer."
)


def _ask(client, person, reason=REASON, kind=KIND):
    return client.post(
        reverse("people:emergency_access", args=[person.public_id]),
        {"reason_kind": kind, "reason": reason},
    )


def _ask_api(api, person, reason=REASON, kind=KIND):
    return api.post(
        f"/api/v1/persons/{person.public_id}/emergency-access",
        {"reason_kind": kind, "reason": reason},
        content_type=JSON,
        HTTP_X_XARXA_PASSWORD=PASSWORD,
    )


def _manlleu_person(**kwargs):
    return PersonFactory(municipality=None, abss=abss("ABSS-MAN"), **kwargs)


def test_a_grant_does_not_open_a_case_page_or_api(client_for, api_for, other_abss_worker):
    person = PersonFactory()
    client = client_for(other_abss_worker.user)
    assert _ask(client, person).status_code == 302
    card = client.get(reverse("people:detail", args=[person.public_id]))
    assert card.status_code == 200
    content = card.content.decode()
    assert reverse("records:case_open", args=[person.public_id]) not in content
    assert reverse("people:edit", args=[person.public_id]) not in content
    page = client.post(reverse("records:case_open", args=[person.public_id]), {})
    assert page.status_code == 403
    api = api_for(other_abss_worker.user).post(
        "/api/v1/cases", {"person": str(person.public_id)}, content_type=JSON
    )
    assert api.status_code == 403
    with translation.override(django_settings.LANGUAGE_CODE):
        assert api.json()["detail"] == GrantIsReadOnly().explanation
    assert not CaseFile.objects.exists()


def test_a_grant_does_not_add_the_person_to_a_case(client_for, api_for, other_abss_worker):
    neighbour = _manlleu_person(given_names="Veïna")
    from xarxa.records import services as records

    case = records.case_open(actor=other_abss_worker.user, person=neighbour)
    person = PersonFactory()
    home = Household.objects.create(address="C. Major 1")
    for member in (neighbour, person):
        HouseholdMembership.objects.create(
            household=home, person=member, relationship="other", valid_from=timezone.localdate()
        )
    client = client_for(other_abss_worker.user)
    assert _ask(client, person).status_code == 302
    case_page = client.get(reverse("records:case_detail", args=[case.public_id]))
    assert case_page.status_code == 200
    page = client.post(
        reverse("records:participant_add", args=[case.public_id]),
        {"person": str(person.public_id), "on": timezone.localdate().isoformat()},
    )
    assert page.status_code == 403
    api = api_for(other_abss_worker.user).post(
        f"/api/v1/cases/{case.public_id}/participants",
        {"person": str(person.public_id)},
        content_type=JSON,
    )
    assert api.status_code == 403
    assert not CaseParticipant.objects.filter(person=person).exists()


def test_a_grant_does_not_edit_merge_or_change_consents(client_for, api_for, other_abss_worker):
    person = PersonFactory()
    twin = PersonFactory()
    client = client_for(other_abss_worker.user)
    assert _ask(client, person).status_code == 302
    edit_url = reverse("people:edit", args=[person.public_id])
    assert client.get(edit_url).status_code == 403
    assert client.post(edit_url, {"given_names": "X", "sex": "U", "version": 1}).status_code == 403
    api = api_for(other_abss_worker.user)
    patch = api.patch(
        f"/api/v1/persons/{person.public_id}", {"version": 1, "address": "X"}, content_type=JSON
    )
    assert patch.status_code == 403
    consent = api.post(
        f"/api/v1/persons/{person.public_id}/consents",
        {
            "purpose": "share_health",
            "given_on": timezone.localdate().isoformat(),
            "method": "verbal",
        },
        content_type=JSON,
    )
    assert consent.status_code == 403
    # A coordinator of Manlleu (who may merge) with grants to both records still may not.
    coordinator = UserFactory(username="coord.manlleu")
    team = Team.objects.get(name="SSB Manlleu")
    AssignmentFactory(user=coordinator, team=team, role="team_coordinator")
    for record in (person, twin):
        services.access_grant_open(
            actor=coordinator, person=record, reason=REASON, reason_kind=KIND
        )
    with pytest.raises(GrantIsReadOnly):
        services.person_merge(actor=coordinator, survivor=person, merged=twin, reason=REASON)
    person.refresh_from_db()
    twin.refresh_from_db()
    assert (person.address, person.version, twin.merged_into_id) == ("", 1, None)
    assert not person.consents.exists()


def test_after_expiry_the_team_reads_nothing(client_for, api_for, other_abss_worker):
    person = PersonFactory()
    colleague = UserFactory(username="ed.manlleu")
    AssignmentFactory(
        user=colleague, team=Team.objects.get(name="SSB Manlleu"), role="social_educator"
    )
    client = client_for(other_abss_worker.user)
    assert _ask(client, person).status_code == 302
    client.post(reverse("records:case_open", args=[person.public_id]), {})
    api_for(other_abss_worker.user).post(
        "/api/v1/cases", {"person": str(person.public_id)}, content_type=JSON
    )
    AccessGrant.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    card = reverse("people:detail", args=[person.public_id])
    for user in (other_abss_worker.user, colleague):
        assert client_for(user).get(card).status_code == 404
        assert api_for(user).get(f"/api/v1/persons/{person.public_id}").status_code == 404


@pytest.mark.parametrize(
    "reason",
    [
        "xxxxxxxxxxxxxxx",
        "x x x x x x x x x x x x x x x",
        "asdf asdf asdf asdf",
        "urgent urgent urgent urgent",
        "aaaaaaaaaaaaaaaaaaaaaaaa bbbb",
    ],
)
def test_a_weak_reason_is_refused(client_for, api_for, other_abss_worker, reason):
    person = PersonFactory()
    page = _ask(client_for(other_abss_worker.user), person, reason=reason)
    assert page.status_code == 200 and 'id="id_reason_error"' in page.content.decode()
    api = _ask_api(api_for(other_abss_worker.user), person, reason=reason)
    assert api.status_code == 422
    assert not AccessGrant.objects.exists()


def test_the_kind_of_emergency_is_a_choice(client_for, api_for, other_abss_worker):
    person = PersonFactory()
    page = _ask(client_for(other_abss_worker.user), person, kind="")
    assert page.status_code == 200 and 'id="id_reason_kind_error"' in page.content.decode()
    api = _ask_api(api_for(other_abss_worker.user), person, kind="because_i_say_so")
    assert api.status_code == 422
    assert not AccessGrant.objects.exists()


def test_grants_are_capped_per_week(client_for, api_for, other_abss_worker, settings):
    settings.XARXA_EMERGENCY_GRANTS_PER_WEEK = 2
    client = client_for(other_abss_worker.user)
    assert _ask(client, PersonFactory()).status_code == 302
    assert _ask_api(api_for(other_abss_worker.user), PersonFactory()).status_code == 201
    third = _ask(client, PersonFactory())
    assert third.status_code == 429
    assert escape(said(CAP, cap=2)) in third.content.decode()
    api = _ask_api(api_for(other_abss_worker.user), PersonFactory())
    assert api.status_code == 429 and api["Retry-After"]
    assert api.json()["detail"] == said(CAP, cap=2)
    assert AccessGrant.objects.count() == 2
    AccessGrant.objects.update(created_at=timezone.now() - timedelta(days=8))
    assert _ask(client, PersonFactory()).status_code == 302


def test_the_dpo_is_told_at_once(
    client_for, other_abss_worker, dpo, caplog, django_capture_on_commit_callbacks
):
    person = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert _ask(client_for(other_abss_worker.user), person).status_code == 302
    notice = EmergencyNotice.objects.get()
    assert notice.recipient == dpo.user and notice.kind == "opened" and notice.read_at is None
    assert [m.to for m in mail.outbox] == [[dpo.user.email]]
    assert person.full_name not in mail.outbox[0].body  # the mail names no one
    # Without a mail address for the officer: the notice, a warning in the log, no crash.
    type(dpo.user).objects.filter(pk=dpo.user.pk).update(email="")
    with caplog.at_level(logging.WARNING):
        assert _ask(client_for(other_abss_worker.user), PersonFactory()).status_code == 302
    assert EmergencyNotice.objects.count() == 2
    assert "no data-protection officer has an email address" in caplog.text


def test_a_protected_person_needs_a_second_person(
    client_for, api_for, other_abss_worker, coordinator, dpo, social_worker
):
    person = PersonFactory(protection="gender_violence")
    client = client_for(other_abss_worker.user)
    card = reverse("people:detail", args=[person.public_id])
    assert _ask(client, person).status_code == 302
    grant = AccessGrant.objects.get()
    assert grant.pending
    assert client.get(card).status_code == 404  # not open until approved
    assert EmergencyNotice.objects.filter(recipient=coordinator.user, kind="approval").exists()
    approvals = reverse("people:emergency_approvals")
    assert client_for(social_worker.user).get(approvals).status_code == 403
    approve = reverse("people:emergency_approve", args=[grant.pk])
    assert client_for(social_worker.user).post(approve).status_code == 403
    assert client.post(approve).status_code == 403  # never one's own
    assert REASON in client_for(coordinator.user).get(approvals).content.decode()
    assert client_for(coordinator.user).post(approve).status_code == 302
    grant.refresh_from_db()
    assert not grant.pending and grant.approved_by == coordinator.user
    assert client.get(card).status_code == 200
    # The API: the same wait, the officer approves.
    other = PersonFactory(protection="relocated_victim")
    asked = _ask_api(api_for(other_abss_worker.user), other)
    assert asked.status_code == 201 and asked.json()["pending"] is True
    url = f"/api/v1/persons/{other.public_id}"
    assert api_for(other_abss_worker.user).get(url).status_code == 404
    pending = api_for(dpo.user).get("/api/v1/persons/emergency-access/pending").json()
    assert [g["id"] for g in pending] == [asked.json()["id"]]
    approved = api_for(dpo.user).post(
        f"/api/v1/persons/emergency-access/{asked.json()['id']}/approve"
    )
    assert approved.status_code == 200 and approved.json()["pending"] is False
    assert api_for(other_abss_worker.user).get(url).status_code == 200


def test_the_dpo_review_records_an_outcome(
    client_for, api_for, other_abss_worker, dpo, social_worker
):
    client = client_for(other_abss_worker.user)
    first, second = PersonFactory(), PersonFactory()
    _ask(client, first)
    _ask(client, second)
    grant_one, grant_two = AccessGrant.objects.order_by("id")
    review = reverse("people:emergency_review", args=[grant_one.pk])
    assert client_for(social_worker.user).post(review, {"outcome": "justified"}).status_code == 403
    dpo_client = client_for(dpo.user)
    dpo_client.post(review, {"outcome": "not_justified", "follow_up": ""})
    grant_one.refresh_from_db()
    assert grant_one.reviewed_at is None  # not justified needs the follow-up
    follow_up = "Entrevista amb la treballadora i avís a la coordinació de Manlleu"
    assert (
        dpo_client.post(review, {"outcome": "not_justified", "follow_up": follow_up}).status_code
        == 302
    )
    grant_one.refresh_from_db()
    assert (grant_one.outcome, grant_one.follow_up) == ("not_justified", follow_up)
    assert grant_one.reviewed_by == dpo.user
    api = api_for(dpo.user)
    bad = api.post(
        f"/api/v1/persons/emergency-access/{grant_two.pk}/review",
        {"outcome": "meh"},
        content_type=JSON,
    )
    assert bad.status_code == 422
    done = api.post(
        f"/api/v1/persons/emergency-access/{grant_two.pk}/review",
        {"outcome": "justified"},
        content_type=JSON,
    )
    assert done.status_code == 200 and done.json()["outcome"] == "justified"
    assert (
        api_for(social_worker.user).get("/api/v1/persons/emergency-access/unreviewed").status_code
        == 403
    )


def test_case_write_forms_are_hidden_and_refused_through_a_grant(
    client_for, api_for, other_abss_worker, case
):
    person = case.participants.get().person
    client = client_for(other_abss_worker.user)
    assert _ask(client, person).status_code == 302
    page = client.get(reverse("records:case_detail", args=[case.public_id]))
    assert page.status_code == 200
    assert reverse("records:intervention_add", args=[case.public_id]) not in page.content.decode()
    api = api_for(other_abss_worker.user).post(
        f"/api/v1/cases/{case.public_id}/interventions",
        {"summary": "Visita a domicili"},
        content_type=JSON,
    )
    assert api.status_code == 403
    assert not case.interventions.exists()


def test_coordinators_and_the_dpo_flag_protected_persons(
    client_for, api_for, coordinator, dpo, social_worker, other_abss_worker
):
    person = PersonFactory()
    url = reverse("people:protection", args=[person.public_id])
    data = {"protection": "gender_violence", "reason": "Ordre de protecció vigent"}
    assert client_for(social_worker.user).post(url, data).status_code == 403
    assert client_for(other_abss_worker.user).post(url, data).status_code == 403
    person.refresh_from_db()
    assert person.protection == ""
    assert client_for(coordinator.user).post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.protection == "gender_violence"
    api = api_for(dpo.user)
    path = f"/api/v1/persons/{person.public_id}/protection"
    bad = api.post(path, {"protection": "vip", "reason": "Prova"}, content_type=JSON)
    assert bad.status_code == 422
    done = api.post(
        path, {"protection": "relocated_victim", "reason": "Reubicada"}, content_type=JSON
    )
    assert done.status_code == 200
    person.refresh_from_db()
    assert person.protection == "relocated_victim"
    assert _ask(client_for(other_abss_worker.user), person).status_code == 302
    assert AccessGrant.objects.get().pending
