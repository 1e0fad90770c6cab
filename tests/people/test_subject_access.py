"""Right of access: the data-protection officer exports everything held about a person."""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from xarxa.core.models import AuditAction, AuditEvent
from xarxa.organisations.models import Team
from xarxa.people.models import ChannelKind, ContactChannel, DocumentKind, IdentityDocument, Person
from xarxa.records.models import (
    CaseFile,
    CaseParticipant,
    CaseProblem,
    Intervention,
    ProblemCategory,
    Sensitivity,
)
from xarxa.records.problems import PROBLEMS, problem_name
from xarxa.records.subject_access import export_as_json, export_as_pdf, person_export_for
from xarxa.territory.models import Abss, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_with_history(social_worker):
    vic = Municipality.objects.get(ine_code="08298")
    abss = Abss.objects.get(code="ABSS-VIC")
    person = Person.objects.create(
        given_names="Ștefania",
        first_surname="Popescu",
        birth_date=date(1984, 3, 9),
        municipality=vic,
        abss=abss,
    )
    IdentityDocument.objects.create(person=person, kind=DocumentKind.NIE, number="X1234567L")
    ContactChannel.objects.create(
        person=person, kind=ChannelKind.MOBILE, value="612 345 678", may_contact=True
    )
    case = CaseFile.objects.create(
        number="VIC-2026-000001",
        person=person,
        abss=abss,
        team=Team.objects.get(name="SSB Vic"),
        municipality=vic,
        reference_professional=social_worker.user,
        opened_on=date(2026, 1, 10),
    )
    CaseParticipant.objects.create(case=case, person=person, valid_from=date(2026, 1, 10))
    note = Intervention.objects.create(
        case=case,
        kind="interview",
        occurred_on=date(2026, 1, 10),
        summary="Primera entrevista: demana ajuda per al lloguer.",
        sensitivity=Sensitivity.GENDER_VIOLENCE,
        author=social_worker.user,
    )
    note.persons.add(person)
    CaseProblem.objects.create(
        case=case,
        category=ProblemCategory.objects.get(code=next(iter(PROBLEMS))),
        started_on=date(2026, 1, 10),
    )
    return person


def test_dpo_exports_everything_as_json_and_pdf(dpo, person_with_history):
    data = person_export_for(dpo.user, person_with_history)
    decoded = json.loads(export_as_json(data))
    assert decoded["person"]["given_names"] == "Ștefania"
    assert decoded["identity_documents"][0]["number"] == "X1234567L"
    assert decoded["contact_channels"][0]["value"] == "612 345 678"
    [case] = decoded["case_files"]
    # Their own data, sensitive entries included: nothing is masked from the person.
    assert case["interventions"][0]["summary"].startswith("Primera entrevista")
    code = next(iter(PROBLEMS))
    assert case["problems"][0]["code"] == code  # the code and its name, not an internal id
    assert case["problems"][0]["name"] == problem_name(code)
    pdf = export_as_pdf(data)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, actor=dpo.user, person_id=str(person_with_history.pk)
    ).exists()


def test_a_social_worker_cannot_export(social_worker, person_with_history):
    with pytest.raises(PermissionDenied):
        person_export_for(social_worker.user, person_with_history)
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=social_worker.user).exists()
