"""Load Osona's municipalities, comarques and ABSS from data/osona.json (idempotent)."""

import json
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "osona.json"


def _day(value):
    return date.fromisoformat(value) if value else None


def load(apps, schema_editor):
    Comarca = apps.get_model("territory", "Comarca")
    Municipality = apps.get_model("territory", "Municipality")
    Abss = apps.get_model("territory", "Abss")
    ComarcaMembership = apps.get_model("territory", "ComarcaMembership")
    AbssMembership = apps.get_model("territory", "AbssMembership")
    data = json.loads(DATA.read_text(encoding="utf-8"))

    comarques = {}
    for c in data["comarques"]:
        comarques[c["code"]], _ = Comarca.objects.update_or_create(
            code=c["code"],
            defaults={
                "name": c["name"],
                "created_on": _day(c.get("created_on")),
                "verified": c.get("verified", True),
                "source_note": c.get("source_note", ""),
            },
        )
    areas = {}
    for a in data["abss"]:
        areas[a["code"]], _ = Abss.objects.update_or_create(
            code=a["code"], defaults={"name": a["name"], "source_note": a.get("source_note", "")}
        )
    notes = data["abss_notes"]
    llucanes = {"llucanes"}
    for ine, name, population, history_key, abss_code in data["municipalities"]:
        municipality, _ = Municipality.objects.update_or_create(
            ine_code=ine,
            defaults={"name": name, "province": ine[:2], "population": population},
        )
        ComarcaMembership.objects.filter(municipality=municipality).delete()
        for row in data["comarca_histories"][history_key]:
            ComarcaMembership.objects.create(
                municipality=municipality,
                comarca=comarques[row["comarca"]],
                valid_from=_day(row.get("valid_from")),
                valid_until=_day(row.get("valid_until")),
                verified=row.get("verified", True),
                source_note=row.get("source_note", ""),
            )
        AbssMembership.objects.filter(municipality=municipality).delete()
        if not abss_code:
            continue
        note = notes.get(abss_code, {})
        source_note = note.get("source_note", "")
        if history_key in llucanes:
            source_note = data["llucanes_abss_note"]
        AbssMembership.objects.create(
            municipality=municipality,
            abss=areas[abss_code.rstrip("?")],
            valid_from=_day(note.get("valid_from")),
            verified=note.get("verified", True),
            source_note=source_note,
        )


class Migration(migrations.Migration):
    dependencies = [("territory", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
