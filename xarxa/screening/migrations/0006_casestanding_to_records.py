# The case standing moved to records (records.standing is its one owner): the model leaves
# screening's state here; the table stays and records takes it over (records 0005).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("screening", "0005_assessment_household"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CaseStanding")],
            database_operations=[],
        ),
    ]
