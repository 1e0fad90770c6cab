"""Merging duplicates: everything moves to the survivor, exactly, and back on undo."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.organisations.models import Team
from xarxa.people import services
from xarxa.people.models import (
    AccessGrant,
    Consent,
    ContactChannel,
    Household,
    HouseholdMembership,
    IdentityDocument,
    PersonMerge,
)
from xarxa.people.selectors import person_search_for
from xarxa.records.models import CaseFile, CaseParticipant, Intervention, TimelineEntry
from xarxa.territory.models import Abss

pytestmark = pytest.mark.django_db
REASON = "Mateix DNI i mateixa data de naixement"


def hanging_off(person):
    """Everything that hangs off a person, as comparable sets."""
    return {
        "documents": set(person.documents.values_list("pk", flat=True)),
        "channels": set(person.channels.values_list("pk", flat=True)),
        "memberships": set(person.memberships.values_list("pk", flat=True)),
        "consents": set(person.consents.values_list("pk", flat=True)),
        "participations": set(person.case_participations.values_list("pk", flat=True)),
        "own_cases": set(person.own_case_files.values_list("pk", flat=True)),
        "interventions": set(person.interventions.values_list("pk", flat=True)),
        "timeline": set(person.timeline_entries.values_list("pk", flat=True)),
        "grants": set(person.access_grants.values_list("pk", flat=True)),
    }


@pytest.fixture
def pair(social_worker, coordinator):
    survivor = PersonFactory(given_names="Aïcha", first_surname="El Amrani", second_surname="")
    duplicate = PersonFactory(given_names="Aixa", first_surname="Amrani", second_surname="")
    case = CaseFile.objects.create(
        number="VIC-2025-000001", person=duplicate, abss=Abss.objects.get(code="ABSS-VIC"),
        team=Team.objects.get(name="SSB Vic"), municipality=duplicate.municipality,
        reference_professional=social_worker.user, opened_on=date(2025, 1, 1),
    )  # fmt: skip
    CaseParticipant.objects.create(case=case, person=duplicate)
    CaseParticipant.objects.create(case=case, person=survivor)
    shared = Intervention.objects.create(
        case=case, kind="interview", occurred_on=date(2025, 1, 2), summary="Entrevista",
        author=social_worker.user,
    )  # fmt: skip
    shared.persons.add(duplicate, survivor)
    own = Intervention.objects.create(
        case=case, kind="phone_call", occurred_on=date(2025, 1, 3), summary="Trucada",
        author=social_worker.user,
    )  # fmt: skip
    own.persons.add(duplicate)
    TimelineEntry.objects.create(
        person=duplicate, case=case, on=date(2025, 1, 3), kind="intervention.phone_call",
        title="Trucada", object_type="records.intervention", object_id=str(own.pk),
    )  # fmt: skip
    IdentityDocument.objects.create(person=duplicate, kind="nie", number="X1234567L")
    IdentityDocument.objects.create(person=survivor, kind="nie", number="X1234567L")
    IdentityDocument.objects.create(person=duplicate, kind="cip", number="AMRA0123456789")
    ContactChannel.objects.create(
        person=duplicate, kind="mobile", value="612345678", search_value="612345678",
        may_contact=True,
    )  # fmt: skip
    HouseholdMembership.objects.create(
        household=Household.objects.create(), person=duplicate, relationship="reference"
    )
    Consent.objects.create(
        person=duplicate, purpose="share_health", given_on=date(2025, 1, 1), method="verbal",
        recorded_by=social_worker.user,
    )  # fmt: skip
    AccessGrant.objects.create(
        person=duplicate, user=social_worker.user, reason="x" * 20,
        expires_at=timezone.now(),
    )  # fmt: skip
    return survivor, duplicate


def test_merge_moves_everything_and_undo_moves_it_back(coordinator, pair):
    survivor, duplicate = pair
    before = (hanging_off(survivor), hanging_off(duplicate))
    merge = services.person_merge(
        actor=coordinator.user, survivor=survivor, merged=duplicate, reason=REASON
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    after = hanging_off(duplicate)
    # Only the copy of the document the survivor already had stays behind.
    assert after["documents"] == {duplicate.documents.get(kind="nie").pk} and not any(
        v for k, v in after.items() if k != "documents"
    )
    moved = hanging_off(survivor)
    for key in before[0]:
        assert before[0][key] | before[1][key] >= moved[key]
    assert moved["interventions"] == before[0]["interventions"] | before[1]["interventions"]
    assert moved["own_cases"] == before[1]["own_cases"]
    assert set(merge.moved) >= {
        "people.identitydocument.person",
        "people.contactchannel.person",
        "people.householdmembership.person",
        "people.consent.person",
        "people.accessgrant.person",
        "records.caseparticipant.person",
        "records.casefile.person",
        "records.timelineentry.person",
        "records.intervention.persons",
        "records.intervention.persons:dropped",
    }
    # the duplicate left the index; "Aixa" is a spelling of "Aïcha", so the survivor answers
    assert person_search_for(coordinator.user, "aixa amrani") == [survivor]
    assert AuditEvent.objects.filter(action=AuditAction.MERGE, reason=REASON).count() == 2

    services.person_merge_undo(actor=coordinator.user, merge=merge, reason="No era la mateixa")
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert (hanging_off(survivor), hanging_off(duplicate)) == before
    assert set(person_search_for(coordinator.user, "aixa amrani")) == {survivor, duplicate}
    merge.refresh_from_db()
    assert merge.undone_by == coordinator.user
    assert AuditEvent.objects.filter(action=AuditAction.UNMERGE).count() == 2
    with pytest.raises(ValidationError):
        services.person_merge_undo(actor=coordinator.user, merge=merge, reason="Una altra vegada")


def test_merge_needs_a_reason_two_records_and_the_permission(coordinator, social_worker, pair):
    survivor, duplicate = pair
    with pytest.raises(ValidationError):
        services.person_merge(
            actor=coordinator.user, survivor=survivor, merged=duplicate, reason=""
        )
    with pytest.raises(ValidationError):
        services.person_merge(
            actor=coordinator.user, survivor=survivor, merged=survivor, reason=REASON
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.person_merge(
            actor=social_worker.user, survivor=survivor, merged=duplicate, reason=REASON
        )
    assert not PersonMerge.objects.exists()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_merge_and_undo_pages(client_for, coordinator, social_worker, pair):
    survivor, duplicate = pair
    client = client_for(coordinator.user)
    url = reverse("people:merge", args=[survivor.public_id])
    compare = client.get(url, {"other": str(duplicate.public_id)})
    assert compare.status_code == 200
    assert "AMRA0123456789" in compare.content.decode()  # the other side is shown
    short = client.post(f"{url}?other={duplicate.public_id}", {"reason": "same"})
    assert short.status_code == 200 and not PersonMerge.objects.exists()
    done = client.post(f"{url}?other={duplicate.public_id}", {"reason": REASON})
    assert done.status_code == 302
    merge = PersonMerge.objects.get()
    card = client.get(reverse("people:detail", args=[survivor.public_id])).content.decode()
    assert reverse("people:merge_undo", args=[merge.pk]) in card
    # A social worker may not merge or undo.
    worker = client_for(social_worker.user)
    assert worker.get(url, {"other": str(duplicate.public_id)}).status_code == 403
    assert (
        worker.post(reverse("people:merge_undo", args=[merge.pk]), {"reason": REASON}).status_code
        == 403
    )
    merge.refresh_from_db()
    assert merge.undone_at is None
    undo = client.post(reverse("people:merge_undo", args=[merge.pk]), {"reason": REASON})
    assert undo.status_code == 302
    merge.refresh_from_db()
    assert merge.undone_at is not None
