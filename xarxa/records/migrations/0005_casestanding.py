# The case standing moved from screening: the same table and rows, now records' (kept by
# records.standing). The state takes the model over the existing table, then the table is
# renamed to records' name; every row stays as it was.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0003_public_id"),
        ("records", "0004_participation_events"),
        ("screening", "0006_casestanding_to_records"),
        ("territory", "0002_load_osona"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CaseStanding",
                    fields=[
                        ("case", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="standing", serialize=False, to="records.casefile")),
                        ("status", models.CharField(default="open", max_length=8)),
                        ("level", models.CharField(blank=True, choices=[("low", "Low"), ("medium", "Medium"), ("high", "High")], max_length=6)),
                        ("assessed_on", models.DateField(blank=True, null=True)),
                        ("review_due", models.DateField(blank=True, null=True)),
                        ("abss", models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="territory.abss")),
                        ("assessment", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="screening.assessment")),
                        ("reference_professional", models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("team", models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.team")),
                    ],
                    options={
                        "db_table": "screening_casestanding",
                        "indexes": [models.Index(fields=["status", "abss", "team", "reference_professional", "level", "assessed_on", "review_due"], name="standing_segmentation")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="casestanding", table=None),
    ]
