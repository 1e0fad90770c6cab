"""The right of access (GDPR art. 15): everything Xarxa holds about one person, as JSON
for machines and as a readable PDF for the person. Only the data-protection officer's
role may export; every export is audited.

It lives in records, above people, because it gathers both: the person's identity,
documents, households and consents, and their case files and timeline."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from fpdf import FPDF

from xarxa.core.audit import audit_events_about, audit_record
from xarxa.core.errors import Conflict
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm
from xarxa.people.models import Person
from xarxa.people.policies import PeoplePerm
from xarxa.people.selectors import person_get_for
from xarxa.records.models import (
    CaseFile,
    CaseProblem,
    Intervention,
    SubjectAccessExport,
    TimelineEntry,
)
from xarxa.records.problems import problem_name
from xarxa.records.subject_redaction import redact_third_parties, third_party_names

if TYPE_CHECKING:
    from xarxa.accounts.models import User

UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _user_name(user: User | None) -> str:
    return user.get_full_name() or user.get_username() if user else ""


def person_export_for(user: User, person: Person) -> dict[str, Any]:
    """Collect the whole record of ``person``. Audited as one EXPORT event."""
    check_perm(user, PeoplePerm.EXPORT)
    documents = [
        {"type": d.get_kind_display(), "number": d.number, "country": d.country}
        for d in person.documents.all()
    ]
    channels = [
        {"channel": c.get_kind_display(), "value": c.value, "may_contact": c.may_contact}
        for c in person.channels.all()
    ]
    households = [
        {
            "household": str(m.household.public_id),
            "address": m.household.address,
            "relationship": m.get_relationship_display(),
            "from": m.valid_from,
            "until": m.valid_until,
        }
        for m in person.memberships.select_related("household").order_by("valid_from")
    ]
    consents = [
        {
            "purpose": c.get_purpose_display(),
            "given_on": c.given_on,
            "how": c.get_method_display(),
            "expires_on": c.expires_on,
            "withdrawn_on": c.withdrawn_on,
        }
        for c in person.consents.order_by("given_on")
    ]
    mine = (
        Intervention.objects.filter(persons=person)
        .select_related("author")
        .order_by("occurred_on", "id")
    )
    cases = (
        CaseFile.objects.filter(participants__person=person)
        .distinct()
        .select_related("abss", "reference_professional")
        .prefetch_related(
            Prefetch("problems", queryset=CaseProblem.objects.select_related("category"))
        )
        # A call of its own, so that django-stubs types ``about_person`` as interventions.
        .prefetch_related(Prefetch("interventions", queryset=mine, to_attr="about_person"))
        .order_by("opened_on")
    )
    case_files = [
        {
            "number": case.number,
            "area": case.abss.name,
            "status": case.get_status_display(),
            "opened_on": case.opened_on,
            "closed_on": case.closed_on,
            "closing_reason": case.closing_reason,
            "reference_professional": _user_name(case.reference_professional),
            "problems": [
                {
                    "code": p.category.code,
                    "name": problem_name(p.category.code),
                    "since": p.started_on,
                    "until": p.ended_on,
                }
                for p in case.problems.all()
            ],
            "interventions": [
                {
                    "date": i.occurred_on,
                    "type": i.get_kind_display(),
                    "minutes": i.duration_minutes,
                    "summary": i.summary,
                    "special_category": i.get_sensitivity_display() if i.sensitivity else "",
                    "professional": _user_name(i.author),
                }
                for i in case.about_person
            ],
        }
        for case in cases
    ]
    timeline = [
        {"date": e.on, "what": e.title, "kind": e.kind}
        for e in TimelineEntry.objects.filter(person=person).order_by("on", "id")
    ]
    accesses = [
        {"when": e.at, "who": e.actor_label, "action": e.get_action_display(), "why": e.reason}
        for e in audit_events_about(person.pk).order_by("seq")
    ]
    # Third parties' names out of the person's own record (notes, timeline, reasons).
    case_files, redacted = redact_third_parties(case_files, names := third_party_names(person))
    timeline, in_timeline = redact_third_parties(timeline, names)
    accesses, in_accesses = redact_third_parties(accesses, names)
    redacted += in_timeline + in_accesses
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=person,
        person_id=person.pk,
        details={"third_parties_redacted": redacted},
    )
    return {
        "generated_at": timezone.now(),
        "generated_by": _user_name(user),
        "person": {
            "id": str(person.public_id),
            "given_names": person.given_names,
            "first_surname": person.first_surname,
            "second_surname": person.second_surname,
            "name_used": person.used_name,
            "birth_date": person.birth_date,
            "birth_date_approximate": person.birth_date_approximate,
            "sex": person.get_sex_display(),
            "gender_identity": person.gender_identity,
            "nationality": person.nationality,
            "languages": person.languages,
            "contact_language": person.contact_language,
            "address": person.address,
            "postal_code": person.postal_code,
            "municipality": person.municipality.name if person.municipality else "",
            "restricted": person.is_restricted,
        },
        "identity_documents": documents,
        "contact_channels": channels,
        "households": households,
        "consents": consents,
        "case_files": case_files,
        "timeline": timeline,
        "who_accessed_this_record": accesses,
        "review": {"third_parties_redacted": redacted},
    }


def export_as_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


class _Document(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        if UNICODE_FONT.exists():
            self.add_font("body", fname=str(UNICODE_FONT))
            self.font_name, self.unicode = "body", True
        else:  # Latin-1 core font: accents of Catalan and Spanish still print
            self.font_name, self.unicode = "helvetica", False
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()

    def text_for(self, value: object) -> str:
        text = "" if value is None else str(value)
        if self.unicode:
            return text
        return unicodedata.normalize("NFKD", text).encode("latin-1", "ignore").decode("latin-1")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(self.font_name, size=13)
        self.multi_cell(0, 7, self.text_for(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.font_name, size=10)

    def line_of(self, label: str, value: object) -> None:
        if value in ("", None, []):
            return
        self.multi_cell(0, 5, self.text_for(f"{label}: {value}"), new_x="LMARGIN", new_y="NEXT")


def export_as_pdf(data: dict[str, Any]) -> bytes:
    """A plain, readable document in the user's language."""
    pdf = _Document()
    person = data["person"]
    pdf.set_font(pdf.font_name, size=16)
    parts = (person["given_names"], person["first_surname"], person["second_surname"])
    title = _("Everything Xarxa holds about %(name)s") % {"name": " ".join(p for p in parts if p)}
    pdf.multi_cell(0, 8, pdf.text_for(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.font_name, size=10)
    prepared = timezone.localtime(data["generated_at"]).strftime("%d/%m/%Y %H:%M")
    pdf.line_of(_("Prepared on"), prepared)
    pdf.heading(_("Personal details"))
    labels = {
        "birth_date": _("Birth date"),
        "sex": _("Sex"),
        "gender_identity": _("Gender identity"),
        "nationality": _("Nationality"),
        "languages": _("Languages"),
        "address": _("Address"),
        "municipality": _("Municipality"),
    }
    for key, label in labels.items():
        pdf.line_of(label, person[key])
    sections = [
        ("identity_documents", _("Identity documents")),
        ("contact_channels", _("How we may contact you")),
        ("households", _("Households")),
        ("consents", _("Consents")),
        ("timeline", _("Timeline")),
    ]
    for key, label in sections:
        if data[key]:
            pdf.heading(label)
            for row in data[key]:
                pdf.line_of("·", " · ".join(str(v) for v in row.values() if v not in ("", None)))
    for case in data["case_files"]:
        pdf.heading(_("Case file %(number)s") % {"number": case["number"]})
        pdf.line_of(_("Area"), case["area"])
        pdf.line_of(_("Status"), case["status"])
        pdf.line_of(_("Reference professional"), case["reference_professional"])
        pdf.line_of(_("Problems"), ", ".join(p["name"] for p in case["problems"]))
        for item in case["interventions"]:
            pdf.line_of(f"{item['date']} {item['type']}", item["summary"])
    pdf.heading(_("Who accessed your record"))
    for row in data["who_accessed_this_record"]:
        when = timezone.localtime(row["when"]).strftime("%d/%m/%Y %H:%M")
        pdf.line_of(when, f"{row['who']} · {row['action']} {row['why']}".strip())
    return bytes(pdf.output())


REASON = "subject-access request"


def subject_access_prepare(user: User, public_id: UUID | str) -> SubjectAccessExport:
    """Gather the person's record (third parties redacted) for the officer's review."""
    check_perm(user, PeoplePerm.EXPORT)
    view = person_get_for(user, public_id, reason=REASON)
    data = json.loads(export_as_json(person_export_for(user, view.person)))
    with transaction.atomic():
        export = SubjectAccessExport.objects.create(
            person=view.person,
            prepared_by=user,
            data=data,
            third_parties_redacted=data["review"]["third_parties_redacted"],
        )
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            obj=export,
            person_id=view.person.pk,
            details={"third_parties_redacted": export.third_parties_redacted},
        )
    return export


