from django.core.management.base import BaseCommand

from pilots import snapshots
from pilots.models import FigureSnapshot


class Command(BaseCommand):
    help = (
        "Recompute today's snapshots of the city dashboard's figures (and drop older ones), so "
        "that its readers do not wait for them. Run it from cron more often than "
        "COLLECTIEF_FIGURES_MAX_AGE_SECONDS."
    )

    def handle(self, *args, verbosity, **options):
        snapshots.refresh()
        if verbosity:
            self.stdout.write(f"recomputed {FigureSnapshot.objects.count()} dashboard snapshots")
