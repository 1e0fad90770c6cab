"""Case files over time: numbering, households, close and reopen, hand-over history,
stale edits, problems and attachments."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from xarxa.core.concurrency import StaleEdit
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.people.models import Household, HouseholdMembership
from xarxa.records import services
from xarxa.records.models import (
    Attachment,
    CaseAssignment,
    CaseFile,
    CaseProblem,
    ProblemCategory,
    TimelineEntry,
)
from xarxa.records.problems import PROBLEMS
from xarxa.territory.models import AbssMembership, Municipality

pytestmark = pytest.mark.django_db


def test_numbers_are_per_abss_and_year(social_worker, other_abss_worker):
    year = timezone.localdate().year
    first = services.case_open(actor=social_worker.user, person=PersonFactory())
    second = services.case_open(actor=social_worker.user, person=PersonFactory())
    last_year = services.case_open(
        actor=social_worker.user, person=PersonFactory(), opened_on=date(year - 1, 12, 31)
    )
    manlleu = Municipality.objects.get(ine_code="08112")
    from tests.factories import abss

    elsewhere = services.case_open(
        actor=other_abss_worker.user,
        person=PersonFactory(municipality=manlleu, abss=abss("ABSS-MAN")),
    )
    assert [first.number, second.number] == [f"VIC-{year}-000001", f"VIC-{year}-000002"]
    assert last_year.number == f"VIC-{year - 1}-000001"
    assert elsewhere.number == f"MAN-{year}-000001"
    assert elsewhere.municipality == manlleu
    assert first.team.name == "SSB Vic" and first.abss.code == "ABSS-VIC"


def test_household_case_covers_current_members(social_worker):
    mother, son, gone = PersonFactory(), PersonFactory(given_names="Pau"), PersonFactory()
    household = Household.objects.create(municipality=mother.municipality)
    for person, until in ((mother, None), (son, None), (gone, date(2021, 1, 1))):
        HouseholdMembership.objects.create(
            household=household,
            person=person,
            relationship="reference" if person == mother else "child",
            valid_from=date(2020, 1, 1),
            valid_until=until,
        )
    case = services.case_open(actor=social_worker.user, household=household)
    assert set(case.participants.values_list("person", flat=True)) == {mother.pk, son.pk}
    assert set(
        TimelineEntry.objects.filter(kind="case.opened").values_list("person", flat=True)
    ) == {mother.pk, son.pk}
    assert set(
        AuditEvent.objects.filter(
            action=AuditAction.CREATE, object_type="records.casefile"
        ).values_list("person_id", flat=True)
    ) == {str(mother.pk), str(son.pk)}


def test_open_refuses_future_dates_and_persons_out_of_reach(social_worker, other_abss_worker):
    person = PersonFactory()
    with pytest.raises(ValidationError):
        services.case_open(
            actor=social_worker.user,
            person=person,
            opened_on=timezone.localdate() + timedelta(days=1),
        )
    with pytest.raises(PermissionDenied):
        services.case_open(actor=other_abss_worker.user, person=person)
    with pytest.raises(ValidationError):  # the reference professional must work in the ABSS
        services.case_open(
            actor=social_worker.user, person=person, reference_professional=other_abss_worker.user
        )
    assert not CaseFile.objects.exists()


def test_open_refuses_a_case_with_nowhere_to_be_placed(social_worker):
    """No address, a team without a municipality, an ABSS covering none: a clear refusal
    (it used to fail with an AttributeError)."""
    team = social_worker.user.assignments.get().team
    team.organisation.municipality = None
    team.organisation.save()
    AbssMembership.objects.filter(abss__code="ABSS-VIC").delete()
    with pytest.raises(ValidationError, match="no cobreix cap municipi"):
        services.case_open(actor=social_worker.user, person=PersonFactory(municipality=None))
    assert not CaseFile.objects.exists()


def test_close_requires_a_reason_and_reopen_keeps_history(social_worker, case):
    with pytest.raises(ValidationError):
        services.case_close(actor=social_worker.user, case=case, reason="  ")
    case.refresh_from_db()
    assert case.status == "open" and case.version == 1
    services.case_close(actor=social_worker.user, case=case, reason="Objectius assolits")
    with pytest.raises(ValidationError):  # nothing is recorded on a closed case
        services.intervention_add(
            actor=social_worker.user,
            case=case,
            kind="interview",
            occurred_on=timezone.localdate(),
            summary="x",
        )
    services.case_reopen(actor=social_worker.user, case=case, reason="Nova demanda")
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.version) == ("open", None, 3)
    kinds = list(
        TimelineEntry.objects.filter(person=case.person)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["case.opened", "case.closed", "case.reopened"]


def test_close_with_a_stale_version_is_refused(client_for, social_worker, teammate, case):
    stale_version = case.version
    services.case_close(actor=teammate.user, case=case, reason="Tancat per l'educadora")
    response = client_for(social_worker.user).post(
        reverse("records:case_close", args=[case.public_id]),
        {"reason": "Tanco jo", "version": stale_version},
        follow=True,
    )
    case.refresh_from_db()
    assert case.closing_reason == "Tancat per l'educadora"
    assert response.status_code == 200
    with pytest.raises(StaleEdit):
        services.case_reopen(
            actor=social_worker.user, case=case, reason="x", expected_version=stale_version
        )


def test_reference_professional_hands_over_and_history_is_kept(
    client_for, social_worker, teammate, case
):
    client = client_for(social_worker.user)
    url = reverse("records:case_assign", args=[case.public_id])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "reference_professional": teammate.user.pk,
            "team": case.team_id,
            "municipality": case.municipality_id,
            "reason": "Canvi de referent per vacances",
            "version": case.version,
            "was_reference_professional": case.reference_professional_id,
            "was_team": case.team_id,
            "was_municipality": case.municipality_id,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.reference_professional == teammate.user and case.version == 2
    history = list(case.assignments.order_by("id"))
    assert [a.reference_professional for a in history] == [social_worker.user, teammate.user]
    assert history[0].valid_until == timezone.localdate() and history[1].valid_until is None
    assert case.events.filter(kind="reassigned", reason="Canvi de referent per vacances").exists()
    assert TimelineEntry.objects.filter(person=case.person, kind="case.reassigned").exists()
    # The previous holder is no longer the reference: no more hand-over for her.
    assert client.get(url).status_code == 403


def test_coordinator_reassigns_teammate_may_not(coordinator, teammate, social_worker, case):
    with pytest.raises(PermissionDenied):
        services.case_reassign(
            actor=teammate.user,
            case=case,
            expected_version=1,
            reason="x",
            reference_professional=teammate.user,
        )
    services.case_reassign(
        actor=coordinator.user,
        case=case,
        expected_version=1,
        reason="Redistribució",
        reference_professional=teammate.user,
    )
    assert CaseAssignment.objects.filter(case=case).count() == 2


def test_stale_hand_over_is_refused_and_shows_what_changed(
    client_for, coordinator, social_worker, teammate, case
):
    services.case_reassign(
        actor=coordinator.user,
        case=case,
        expected_version=1,
        reason="Redistribució",
        reference_professional=teammate.user,
    )
    # The coordinator's colleague had the form open on version 1.
    response = client_for(coordinator.user).post(
        reverse("records:case_assign", args=[case.public_id]),
        {
            "reference_professional": coordinator.user.pk,
            "team": case.team_id,
            "municipality": case.municipality_id,
            "reason": "Ho agafo jo",
            "version": 1,
            "was_reference_professional": social_worker.user.pk,
            "was_team": case.team_id,
            "was_municipality": case.municipality_id,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert teammate.user.get_full_name() in body  # what someone else changed
    assert 'value="Ho agafo jo"' in body  # nothing the user typed is lost
    assert 'name="version" value="2"' in body
    case.refresh_from_db()
    assert case.reference_professional == teammate.user
    assert CaseAssignment.objects.filter(case=case).count() == 2


def test_problem_list_is_loaded_and_translated():
    assert ProblemCategory.objects.count() == len(PROBLEMS) >= 30
    assert set(ProblemCategory.objects.values_list("group", flat=True)) >= {
        "economic",
        "housing",
        "gender_violence",
        "justice",
        "digital",
    }
    assert ProblemCategory.objects.get(code="VIG-01").sensitivity == "gender_violence"
    from django.utils import translation

    from xarxa.records.problems import problem_name

    with translation.override("en"):
        assert problem_name("HAB-02") == "Homelessness"


def test_problems_start_and_end(client_for, social_worker, teammate, case):
    client = client_for(social_worker.user)
    today = timezone.localdate()
    assert client.get(reverse("records:problem_add", args=[case.public_id])).status_code == 200
    client.post(
        reverse("records:problem_add", args=[case.public_id]),
        {"category": "VIG-01", "started_on": "2026-01-10"},
    )
    problem = CaseProblem.objects.get()
    # The same problem twice, or an unknown code: refused, nothing added.
    for data in ({"category": "VIG-01", "started_on": "2026-01-11"}, {"category": "NOPE"}):
        response = client.post(reverse("records:problem_add", args=[case.public_id]), data)
        assert response.status_code == 200 and CaseProblem.objects.count() == 1
    # An end before the start is refused.
    client.post(
        reverse("records:problem_end", args=[case.public_id, problem.pk]),
        {"ended_on": "2025-01-01"},
    )
    problem.refresh_from_db()
    assert problem.ended_on is None
    page = client_for(teammate.user).get(reverse("records:case_detail", args=[case.public_id]))
    assert 'class="masked"' in page.content.decode()  # a sensitive problem, for a teammate
    client.post(
        reverse("records:problem_end", args=[case.public_id, problem.pk]),
        {"ended_on": today.isoformat()},
    )
    problem.refresh_from_db()
    assert problem.ended_on == today


# --- attachments -------------------------------------------------------------------


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.fixture
def note(social_worker, case):
    return services.intervention_add(
        actor=social_worker.user,
        case=case,
        kind="interview",
        occurred_on=timezone.localdate(),
        summary="Porta documents.",
    )


@pytest.mark.parametrize(
    "name, content, expected_type",
    [
        ("informe.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("foto.JPG", b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        ("foto.png", b"\x89PNG\r\n\x1a\nrest", "image/png"),
        ("carta.odt", _odt(), "application/vnd.oasis.opendocument.text"),
        (
            "carta.docx",
            _docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_allowed_files_are_stored_with_their_hash(
    social_worker, note, name, content, expected_type
):
    import hashlib

    stored = services.attachment_add(
        actor=social_worker.user, intervention=note, upload=SimpleUploadedFile(name, content)
    )
    assert stored.content_type == expected_type
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.size == len(content)
    assert name not in stored.file.name  # stored under a random name
    assert stored.file.open("rb").read() == content


@pytest.mark.parametrize(
    "name, content",
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("fake.pdf", b"<html>not a pdf</html>"),
        ("fake.png", b"\xff\xd8\xff\xe0 a jpeg"),
        ("fake.docx", b"PK\x03\x04 broken zip"),
        ("fake.odt", _docx()),  # a zip, but not an ODT
        ("pagina.html", b"<script>alert(1)</script>"),
        ("empty.pdf", b""),
    ],
)
def test_refused_file_types(client_for, social_worker, case, note, name, content):
    response = client_for(social_worker.user).post(
        reverse("records:attachments", args=[case.public_id, note.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert not Attachment.objects.exists()


def test_files_over_10_mb_are_refused(social_worker, note):
    big = SimpleUploadedFile("gran.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError):
        services.attachment_add(actor=social_worker.user, intervention=note, upload=big)
    exactly = SimpleUploadedFile("limit.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 - 5))
    services.attachment_add(actor=social_worker.user, intervention=note, upload=exactly)
    assert Attachment.objects.count() == 1
