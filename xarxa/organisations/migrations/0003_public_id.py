import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    for organisation in Organisation.objects.all():
        organisation.public_id = uuid.uuid4()
        organisation.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_public_bodies")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
