import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("collectief", "0004_team_month_hours_rollup"),
        ("interviews", "0010_conversation_team"),
    ]

    operations = [
        migrations.AlterField(
            model_name="conversation",
            name="team",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="collectief.team",
            ),
        ),
        migrations.AddIndex(
            model_name="conversation",
            index=models.Index(
                models.F("team"),
                models.F("held_on").desc(),
                models.F("id").desc(),
                name="conversation_team_recent",
            ),
        ),
    ]
