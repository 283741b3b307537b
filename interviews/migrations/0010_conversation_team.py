import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_team(apps, schema_editor):
    """Every conversation takes its round's team (one UPDATE)."""
    Conversation = apps.get_model("interviews", "Conversation")
    Round = apps.get_model("interviews", "Round")
    Conversation.objects.update(
        team_id=Subquery(Round.objects.filter(pk=OuterRef("round_id")).values("team_id")[:1])
    )


class Migration(migrations.Migration):
    """The column, filled; 0011 makes it required once the deferred checks of this UPDATE ran
    (PostgreSQL refuses to alter a table with pending trigger events in the same transaction)."""

    dependencies = [
        ("collectief", "0004_team_month_hours_rollup"),
        ("interviews", "0009_round_figures_rollup"),
    ]

    operations = [
        migrations.AddField(
            model_name="conversation",
            name="team",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="collectief.team",
            ),
        ),
        # The history keeps it like every other field (earlier versions have none).
        migrations.AddField(
            model_name="historicalconversation",
            name="team",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="collectief.team",
            ),
        ),
        migrations.RunPython(fill_team, migrations.RunPython.noop),
    ]
