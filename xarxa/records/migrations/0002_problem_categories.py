"""Load the social problem categories (codes and groups) from xarxa.records.problems."""

from django.db import migrations
from django.utils import translation


def load(apps, schema_editor):
    from xarxa.records.problems import PROBLEMS

    ProblemCategory = apps.get_model("records", "ProblemCategory")
    with translation.override("en"):  # the stored name is a fallback; pages translate
        for code, (group, name, sensitivity) in PROBLEMS.items():
            ProblemCategory.objects.update_or_create(
                code=code,
                defaults={"group": group, "name": str(name), "sensitivity": sensitivity},
            )


def unload(apps, schema_editor):
    from xarxa.records.problems import PROBLEMS

    apps.get_model("records", "ProblemCategory").objects.filter(code__in=PROBLEMS).delete()


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
