from django.db import migrations

from xarxa.records.standing import standings_refresh


def fill(apps, schema_editor):
    standings_refresh(apps.get_model("records", "CaseFile"), apps.get_model("screening", "CaseStanding"))


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0003_dependencyrecord_casestanding_tsorecord"),
        ("records", "0004_participation_events"),
    ]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
