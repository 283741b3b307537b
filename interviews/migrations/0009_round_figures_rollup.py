import django.db.models.deletion
from django.db import migrations, models


def mark_every_round_stale(apps, schema_editor):
    """Rounds counted before these columns existed: the first reader counts them again."""
    Round = apps.get_model("interviews", "Round")
    StaleRound = apps.get_model("interviews", "StaleRound")
    StaleRound.objects.bulk_create(
        [StaleRound(round_id=pk) for pk in Round.objects.values_list("pk", flat=True)],
        batch_size=2000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('collectief', '0004_team_month_hours_rollup'),
        ('interviews', '0008_fill_conversation_chains'),
    ]

    operations = [
        migrations.AddField(
            model_name='rounddaycounts',
            name='longest_chain',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='rounddaycounts',
            name='new_residents_not_known',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='rounddaycounts',
            name='new_team_residents_not_known',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.CreateModel(
            name='RoundNeighbourhoodCounts',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('conversations', models.PositiveIntegerField(default=0)),
                ('neighbourhood', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='collectief.neighbourhood')),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='interviews.round')),
                ('team', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='collectief.team')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('round', 'neighbourhood'), name='one_count_per_neighbourhood')],
            },
        ),
        migrations.RunPython(mark_every_round_stale, migrations.RunPython.noop),
    ]
