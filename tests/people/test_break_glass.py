"""Emergency access with a reason for 4 hours, reviewed by the DPO; the access log."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.people.models import AccessGrant
from xarxa.people.selectors import person_search_for

pytestmark = pytest.mark.django_db
REASON = "Ingrés hospitalari urgent, cal saber si té expedient obert"


def test_search_points_to_emergency_access_for_a_person_elsewhere(client_for, other_abss_worker):
    person = PersonFactory(given_names="Xiomara", first_surname="Quintanilla")
    page = client_for(other_abss_worker.user).get(reverse("people:search"), {"q": "quintanill"})
    content = page.content.decode()
    assert reverse("people:emergency_access", args=[person.public_id]) in content
    assert "Xiomara" not in content and "Quintanilla" not in content


def test_emergency_access_opens_for_four_hours_then_closes(client_for, other_abss_worker):
    person = PersonFactory()
    client = client_for(other_abss_worker.user)
    card = reverse("people:detail", args=[person.public_id])
    assert client.get(card).status_code == 404
    url = reverse("people:emergency_access", args=[person.public_id])
    short = client.post(url, {"reason_kind": "health", "reason": "urgent"})
    assert short.status_code == 200 and 'id="id_reason_error"' in short.content.decode()
    assert not AccessGrant.objects.exists()
    assert client.post(url, {"reason_kind": "health", "reason": REASON}).status_code == 302
    grant = AccessGrant.objects.get()
    assert timedelta(hours=3, minutes=59) < grant.expires_at - timezone.now() <= timedelta(hours=4)
    assert client.get(card).status_code == 200
    assert person_search_for(other_abss_worker.user, "vilaro") == [person]
    assert AuditEvent.objects.filter(
        action=AuditAction.EMERGENCY_ACCESS, reason=REASON, person_id=str(person.pk)
    ).exists()
    # Four hours later the door is shut again.
    AccessGrant.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(card).status_code == 404
    assert person_search_for(other_abss_worker.user, "vilaro") == []


def test_roles_without_break_glass_cannot_ask(client_for, facilitator, dpo):
    person = PersonFactory()
    url = reverse("people:emergency_access", args=[person.public_id])
    for persona in (facilitator, dpo):
        assert (
            client_for(persona.user)
            .post(url, {"reason_kind": "health", "reason": REASON})
            .status_code
            == 403
        )
    assert not AccessGrant.objects.exists()


def test_the_dpo_reviews_emergency_accesses(client_for, dpo, other_abss_worker, social_worker):
    person = PersonFactory()
    client_for(other_abss_worker.user).post(
        reverse("people:emergency_access", args=[person.public_id]),
        {"reason_kind": "health", "reason": REASON},
    )
    grant = AccessGrant.objects.get()
    listing = reverse("people:emergency_reviews")
    assert client_for(social_worker.user).get(listing).status_code == 403
    assert (
        client_for(social_worker.user)
        .post(reverse("people:emergency_review", args=[grant.pk]))
        .status_code
        == 403
    )
    grant.refresh_from_db()
    assert grant.reviewed_at is None
    dpo_client = client_for(dpo.user)
    page = dpo_client.get(listing).content.decode()
    assert REASON in page
    review = reverse("people:emergency_review", args=[grant.pk])
    assert dpo_client.post(review, {"outcome": "justified"}).status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_at is not None
    assert REASON not in dpo_client.get(listing).content.decode()


def test_access_log_lists_every_event_about_the_person(
    client_for, dpo, social_worker, other_abss_worker
):
    person = PersonFactory()
    client_for(social_worker.user).get(reverse("people:detail", args=[person.public_id]))
    client_for(other_abss_worker.user).get(reverse("people:detail", args=[person.public_id]))
    url = reverse("people:access_log", args=[person.public_id])
    assert client_for(social_worker.user).get(url).status_code == 403
    page = client_for(dpo.user).get(url).content.decode()
    assert "sw.vic" in page and "sw.manlleu" in page  # the read and the refused attempt
    denied = AuditEvent.objects.get(actor=other_abss_worker.user, action=AuditAction.DENIED)
    assert denied.person_id == str(person.pk)


def test_access_log_is_paginated(client_for, dpo, social_worker, django_assert_max_num_queries):
    person = PersonFactory()
    client = client_for(social_worker.user)
    for _ in range(55):
        client.get(reverse("people:detail", args=[person.public_id]))
    url = reverse("people:access_log", args=[person.public_id])
    dpo_client = client_for(dpo.user)
    with django_assert_max_num_queries(25):
        first = dpo_client.get(url)
    assert first.status_code == 200 and 'rel="next"' in first.content.decode()
    assert dpo_client.get(url, {"page": 2}).status_code == 200