def subject_access_pending_for(user: User, public_id: UUID | str) -> SubjectAccessExport | None:
    """The newest export waiting for review, if any (the officer's review page)."""
    check_perm(user, PeoplePerm.EXPORT)
    view = person_get_for(user, public_id, reason=REASON)
    return (
        SubjectAccessExport.objects.filter(person=view.person, released_at__isnull=True)
        .order_by("-prepared_at", "-id")
        .first()
    )


def subject_access_release(
    user: User, public_id: UUID | str, export_id: UUID | str
) -> SubjectAccessExport:
    """The officer has reviewed the prepared export: from now on it can be given out."""
    check_perm(user, PeoplePerm.EXPORT)
    view = person_get_for(user, public_id, reason=REASON)
    with transaction.atomic():
        export = (
            SubjectAccessExport.objects.select_for_update()
            .filter(person=view.person, public_id=export_id)
            .first()
        )
        if export is None:
            raise Http404
        if export.released_at is not None:
            raise Conflict(_("This export was already released."))
        export.released_by, export.released_at = user, timezone.now()
        export.save(update_fields=["released_by", "released_at"])
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=export,
            person_id=view.person.pk,
            details={"released": True},
        )
    return export


def _released_data(export: SubjectAccessExport) -> dict[str, Any]:
    """The stored copy, with its times as times again (the PDF shows them local)."""
    data = dict(export.data)
    data["generated_at"] = parse_datetime(data["generated_at"])
    data["who_accessed_this_record"] = [
        {**row, "when": parse_datetime(row["when"])} for row in data["who_accessed_this_record"]
    ]
    return data


def subject_access_response(user: User, public_id: UUID | str, fmt: str) -> HttpResponse:
    """The released export as a download, for the page and the API alike; refused (409)
    until the officer has prepared and released it."""
    if fmt not in {"json", "pdf"}:
        raise Http404
    check_perm(user, PeoplePerm.EXPORT)
    view = person_get_for(user, public_id, reason=REASON)
    released = (
        SubjectAccessExport.objects.filter(person=view.person, released_at__isnull=False)
        .order_by("-released_at", "-id")
        .first()
    )
    if released is None:
        raise Conflict(
            _("The export has not been released yet."),
            _("Prepare it, review what was redacted and release it first."),
        )
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=view.person,
        person_id=view.person.pk,
        details={"released_export": str(released.public_id), "format": fmt},
    )
    data = _released_data(released)
    if fmt == "pdf":
        body, content_type = export_as_pdf(data), "application/pdf"
    else:
        body, content_type = export_as_json(data), "application/json"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="xarxa-{public_id}.{fmt}"'
    return response
