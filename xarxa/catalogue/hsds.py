"""Open Referral HSDS 3.0: the catalogue in the compiled JSON form of its services, and
back. What HSDS has no field for (kind, publics, needs, guarantee, confidentiality) goes
in ``attributes`` as terms of Xarxa's own vocabularies, so a round trip keeps it."""

import json
import uuid
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from xarxa.catalogue.models import Confidentiality, Public, ServiceKind, ServiceStatus
from xarxa.core.links import is_web_link
from xarxa.records.models import Sensitivity
from xarxa.records.problems import GROUPS

# Derived ids (schedules, languages, terms...) are UUIDv5 in this namespace: stable
# across exports, so an importer can tell an update from a new row.
NAMESPACE = uuid.UUID("6d1f7f3a-3c59-4c0e-9a52-6f2a8e1b7d40")
VOCABULARIES = {
    "xarxa-service-kind": ServiceKind,
    "xarxa-public": Public,
    "xarxa-need": None,  # the problem groups of the social record
    "xarxa-confidentiality": Confidentiality,
    "xarxa-special-category": None,  # records.Sensitivity: the category its team reads
}
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def uid(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


SCHEMA_PATH = Path(__file__).with_name("standards") / "hsds-3.0" / "service.json"


@cache
def service_schema() -> dict:
    """The official compiled schema, kept unchanged next to this module."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validator() -> Draft202012Validator:
    return Draft202012Validator(service_schema(), format_checker=FormatChecker())


def schema_errors(item) -> list[str]:
    """What the official schema finds wrong with one item, as short readable lines."""
    errors = sorted(validator().iter_errors(item), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(item)'}: {e.message}" for e in errors]


def _term(vocabulary: str, code: str, label: str, service_id: str) -> dict:
    return {
        "id": uid(service_id, vocabulary, code),
        "link_id": service_id,
        "link_type": "service",
        "link_entity": "service",
        "value": code,
        "taxonomy_term": {
            "id": uid(vocabulary, code),
            "code": code,
            "name": code,
            "description": str(label),
            "taxonomy": vocabulary,
        },
    }


def service_to_hsds(service, language: str = "ca") -> dict:
    """One service in HSDS 3.0's compiled form (the shape of schema service.json)."""
    sid = str(service.public_id)
    organisation = service.organisation
    item = {
        "id": sid,
        "organization_id": str(organisation.public_id),
        "name": service.text("name", language),
        "description": service.text("description", language),
        "status": service.status,
        "eligibility_description": service.text("eligibility", language),
        "application_process": service.text("application", language),
        "fees_description": service.text("fees", language),
        "assured_date": service.reviewed_on.isoformat(),
        "last_modified": service.updated_at.isoformat(timespec="milliseconds"),
        "organization": {
            "id": str(organisation.public_id),
            "name": organisation.name,
            "description": organisation.short_name or organisation.name,
        },
        "service_at_locations": [_location(service, loc) for loc in service.locations.all()],
        "languages": [
            {"id": uid(sid, "language", code), "service_id": sid, "code": code}
            for code in service.languages
        ],
        "schedules": [
            {
                "id": uid(sid, "schedule", i),
                "service_id": sid,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(slot["days"]),
                "opens_at": slot["opens"],
                "closes_at": slot["closes"],
            }
            for i, slot in enumerate(service.hours)
        ],
        "cost_options": (
            [
                {
                    "id": uid(sid, "cost"),
                    "service_id": sid,
                    "currency": "EUR",
                    "amount": float(service.fee_amount),
                    "option": service.text("fees", language),
                }
            ]
            if service.fee_amount is not None
            else []
        ),
        "service_areas": [
            {
                "id": uid(sid, "area", m.ine_code),
                "service_id": sid,
                "name": m.name,
                "extent_type": "",
                "uri": f"ine:{m.ine_code}",
            }
            for m in service.areas.all()
        ],
        "required_documents": [
            {"id": uid(sid, "document", i), "service_id": sid, "document": text}
            for i, text in enumerate(service.documents)
        ],
        "attributes": [
            _term("xarxa-service-kind", service.kind, service.get_kind_display(), sid),
            _term(
                "xarxa-confidentiality",
                service.confidentiality,
                service.get_confidentiality_display(),
                sid,
            ),
            *[_term("xarxa-public", p, str(Public(p).label), sid) for p in service.publics],
            *[_term("xarxa-need", n, str(GROUPS.get(n, n)), sid) for n in service.needs],
            *([_term("xarxa-guaranteed", "yes", "guaranteed", sid)] if service.guaranteed else []),
            *(
                [
                    _term(
                        "xarxa-special-category",
                        service.special_category,
                        service.get_special_category_display(),
                        sid,
                    )
                ]
                if service.special_category
                else []
            ),
        ],
    }
    for name in ("minimum_age", "maximum_age"):
        if getattr(service, name) is not None:
            item[name] = getattr(service, name)
    if service.contact_public:
        if service.email:
            item["email"] = service.email
        if service.url:
            item["url"] = service.url
        if service.phone:
            item["phones"] = [{"id": uid(sid, "phone"), "service_id": sid, "number": service.phone}]
    return item


def _location(service, location) -> dict:
    lid = str(location.public_id)
    place = {
        "id": lid,
        "location_type": "virtual" if location.virtual else "physical",
        "name": location.name,
        "organization_id": str(service.organisation.public_id),
    }
    if not location.virtual and location.address:
        place["addresses"] = [
            {
                "id": uid(lid, "address"),
                "location_id": lid,
                "address_1": location.address,
                "city": location.municipality.name if location.municipality else "",
                "state_province": "Barcelona",
                "postal_code": location.postal_code,
                "country": "ES",
                "address_type": "physical",
            }
        ]
    return {
        "id": str(location.link_public_id),
        "service_id": str(service.public_id),
        "location_id": lid,
        "location": place,
    }


@dataclass
class ParsedService:
    """An HSDS item read back into what a Service holds (not saved yet)."""

    public_id: uuid.UUID
    organisation: dict
    values: dict
    texts: dict
    area_codes: list[str]
    locations: list[dict]
    errors: list[str] = field(default_factory=list)


def parse_service(item, *, municipalities_by_ine: dict, municipalities_by_name: dict):
    """An HSDS service item as our fields, with every reason it cannot be taken."""
    errors = schema_errors(item)
    if not isinstance(item, dict) or errors:
        return ParsedService(uuid.uuid4(), {}, {}, {}, [], [], errors or ["not an object"])
    terms: dict[str, list[str | None]] = {}
    for attribute in item.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        terms.setdefault(term.get("taxonomy", ""), []).append(term.get("code") or term.get("name"))
    kind = (terms.get("xarxa-service-kind") or [ServiceKind.COMMUNITY])[0]
    if kind not in ServiceKind.values:
        errors.append(f"attributes: unknown service kind {kind!r}")
    publics = [p for p in terms.get("xarxa-public", []) if p]
    errors += [f"attributes: unknown public {p!r}" for p in publics if p not in Public.values]
    needs = [n for n in terms.get("xarxa-need", []) if n]
    errors += [f"attributes: unknown need {n!r}" for n in needs if n not in GROUPS]
    confidentiality = (terms.get("xarxa-confidentiality") or [Confidentiality.ORDINARY])[0]
    if confidentiality not in Confidentiality.values:
        errors.append(f"attributes: unknown confidentiality {confidentiality!r}")
    special_category = (terms.get("xarxa-special-category") or [""])[0] or ""
    if special_category not in Sensitivity.values:
        errors.append(f"attributes: unknown special category {special_category!r}")
    organisation = item.get("organization") or {}
    if not organisation:
        errors.append("organization: the provider is missing")
    elif organisation.get("id") != item.get("organization_id", organisation.get("id")):
        errors.append("organization_id: does not match organization.id")
    area_codes = []
    for area in item.get("service_areas") or []:
        uri = area.get("uri") or ""
        found = municipalities_by_ine.get(uri.removeprefix("ine:")) or municipalities_by_name.get(
            (area.get("name") or "").casefold()
        )
        if found is None:
            errors.append(f"service_areas: {area.get('name') or uri!r} is not a known municipality")
        else:
            area_codes.append(found.ine_code)
    hours = []
    for schedule in item.get("schedules") or []:
        days = [d for d in (schedule.get("byday") or "").split(",") if d]
        if any(d not in DAYS for d in days) or not schedule.get("opens_at"):
            errors.append(f"schedules: {schedule.get('id')}: days or opening time not understood")
            continue
        hours.append(
            {
                "days": days,
                "opens": schedule["opens_at"][:5],
                "closes": (schedule.get("closes_at") or "")[:5],
            }
        )
    locations = []
    for link in item.get("service_at_locations") or []:
        place = link.get("location") or {}
        address = (place.get("addresses") or [{}])[0]
        city = (address.get("city") or "").casefold()
        locations.append(
            {
                "link_public_id": link["id"],
                "public_id": place.get("id")
                or link.get("location_id")
                or uid(link["id"], "location"),
                "name": place.get("name") or item["name"],
                "address": address.get("address_1", ""),
                "postal_code": address.get("postal_code", ""),
                "municipality": municipalities_by_name.get(city),
                "virtual": place.get("location_type") == "virtual",
            }
        )
    costs = item.get("cost_options") or []
    phones = item.get("phones") or []
    values = {
        "kind": kind,
        "status": item["status"],
        "publics": publics,
        "needs": needs,
        "confidentiality": confidentiality,
        "special_category": special_category,
        "guaranteed": "xarxa-guaranteed" in terms,
        "languages": [lang["code"] for lang in item.get("languages") or [] if lang.get("code")],
        "documents": [
            d["document"] for d in item.get("required_documents") or [] if d.get("document")
        ],
        "hours": hours,
        "fee_amount": costs[0].get("amount") if costs else None,
        "minimum_age": item.get("minimum_age"),
        "maximum_age": item.get("maximum_age"),
        "email": item.get("email", ""),
        "url": item.get("url", ""),
        "phone": phones[0]["number"] if phones else "",
        "contact_public": bool(item.get("email") or item.get("url") or phones),
    }
    with suppress(ValueError):  # no review date given: the import counts as one
        values["reviewed_on"] = date.fromisoformat(item.get("assured_date") or "")
    if values["url"] and not is_web_link(str(values["url"])):
        errors.append(f"url: {values['url']!r} is not a web address (http:// or https://)")
    if item["status"] not in ServiceStatus.values:
        errors.append(f"status: {item['status']!r} is not an HSDS status")
    texts = {
        "ca": {
            "name": item["name"],
            "description": item.get("description", ""),
            "eligibility": item.get("eligibility_description", ""),
            "application": item.get("application_process", ""),
            "fees": item.get("fees_description", ""),
        }
    }
    return ParsedService(
        uuid.UUID(item["id"]), organisation, values, texts, area_codes, locations, errors
    )
