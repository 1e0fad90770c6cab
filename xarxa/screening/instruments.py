"""Loading instruments from data: a new instrument (or version) is a JSON entry, not code."""

import json
from pathlib import Path

DATA = Path(__file__).with_name("data") / "instruments.json"


def load_instruments(Instrument, Domain, entries=None) -> int:
    """Create or refresh each instrument version and its domains (idempotent). Takes the
    model classes so a migration can pass its historical ones."""
    entries = entries if entries is not None else json.loads(DATA.read_text(encoding="utf-8"))
    for entry in entries:
        instrument, _ = Instrument.objects.update_or_create(
            code=entry["code"],
            version=entry["version"],
            defaults={"texts": entry["texts"], "provisional": entry.get("provisional", False)},
        )
        for domain in entry["domains"]:
            Domain.objects.update_or_create(
                instrument=instrument,
                code=domain["code"],
                defaults={
                    "order": domain["order"],
                    "group": domain.get("group", "core"),
                    "texts": domain["texts"],
                },
            )
    return len(entries)
