from django.db import migrations

from xarxa.plans.templates_data import load_templates


def load(apps, schema_editor):
    load_templates(apps.get_model("plans", "PlanTemplate"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
