"""A conversation may be quoted only when the resident agreed; a wish keeps its quotable text.

Every existing conversation becomes not quotable (the safe default), so no existing wish is
quoted and the empty `quote` needs no filling: the next save of a conversation writes it.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0011_conversation_team_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='conversation',
            name='quotable',
            field=models.BooleanField(default=False, verbose_name='may be quoted (without names)'),
        ),
        migrations.AddField(
            model_name='historicalconversation',
            name='quotable',
            field=models.BooleanField(default=False, verbose_name='may be quoted (without names)'),
        ),
        migrations.AddField(
            model_name='historicalwish',
            name='quote',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='wish',
            name='quote',
            field=models.TextField(blank=True, editable=False),
        ),
    ]
