"""The Osona catalogue the demo starts from: real services of the territory as the
research found them (see shared/research/domain.md §2), with plausible details where
the public sources say nothing. The entries are data, in ``data/osona.json`` (its
``_about`` lists the fields); this module loads them into the catalogue."""

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from xarxa.catalogue.models import Service, ServiceLocation
from xarxa.organisations.models import Organisation, Team
from xarxa.territory.models import Municipality

DATA = Path(__file__).with_name("data") / "osona.json"
ALL = "*"  # an entry's areas: every municipality of Osona


def entries() -> list[dict[str, Any]]:
    """The catalogue entries, as in the data file."""
    return json.loads(DATA.read_text(encoding="utf-8"))["entries"]


def load(today: date) -> int:
    """Create or refresh the entries of the data file (idempotent); returns how many. An entry whose
    provider is not in the database (a demo organisation) is left out."""
    municipalities = {m.ine_code: m for m in Municipality.objects.all()}
    organisations = {o.code: o for o in Organisation.objects.all()}
    loaded = 0
    for entry in entries():
        if entry["organisation"] not in organisations:
            continue
        loaded += 1
        every = entry.get("review_every_days", 180)
        reviewed = today - timedelta(days=every + 20 if entry.get("stale") else 30)
        organisation = organisations[entry["organisation"]]
        service, _ = Service.objects.update_or_create(
            code=entry["code"],
            defaults={
                "organisation": organisation,
                "kind": entry["kind"],
                "texts": entry["texts"],
                "publics": entry["publics"],
                "needs": entry["needs"],
                "guaranteed": entry.get("guaranteed", False),
                "confidentiality": entry.get("confidentiality", "ordinary"),
                "special_category": entry.get("special_category", ""),
                "languages": entry.get("languages", ["ca", "es"]),
                "documents": entry.get("documents", []),
                "hours": entry.get("hours", []),
                "fee_amount": Decimal(entry["fee"]) if entry.get("fee") else None,
                "maximum_age": entry.get("maximum_age"),
                "capacity": entry.get("capacity"),
                # Demo service levels: the answer in ten working days everywhere; a first
                # appointment within three weeks where places are not queued.
                "answer_within": entry.get("answer_within", 10),
                "first_appointment_within": entry.get(
                    "first_appointment_within", None if entry.get("capacity") else 21
                ),
                "contact_public": entry.get("contact_public", False),
                "phone": entry.get("phone", ""),
                "review_every_days": every,
                "reviewed_on": reviewed,
                "owner_team": (
                    Team.objects.filter(name=entry.get("team", "")).first()
                    or Team.objects.filter(organisation=organisation).first()
                ),
            },
        )
        areas = entry["areas"]
        service.areas.set(
            municipalities.values() if areas == ALL else [municipalities[c] for c in areas]
        )
        service.locations.all().delete()
        for place in entry.get("locations", []):
            ServiceLocation.objects.create(
                service=service,
                name=place["name"],
                address=place["address"],
                postal_code=place["postal_code"],
                municipality=municipalities[place["municipality"]],
            )
    return loaded
