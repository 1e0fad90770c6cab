from django.db import migrations

from xarxa.screening.complexity import DEFAULT_RULE
from xarxa.screening.instruments import load_instruments

RATIONALE = {
    "ca": {
        "rationale": "Regla local, no oficial: no s'han publicat punts de tall de l'SSM-CAT. "
        "Alta: quatre o més àmbits en nivell 1-2, o crisi aguda en economia, habitatge, "
        "relacions a la llar o salut mental. Mitjana: dos o més àmbits en nivell 1-2. "
        "Baixa: la resta."
    },
    "es": {
        "rationale": "Regla local, no oficial: no se han publicado puntos de corte del "
        "SSM-CAT. Alta: cuatro o más ámbitos en nivel 1-2, o crisis aguda en economía, "
        "vivienda, relaciones en el hogar o salud mental. Media: dos o más ámbitos en "
        "nivel 1-2. Baja: el resto."
    },
    "en": {
        "rationale": "A local rule, not an official one: no SSM-CAT cut-offs are published. "
        "High: four or more domains at level 1-2, or an acute crisis in finances, housing, "
        "domestic relations or mental health. Medium: two or more domains at level 1-2. "
        "Low: the rest."
    },
}


def load(apps, schema_editor):
    load_instruments(apps.get_model("screening", "Instrument"), apps.get_model("screening", "Domain"))
    apps.get_model("screening", "ComplexityRule").objects.update_or_create(
        code="xarxa-default",
        version=1,
        defaults={"definition": DEFAULT_RULE, "texts": RATIONALE, "active": True},
    )


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
