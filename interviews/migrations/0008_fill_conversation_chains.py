from django.db import migrations


def place_conversations_in_their_chains(apps, schema_editor):
    """Chain length and start of the conversations logged before these fields existed.

    Each pass sets every conversation from its parent (the conversation its referral was named
    in); after pass k every chain is right down to depth k + 1, so this ends after as many
    passes as the longest chain is long. Plain SQL, so that it runs on SQLite and PostgreSQL
    and stays quick for millions of rows.
    """
    Conversation = apps.get_model("interviews", "Conversation")
    Referral = apps.get_model("interviews", "Referral")
    conversations = schema_editor.quote_name(Conversation._meta.db_table)
    referrals = schema_editor.quote_name(Referral._meta.db_table)
    parent = (
        f"FROM {referrals} r JOIN {conversations} p ON p.id = r.conversation_id "
        f"WHERE r.id = {conversations}.source_referral_id"
    )
    length = f"(SELECT p.chain_length + 1 {parent})"
    start = f"(SELECT COALESCE(p.chain_start_id, p.id) {parent})"
    with schema_editor.connection.cursor() as cursor:
        while True:
            cursor.execute(
                f"UPDATE {conversations} SET chain_length = {length}, chain_start_id = {start} "
                f"WHERE source_referral_id IS NOT NULL "
                f"AND (chain_length <> {length} OR chain_start_id IS NULL "
                f"OR chain_start_id <> {start})"
            )
            if cursor.rowcount == 0:
                break


class Migration(migrations.Migration):
    """Separate from 0007: PostgreSQL cannot build 0007's indexes after these updates in the
    same transaction (pending trigger events)."""

    dependencies = [
        ('interviews', '0007_conversation_chain'),
    ]

    operations = [
        migrations.RunPython(place_conversations_in_their_chains, migrations.RunPython.noop),
    ]
