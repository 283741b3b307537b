# The named-export log becomes part of the one access log (collectief.AccessRecord).

from django.db import migrations


def copy_into_access_records(apps, schema_editor):
    """Earlier named exports stay on record; they did not keep which residents they held."""
    ExportLog = apps.get_model("interviews", "ExportLog")
    AccessRecord = apps.get_model("collectief", "AccessRecord")
    AccessRecord.objects.bulk_create(
        AccessRecord(
            user_id=log.user_id,
            team_id=log.team_id,
            resident_keys=f" team-{log.team_id} ",
            purpose="interviews:export",
            shown=True,
            at=log.created_at,
        )
        for log in ExportLog.objects.filter(named=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0001_conversations_in_snowball_rounds"),
        ("collectief", "0002_access_record"),
    ]

    operations = [
        migrations.RunPython(copy_into_access_records, migrations.RunPython.noop),
        migrations.DeleteModel(name="ExportLog"),
    ]
