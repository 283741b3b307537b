import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from collectief.generate import GENERATED_PASSWORD, GenerationContext
from collectief.registry import registry

# (teams and people, conversations and the rest) as factors of the city scale: the nation has
# 1,500 teams and 5,000,000 conversations, the rest in proportion to the conversations.
SCALES = {"city": (1.0, 1.0), "nation": (100.0, 10.0)}


def parse_scale(value):
    if value in SCALES:
        return SCALES[value]
    try:
        factor = float(value)
    except ValueError as error:
        raise CommandError(f"--scale takes city, nation or a number, not {value!r}.") from error
    if factor <= 0:
        raise CommandError("--scale must be above zero.")
    return factor, factor


class Command(BaseCommand):
    help = (
        "Fill the database with fictional benchmark data: city (15 teams, 300 users, 500,000 "
        "conversations, ...), nation (1,500 teams with their people, 5,000,000 conversations "
        "and the rest in proportion) or a factor of the city scale. "
        "Reproducible: the same --seed gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="city", help="city, nation or a factor (0.01)")
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument(
            "--allow-sqlite", action="store_true", help="for tests at tiny scale only"
        )

    def handle(self, *args, scale, seed, allow_sqlite, verbosity, **options):
        if connection.vendor != "postgresql" and not allow_sqlite:
            raise CommandError("generate_data is meant for PostgreSQL (set DATABASE_URL).")
        factor, volume = parse_scale(scale)
        ctx = GenerationContext(
            factor=factor, volume=volume, seed=seed, stdout=self.stdout, verbose=verbosity > 0
        )
        started = time.monotonic()
        with transaction.atomic():
            for generator in registry.generators:
                generator.generate(ctx)
            # COPY sends no signals: rebuild the rollups the pages read (with fresh statistics,
            # so that their queries over the new rows are planned well).
            if connection.vendor == "postgresql":
                _analyze("ANALYZE")
            for refresh in registry.rollups:
                refresh()
        if verbosity:
            self.stdout.write(
                f"Generated {scale} (teams ×{ctx.factor:g}, conversations ×{ctx.volume:g}) "
                f"in {time.monotonic() - started:.0f}s. "
                f"Logins (password {GENERATED_PASSWORD}): {ctx.shared.get('logins')}"
            )
        if connection.vendor == "postgresql":
            # VACUUM as well as ANALYZE: it fills the visibility map, so that counts and id
            # pages on fresh data are index-only scans, as they are in a database in use.
            # (Inside a transaction, as in tests, VACUUM cannot run: ANALYZE only.)
            _analyze("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def _analyze(statement):
    """`statement` (ANALYZE, VACUUM ANALYZE) on the project's tables only: a database-wide
    ANALYZE in a transaction also locks PostgreSQL's shared catalogs until it ends, which held
    up every other database on the server (test runs) for the whole generation."""
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        cursor.execute(f"{statement} " + ", ".join(map(connection.ops.quote_name, tables)))
