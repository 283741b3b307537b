from django.core.management.base import BaseCommand

from collectief.rollups import refresh_all


class Command(BaseCommand):
    help = (
        "Rebuild every rollup table (monthly summaries the balance and dashboards read) from "
        "the rows they summarise. Saves keep them current; run this after a bulk load or a "
        "manual change in the database."
    )

    def handle(self, *args, verbosity, **options):
        def report(refresh):
            if verbosity:
                self.stdout.write(f"refreshed {refresh.__module__}.{refresh.__name__}")

        refresh_all(report)
