"""Every records route, persona by persona: allowed, forbidden (403 and a DENIED audit
row), and a forbidden attempt changes nothing. Then masking of confidential and
sensitive entries for each kind of reader."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.records.conftest import opened_back_then, refer, yesterday
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.people.models import Household, HouseholdMembership
from xarxa.records import services
from xarxa.records.models import (
    Attachment,
    CaseAssignment,
    CaseEvent,
    CaseFile,
    CaseParticipant,
    CaseProblem,
    Intervention,
    TimelineEntry,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% test\n"


@pytest.fixture
def world(social_worker, case, siad):
    """A case with one plain note carrying a file and one current problem."""
    opened_back_then(case)  # notes are dated on or after the case file opened
    note = services.intervention_add(
        actor=social_worker.user,
        case=case,
        kind="interview",
        occurred_on=date(2026, 1, 5),
        summary="Plain follow-up note.",
    )
    attachment = services.attachment_add(
        actor=social_worker.user,
        intervention=note,
        upload=SimpleUploadedFile("informe.pdf", PDF, content_type="application/pdf"),
    )
    problem = services.problem_add(actor=social_worker.user, case=case, code="HAB-01")
    household = Household.objects.create(municipality=case.municipality)
    partner, child = PersonFactory(), PersonFactory()
    for member in (case.person, partner, child):
        HouseholdMembership.objects.create(
            household=household, person=member, relationship="other", valid_from=date(2020, 1, 1)
        )
    # The child is in the case file already, the partner could join it.
    joined = CaseParticipant.objects.create(case=case, person=child, valid_from=case.opened_on)
    return {
        "partner": partner,
        "joined": joined,
        "case": case,
        "note": note,
        "attachment": attachment,
        "problem": problem,
        "hh": household,
    }


def _state():
    """Everything a write could change."""
    return (
        CaseFile.objects.count(),
        list(CaseFile.objects.values_list("version", "status", "reference_professional_id")),
        Intervention.objects.count(),
        Attachment.objects.count(),
        CaseProblem.objects.filter(ended_on__isnull=True).count(),
        CaseAssignment.objects.count(),
        CaseEvent.objects.count(),
        TimelineEntry.objects.count(),
        list(CaseParticipant.objects.order_by("id").values_list("person_id", "valid_until")),
    )


def routes(w):
    case, pid = w["case"], w["case"].public_id
    today = timezone.localdate().isoformat()
    note = {
        "summary": "Intrusion",
        "kind": "interview",
        "occurred_on": today,
        "duration_minutes": 10,
        "confidentiality": "team",
    }
    return {
        "case_detail": ("get", reverse("records:case_detail", args=[pid]), None),
        "intervention_add": ("post", reverse("records:intervention_add", args=[pid]), note),
        "case_close": (
            "post",
            reverse("records:case_close", args=[pid]),
            {"reason": "x", "version": case.version},
        ),
        "case_assign": ("get", reverse("records:case_assign", args=[pid]), None),
        "problem_add": (
            "post",
            reverse("records:problem_add", args=[pid]),
            {"category": "ECO-01", "started_on": today},
        ),
        "problem_end": (
            "post",
            reverse("records:problem_end", args=[pid, w["problem"].pk]),
            {"ended_on": today},
        ),
        "attachments": (
            "get",
            reverse("records:attachments", args=[pid, w["note"].pk]),
            None,
        ),
        "attachment_upload": (
            "post",
            reverse("records:attachments", args=[pid, w["note"].pk]),
            {"file": SimpleUploadedFile("b.pdf", PDF)},
        ),
        "attachment_download": (
            "get",
            reverse("records:attachment_download", args=[pid, w["attachment"].pk]),
            None,
        ),
        "timeline": ("get", reverse("records:timeline", args=[case.person.public_id]), None),
        "case_open_page": ("get", reverse("records:case_open", args=[case.person.public_id]), None),
        "case_open": ("post", reverse("records:case_open", args=[case.person.public_id]), {}),
        "participant_add": (
            "post",
            reverse("records:participant_add", args=[pid]),
            {"person": str(w["partner"].public_id), "on": today},
        ),
        "participant_end": (
            "post",
            reverse("records:participant_end", args=[pid, w["joined"].pk]),
            {"on": today},
        ),
        "case_open_household": (
            "post",
            reverse("records:case_open_household", args=[w["hh"].public_id]),
            {},
        ),
    }


WRITES = {
    "intervention_add",
    "case_close",
    "problem_add",
    "problem_end",
    "attachment_upload",
    "case_open",
    "case_open_household",
    "participant_add",
    "participant_end",
}

ALLOWED = {
    # social worker, reference professional: everything
    "social_worker": set(),
    # teammate: everything but the hand-over (not the reference professional)
    "teammate": {"case_assign"},
    # SIAD while referred: reads and writes on this case, but opens no case of its own
    # and hands nothing over
    "siad_referred": {
        "case_assign",
        "case_open_page",
        "case_open",
        "case_open_household",
        "participant_add",
        "participant_end",
    },
}
REFUSED = ["other_abss_worker", "facilitator", "dpo", "admin", "siad", "siad_expired"]


def _call(client, method, url, data):
    if data:  # fresh file objects for each call
        data = {
            k: SimpleUploadedFile(v.name, PDF) if hasattr(v, "read") else v for k, v in data.items()
        }
    return getattr(client, method)(url, data or {})


@pytest.mark.parametrize("who", REFUSED)
def test_refused_personas_get_403_change_nothing_and_are_audited(
    client_for, personas, siad, world, who
):
    if who == "siad_expired":
        refer(world["case"], until=yesterday())
    user = siad.user if who.startswith("siad") else personas[who].user
    client = client_for(user)
    for name, (method, url, data) in routes(world).items():
        before = _state()
        denied = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
        response = _call(client, method, url, data)
        # 403 for a route the role does not open, 404 for a case outside the reach
        # (answered as an unknown id); audited either way.
        assert response.status_code in (403, 404), (who, name, response.status_code)
        assert _state() == before, (who, name)
        assert b"Plain follow-up" not in response.content
        after = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
        assert after > denied, (who, name)


@pytest.mark.parametrize("who", sorted(ALLOWED))
def test_allowed_personas(client_for, personas, siad, world, who):
    if who == "siad_referred":
        refer(world["case"])
    user = siad.user if who.startswith("siad") else personas[who].user
    client = client_for(user)
    for name, (method, url, data) in routes(world).items():
        if name == "case_close":
            continue  # closing is tested on its own (it ends the other writes)
        response = _call(client, method, url, data)
        if name in ALLOWED[who]:
            assert response.status_code == 403, (who, name)
        else:
            assert response.status_code in (200, 302), (who, name, response.status_code)


def test_reads_are_audited_per_person(client_for, social_worker, world):
    case = world["case"]
    client_for(social_worker.user).get(reverse("records:case_detail", args=[case.public_id]))
    assert AuditEvent.objects.filter(
        actor=social_worker.user,
        action=AuditAction.READ,
        object_type="records.casefile",
        person_id=str(case.person_id),
    ).exists()


# --- masking -----------------------------------------------------------------------

SECRET = {
    "gender_violence": "Relata episodis de violència a casa",
    "named": "Només per a professionals anomenats",
    "specialised": "Informació del servei especialitzat",
}


@pytest.fixture
def masked_notes(social_worker, case):
    opened_back_then(case)  # notes are dated on or after the case file opened
    services.intervention_add(
        actor=social_worker.user,
        case=case,
        kind="interview",
        occurred_on=date(2026, 2, 1),
        summary=SECRET["gender_violence"],
        sensitivity="gender_violence",
    )
    services.intervention_add(
        actor=social_worker.user,
        case=case,
        kind="phone_call",
        occurred_on=date(2026, 2, 2),
        summary=SECRET["named"],
        confidentiality="named",
    )
    services.intervention_add(
        actor=social_worker.user,
        case=case,
        kind="report",
        occurred_on=date(2026, 2, 3),
        summary=SECRET["specialised"],
        confidentiality="specialised",
    )
    services.intervention_add(
        actor=social_worker.user,
        case=case,
        kind="interview",
        occurred_on=date(2026, 2, 4),
        summary="Everyone may read this.",
    )
    return case


def _reader(who, personas, siad, case, named_teammate=False):
    if who.startswith("siad"):
        if who == "siad_referred":
            refer(case)
        elif who == "siad_expired":
            refer(case, until=yesterday())
        return siad.user
    return personas[who].user


# who -> which secrets they read (None: no access at all)
MASKING = {
    "social_worker": {"gender_violence", "named", "specialised"},  # author & reference
    "teammate": set(),  # same ABSS, not involved: sees that entries exist only
    "other_abss_worker": None,
    "siad": None,
    "siad_expired": None,
    # SIAD reads its own category (gender violence), not a note "only for the specialised
    # service" written by basic services: that is the authoring service's only.
    "siad_referred": {"gender_violence"},
}


@pytest.mark.parametrize("who", sorted(MASKING))
def test_masking_by_persona(client_for, personas, siad, masked_notes, who):
    case = masked_notes
    user = _reader(who, personas, siad, case)
    client = client_for(user)
    pages = [
        reverse("records:case_detail", args=[case.public_id]),
        reverse("records:timeline", args=[case.person.public_id]),
    ]
    for url in pages:
        response = client.get(url)
        if MASKING[who] is None:
            assert response.status_code in (403, 404)  # 404: out of reach
            continue
        body = response.content.decode()
        assert response.status_code == 200
        assert "Everyone may read this." in body
        for key, text in SECRET.items():
            assert (text in body) == (key in MASKING[who]), (who, url, key)
        if MASKING[who] != set(SECRET):
            hidden = len(set(SECRET) - MASKING[who])
            assert body.count('class="masked"') == hidden, (who, url)


def test_named_professional_reads_a_named_note(client_for, social_worker, teammate, case):
    opened_back_then(case)  # notes are dated on or after the case file opened
    services.intervention_add(
        actor=social_worker.user,
        case=case,
        kind="interview",
        occurred_on=date(2026, 2, 2),
        summary=SECRET["named"],
        confidentiality="named",
        professionals=[teammate.user],
    )
    body = client_for(teammate.user).get(reverse("records:case_detail", args=[case.public_id]))
    assert SECRET["named"] in body.content.decode()


def test_restricted_timeline_entry_shows_only_date_and_kind(client_for, teammate, masked_notes):
    case = masked_notes
    body = (
        client_for(teammate.user)
        .get(reverse("records:timeline", args=[case.person.public_id]))
        .content.decode()
    )
    # The sensitive interview shows neither its summary nor its title ("Interview").
    assert SECRET["gender_violence"] not in body
    assert body.count('class="masked"') == 3


def test_siad_reads_only_the_case_referred_to_it(client_for, social_worker, siad, case):
    other = services.case_open(actor=social_worker.user, person=case.person)
    opened_back_then(other)  # notes are dated on or after the case file opened
    services.intervention_add(
        actor=social_worker.user,
        case=other,
        kind="interview",
        occurred_on=date(2026, 3, 1),
        summary="Note on the other case.",
    )
    refer(case)
    client = client_for(siad.user)
    assert client.get(reverse("records:case_detail", args=[other.public_id])).status_code == 404
    body = client.get(reverse("records:timeline", args=[case.person.public_id])).content.decode()
    assert "Note on the other case." not in body


def test_attachment_download_is_access_checked_and_safe(client_for, personas, world):
    url = reverse(
        "records:attachment_download", args=[world["case"].public_id, world["attachment"].pk]
    )
    response = client_for(personas["teammate"].user).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="informe.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert client_for(personas["other_abss_worker"].user).get(url).status_code == 404
    # A file of a note the reader may not read is refused like the note.
    secret = services.intervention_add(
        actor=personas["social_worker"].user,
        case=world["case"],
        kind="report",
        occurred_on=date(2026, 1, 6),
        summary="x",
        confidentiality="named",
    )
    hidden = services.attachment_add(
        actor=personas["social_worker"].user,
        intervention=secret,
        upload=SimpleUploadedFile("secret.pdf", PDF),
    )
    hidden_url = reverse("records:attachment_download", args=[world["case"].public_id, hidden.pk])
    assert client_for(personas["teammate"].user).get(hidden_url).status_code == 403
    assert client_for(personas["social_worker"].user).get(hidden_url).status_code == 200
