from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from collectief.registry import registry


class Command(BaseCommand):
    help = (
        "Load the fictional Haarlem demo data (teams, people, pilots, conversations, "
        "initiatives). Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (never on a production database).",
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off. Use --force on a test system."
            )
        with transaction.atomic():
            for loader in registry.demo_loaders:
                loader.load(self.stdout if verbosity > 0 else _Silent())


class _Silent:
    def write(self, message):
        pass
