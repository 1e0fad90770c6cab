"""Writes to the catalogue: create, review, edit and retire an entry, and the
all-or-nothing HSDS import. Administration (every field, creating, retiring) is for the
catalogue's administrators (``policies.may_administer``); the owning team keeps the routine
fields current."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from xarxa.catalogue import administration
from xarxa.catalogue.hsds import ParsedService, parse_service
from xarxa.catalogue.models import Service, ServiceLocation
from xarxa.catalogue.policies import CataloguePerm, may_administer, require_administer, require_edit
from xarxa.core.audit import audit_record
from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm
from xarxa.organisations.models import Organisation, OrganisationKind
from xarxa.territory.models import Municipality

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def service_review(*, actor: User, service: Service) -> Service:
    """The owner checked the entry: it is current again until the next review date."""
    require_edit(actor, service)
    with transaction.atomic():
        return _reviewed(actor, service)


def _reviewed(actor: User, service: Service) -> Service:
    service.reviewed_on = timezone.localdate()
    service.updated_at = timezone.now()
    save_versioned(service, expected_version=service.version, fields=["reviewed_on", "updated_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=service, details={"reviewed": True})
    return service


EDITABLE = (
    "status", "capacity", "answer_within", "first_appointment_within",
    "phone", "email", "url", "contact_public",
)  # fmt: skip
ADMINISTERED = administration.ADMINISTERED  # the fields only administrators change


def service_create(
    *,
    actor: User,
    organisation: Organisation,
    code: str,
    data: dict[str, Any],
    texts: dict[str, dict[str, str]],
) -> Service:
    """A new catalogue entry of an organisation the actor administers."""
    require_administer(actor, organisation.pk, f"catalogue.organisation:{organisation.pk}:create")
    service = Service(organisation=organisation, code=code, texts={})
    errors: dict[str, list[str]] = {}
    try:
        service.code = administration.check_code(code)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        administration.apply(service, data, texts, creating=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        service.save()
        if "areas" in data:
            service.areas.set(data["areas"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=service,
            details={"after": administration.snapshot(service)},
        )
    return service


def service_retire(*, actor: User, service: Service, expected_version: int) -> Service:
    """Retire an entry: it stays (with its history and its referrals) but is no longer
    offered for new referrals nor shown in the directory."""
    require_administer(actor, service.organisation_id, f"catalogue.service:{service.pk}:retire")
    with transaction.atomic():
        before = service.status
        service.status = administration.RETIRED
        service.updated_at = timezone.now()
        save_versioned(service, expected_version=expected_version, fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=service,
            details={"retired": True, "before": {"status": before}},
        )
    return service


def service_update(
    *,
    actor: User,
    service: Service,
    data: dict[str, Any],
    texts: dict[str, dict[str, str]],
    expected_version: int,
    original: dict[str, Any] | None = None,
) -> Service:
    """Change an entry. Saving it also counts as reviewing it. The owning team changes the
    routine fields; any other field, or retiring, is for the entry's administrators."""
    require_edit(actor, service)
    if not may_administer(actor, service.organisation_id) and administration.touches_administered(
        service, data, texts
    ):
        require_administer(actor, service.organisation_id, f"catalogue.service:{service.pk}")
    with transaction.atomic():
        return _updated(actor, service, data, texts, expected_version, original)


def _updated(
    actor: User,
    service: Service,
    data: dict[str, Any],
    texts: dict[str, dict[str, str]],
    expected_version: int,
    original: dict[str, Any] | None,
) -> Service:
    before = administration.snapshot(service)
    administration.apply(service, data, texts)
    service.reviewed_on = timezone.localdate()
    service.updated_at = timezone.now()
    save_versioned(
        service,
        expected_version=expected_version,
        fields=[*EDITABLE, *administration.SCALARS, "texts", "reviewed_on", "updated_at"],
        original=original,
    )
    if "areas" in data:
        service.areas.set(data["areas"])
    after = administration.snapshot(service)
    changed = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=service,
        details={
            "before": {k: old for k, (old, _new) in changed.items()},
            "after": {k: new for k, (_old, new) in changed.items()},
        },
    )
    return service


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[tuple[int, str, list[str]]] = field(default_factory=list)  # (n, id, why)

    @property
    def ok(self) -> bool:
        return not self.rejected


def import_hsds(items: Any, *, actor: User | None = None) -> ImportReport:
    """Load services in HSDS 3.0 compiled form. Every item is checked first; if any is
    rejected, nothing is changed and the report says which and why."""
    if actor is not None:
        check_perm(actor, CataloguePerm.MANAGE)
    report = ImportReport()
    if not isinstance(items, list):
        report.rejected.append((0, "", ["the file must hold a JSON list of services"]))
        return report
    municipalities = list(Municipality.objects.all())
    by_ine = {m.ine_code: m for m in municipalities}
    by_name = {m.name.casefold(): m for m in municipalities}
    parsed: list[ParsedService] = []
    seen: set[UUID] = set()
    for n, item in enumerate(items, 1):
        one = parse_service(item, municipalities_by_ine=by_ine, municipalities_by_name=by_name)
        if one.public_id in seen:
            one.errors.append("id: appears twice in the file")
        seen.add(one.public_id)
        if one.errors:
            report.rejected.append(
                (n, str(item.get("id", "")) if isinstance(item, dict) else "", one.errors)
            )
        parsed.append(one)
    if report.rejected:
        return report
    with transaction.atomic():
        for one in parsed:
            created = _save_parsed(one, by_ine)
            report.created += created
            report.updated += not created
        if actor is not None:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                object_type="catalogue.import",
                details={"created": report.created, "updated": report.updated},
            )
    return report


def _organisation(data: dict[str, Any]) -> Organisation:
    found = Organisation.objects.filter(public_id=data["id"]).first()
    if found:
        return found
    code = _unique_slug(Organisation, data["name"])
    return Organisation.objects.create(
        public_id=data["id"], code=code, name=data["name"][:200], kind=OrganisationKind.OTHER
    )


def _unique_slug(model: type[Organisation] | type[Service], text: str) -> str:
    base = slugify(text)[:50] or "entry"
    code, n = base, 1
    while model.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _save_parsed(one: ParsedService, by_ine: dict[str, Municipality]) -> bool:
    found = Service.objects.filter(public_id=one.public_id).first()
    created = found is None
    service = found or Service(
        public_id=one.public_id, code=_unique_slug(Service, one.texts["ca"]["name"])
    )
    service.organisation = _organisation(one.organisation)
    for name, value in one.values.items():
        setattr(service, name, value)
    texts = dict(service.texts or {})
    texts["ca"] = {**texts.get("ca", {}), **one.texts["ca"]}
    service.texts = texts
    if "reviewed_on" not in one.values:
        service.reviewed_on = timezone.localdate()
    if not created:
        service.version += 1
    service.save()
    service.areas.set([by_ine[code] for code in one.area_codes])
    kept = []
    for data in one.locations:
        location, _ = ServiceLocation.objects.update_or_create(
            public_id=data.pop("public_id"), defaults={**data, "service": service}
        )
        kept.append(location.pk)
    service.locations.exclude(pk__in=kept).delete()
    return created
