import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0006_conversation_list_index_and_round_day_rollup'),
    ]

    operations = [
        migrations.AddField(
            model_name='conversation',
            name='chain_length',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='conversation',
            name='chain_start',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='interviews.conversation'),
        ),
        migrations.AddField(
            model_name='historicalconversation',
            name='chain_length',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='historicalconversation',
            name='chain_start',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='interviews.conversation'),
        ),
    ]
