"""The real public bodies of Osona's social services (reference data, idempotent).

Town councils get their Catalan name with the right contraction ("Ajuntament del Brull",
"Ajuntament d'Alpens", "Ajuntament de les Masies de Roda").
"""

from django.db import migrations
from django.utils.text import slugify

BODIES = [
    # code, name, short name, kind, municipality INE, ABSS code
    ("coss", "Consorci d'Osona de Serveis Socials", "COSS (Osona Acció Social)",
     "consortium", "08298", "ABSS-CCO"),
    ("consell-comarcal-osona", "Consell Comarcal d'Osona", "", "comarcal_council", "08298", ""),
    ("mancomunitat-la-plana", "Mancomunitat La Plana", "", "mancomunitat", "08111", "ABSS-MLP"),
    ("mancomunitat-llucanes", "Mancomunitat del Lluçanès", "", "mancomunitat", "08171", ""),
    ("generalitat-drets-socials", "Departament de Drets Socials i Inclusió",
     "Generalitat de Catalunya", "regional_government", "", ""),
]
TOWN_COUNCIL_ABSS = {"08298": "ABSS-VIC", "08112": "ABSS-MAN"}


def of(name: str) -> str:
    """Catalan 'de' + name, with the article contracted or elided."""
    lower = name[0].lower() + name[1:]
    if name.startswith("El "):
        return "del " + name[3:]
    if name.startswith("Els "):
        return "dels " + name[4:]
    if name.startswith(("L'", "La ", "Les ")):
        return "de " + lower
    if name[0].lower() in "aeiouàèéíòóú" or (name[0] in "Hh" and name[1].lower() in "aeiou"):
        return "d'" + name
    return "de " + name


def load(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Municipality = apps.get_model("territory", "Municipality")
    Abss = apps.get_model("territory", "Abss")
    abss = {a.code: a for a in Abss.objects.all()}
    for code, name, short, kind, ine, abss_code in BODIES:
        Organisation.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "municipality": Municipality.objects.filter(ine_code=ine).first(),
                "abss": abss.get(abss_code),
                "is_reference_data": True,
            },
        )
    for municipality in Municipality.objects.all():
        Organisation.objects.update_or_create(
            code=f"ajuntament-{slugify(municipality.name)}",
            defaults={
                "name": f"Ajuntament {of(municipality.name)}",
                "kind": "town_council",
                "municipality": municipality,
                "abss": abss.get(TOWN_COUNCIL_ABSS.get(municipality.ine_code, "")),
                "is_reference_data": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial"), ("territory", "0002_load_osona")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
