"""Daily retention clean-up: anonymise residents inactive for longer than the retention period.

Safe to run every day: residents already anonymised are skipped, so a second run changes
nothing. ``--dry-run`` only reports what a run would do.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from interviews.privacy import inactive_residents, months_before, residents_anonymise


class Command(BaseCommand):
    help = "Anonymise residents without a conversation, referral or activity for a long time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=settings.COLLECTIEF_RETENTION_MONTHS,
            help="Inactivity period in months (default: COLLECTIEF_RETENTION_MONTHS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report only, change nothing.")

    def handle(self, *, months, dry_run, **options):
        if months < 1:
            raise CommandError("--months must be at least 1.")
        cutoff = months_before(timezone.now(), months)
        residents = list(inactive_residents(months=months).select_related("team"))
        per_team = (
            inactive_residents(months=months)
            .values("team__name")
            .annotate(count=Count("pk"))
            .order_by("team__name")
        )
        self.stdout.write(
            f"Retention: {months} months, no activity since {cutoff:%Y-%m-%d}: "
            f"{len(residents)} resident(s) to anonymise."
        )
        for row in per_team:
            self.stdout.write(f"  {row['team__name']}: {row['count']}")
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
            return
        if not residents:
            return
        counts = residents_anonymise(residents=residents)
        self.stdout.write(
            self.style.SUCCESS(
                f"Anonymised {counts['residents']} resident(s); cleared the notes of "
                f"{counts['conversations']} conversation(s) and the names in "
                f"{counts['referrals']} referral(s), and rewrote {counts['free_text']} "
                "free-text row(s) naming them, history included."
            )
        )
