"""Bulk generation of benchmark data (``manage.py generate_data``).

Each app registers a generator with ``registry.register_generator(fn, order)``; ``fn`` gets a
GenerationContext and adds its rows with ``ctx.insert(...)``, which uses PostgreSQL's COPY
(hundreds of thousands of rows a second) and falls back to bulk_create elsewhere. Ids are
assigned here, so rows can point at each other without reading them back.
"""

import csv
import datetime
import io
import math
import random
import sys
import time
import uuid
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection

CHUNK = 50_000
GENERATED_PASSWORD = "bench-password-2026"  # every generated login; benchmark databases only
FAKE_MARK = "(fictief)"  # generated names say so
# Generated history ends on a fixed Monday, so the same seed gives the same rows on any day.
END = datetime.date(2026, 11, 23)
YEARS = 5
START = END - datetime.timedelta(weeks=52 * YEARS)
STAMP = "2026-11-23 12:00:00+00"  # created_at of generated rows
FIRST_NAMES = [
    "Ans",
    "Bram",
    "Chantal",
    "Dirk",
    "Esra",
    "Fenna",
    "Gert",
    "Hanna",
    "Ibrahim",
    "Joke",
    "Kees",
    "Lieke",
    "Mehmet",
    "Nora",
    "Omar",
    "Petra",
    "Quinten",
    "Rachida",
    "Sander",
    "Tineke",
    "Umut",
    "Vera",
    "Wim",
    "Yara",
    "Zeynep",
    "Anouk",
    "Bilal",
    "Cor",
    "Daan",
    "Els",
]


@dataclass
class GenerationContext:
    factor: float  # teams and their people: 1 = city scale, 100 = nation scale
    volume: float = None  # conversations, initiatives, ... (the factor when not given)
    seed: int = 2018
    stdout: object = sys.stdout
    verbose: bool = True
    rng: random.Random = field(init=False)
    shared: dict = field(default_factory=dict)  # what earlier generators made, for later ones

    def __post_init__(self):
        self.rng = random.Random(self.seed)
        if self.volume is None:
            self.volume = self.factor

    def uuid(self):
        """A version-4 UUID from the seeded generator (uuid.uuid4 would not be reproducible)."""
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def per_team(self, city_count):
        """`city_count` (a total at city scale, in proportion to the conversations at other
        scales) spread over the generated teams."""
        return max(1, round(city_count * self.volume / len(self.shared["teams"])))

    def fake_name(self):
        return f"{self.rng.choice(FIRST_NAMES)} {FAKE_MARK}"

    def day_between(self, first, last):
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))

    def scaled(self, city_count):
        """`city_count` teams or people at city scale, in proportion at other scales."""
        return max(1, math.ceil(city_count * self.factor))

    def next_id(self, model):
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1

    def insert(self, model, columns, rows, total=None, label=None):
        """Insert `rows` (tuples in `columns` order, ids included) into `model`'s table."""
        label = label or model._meta.verbose_name_plural
        started, done = time.monotonic(), 0
        for chunk in _chunks(rows, CHUNK):
            _write(model, columns, chunk)
            done += len(chunk)
            self._progress(label, done, total, started)
        _reset_sequence(model)
        if self.verbose:
            self.stdout.write("\n")
        return done

    def batch(self, label, total):
        """Rows for several related tables at once; see Batch."""
        return Batch(self, label, total)

    def _progress(self, label, done, total, started):
        if not self.verbose:
            return
        rate = done / max(time.monotonic() - started, 1e-6)
        if total:
            filled = int(30 * done / total)
            bar = "#" * filled + "." * (30 - filled)
            self.stdout.write(f"\r{label:<28} [{bar}] {done:>10,}/{total:,} {rate:,.0f}/s")
        else:
            self.stdout.write(f"\r{label:<28} {done:>10,} {rate:,.0f}/s")
        self.stdout.flush()


class Batch:
    """Rows for several tables made in one loop (a conversation with its answers and
    referrals), written with COPY whenever a table has a chunk's worth, so that memory stays
    flat at nation scale. Foreign keys are checked at commit, so the order does not matter."""

    def __init__(self, ctx, label, total):
        self.ctx, self.label, self.total = ctx, label, total
        self.buffers, self.done, self.started = {}, 0, time.monotonic()

    def add(self, model, columns, row):
        buffer = self.buffers.setdefault((model, tuple(columns)), [])
        buffer.append(row)
        if len(buffer) >= CHUNK:
            _write(model, columns, buffer)
            buffer.clear()

    def step(self, count=1):
        """`count` more of the units the progress bar counts."""
        self.done += count
        if self.done % 1000 < count or self.done == self.total:
            self.ctx._progress(self.label, self.done, self.total, self.started)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if exc_info[0] is not None:
            return
        for (model, columns), buffer in self.buffers.items():
            if buffer:
                _write(model, columns, buffer)
        for model in {model for model, _columns in self.buffers}:
            _reset_sequence(model)
        self.ctx._progress(self.label, self.done, self.total, self.started)
        if self.ctx.verbose:
            self.ctx.stdout.write("\n")


def _write(model, columns, rows):
    if connection.vendor == "postgresql":
        _copy(model, columns, rows)
    else:
        model.objects.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2_000
        )


def _chunks(rows, size):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _copy(model, columns, rows):
    db_columns = [model._meta.get_field(name).column for name in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([r"\N" if value is None else value for value in row])
    buffer.seek(0)
    column_list = ", ".join(f'"{column}"' for column in db_columns)
    sql = (
        f"COPY \"{model._meta.db_table}\" ({column_list}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    )

    with connection.cursor() as cursor:
        cursor.copy_expert(sql, buffer)


def _reset_sequence(model):
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def generate_core(ctx):
    """Areas, neighbourhoods, teams and their people: 15 teams and 300 users at city scale."""
    from django.contrib.auth.hashers import make_password

    from collectief.models import Area, AreaConnector, Membership, Neighbourhood, Role, Team, User

    teams = ctx.scaled(15)
    areas = max(1, math.ceil(teams / 3))
    area_id, hood_id, team_id = ctx.next_id(Area), ctx.next_id(Neighbourhood), ctx.next_id(Team)
    user_id, membership_id = ctx.next_id(User), ctx.next_id(Membership)
    run = f"g{area_id}"  # keeps names unique when generating twice into one database
    # A second run into the same database draws other UUIDs; the same state gives the same data.
    ctx.rng.seed(f"{ctx.seed}-{run}")
    ctx.insert(
        Area,
        ["id", "name"],
        ((area_id + a, f"Gebied {run}-{a} {FAKE_MARK}") for a in range(areas)),
        areas,
    )
    hoods_per_team = 3
    ctx.insert(
        Neighbourhood,
        ["id", "area_id", "name"],
        (
            (hood_id + n, area_id + (n // hoods_per_team) // 3, f"Buurt {run}-{n} {FAKE_MARK}")
            for n in range(teams * hoods_per_team)
        ),
        teams * hoods_per_team,
    )
    ctx.insert(
        Team,
        ["id", "area_id", "name"],
        ((team_id + t, area_id + t // 3, f"SWT {run}-{t} {FAKE_MARK}") for t in range(teams)),
        teams,
    )
    ctx.insert(
        Team.neighbourhoods.through,
        ["team_id", "neighbourhood_id"],
        ((team_id + n // hoods_per_team, hood_id + n) for n in range(teams * hoods_per_team)),
        teams * hoods_per_team,
        label="team neighbourhoods",
    )
    password = make_password(GENERATED_PASSWORD)
    people_per_team = 20  # 1 lead, 2 community workers, 17 members
    roles = [Role.LEAD, Role.COMMUNITY_WORKER, Role.COMMUNITY_WORKER] + [Role.MEMBER] * 17
    users, memberships, team_people = [], [], []
    for t in range(teams):
        people = []
        for p, role in enumerate(roles):
            uid = user_id + t * people_per_team + p
            username = f"gen-{run}-t{t}-{role}-{p}"
            users.append((uid, username, password, "Fictief", f"Medewerker {p}", False))
            memberships.append((membership_id + len(memberships), uid, team_id + t, role, 32))
            people.append((uid, role))
        team_people.append(
            (team_id + t, [hood_id + t * hoods_per_team + h for h in range(hoods_per_team)], people)
        )
    extra = user_id + len(users)
    connectors = [
        (extra + a, f"gen-{run}-connector-{a}", password, "Fictief", "Verbinder", False)
        for a in range(areas)
    ]
    municipality = (extra + areas, f"gen-{run}-municipality", password, "Fictief", "Gemeente", True)
    columns = [
        "id",
        "username",
        "password",
        "first_name",
        "last_name",
        "is_municipality_staff",
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
        "date_joined",
    ]
    everyone = users + connectors + [municipality]
    joined = "2017-01-01 00:00:00+00"
    ctx.insert(
        User,
        columns,
        ((*row, "", True, False, False, joined) for row in everyone),
        len(everyone),
        label="users",
    )
    ctx.insert(
        Membership,
        ["id", "user_id", "team_id", "role", "hours_per_week"],
        memberships,
        len(memberships),
    )
    ctx.insert(
        AreaConnector,
        ["user_id", "area_id"],
        ((uid, area_id + a) for a, (uid, *_rest) in enumerate(connectors)),
        areas,
    )
    ctx.shared["teams"] = team_people
    ctx.shared["logins"] = {
        "member": users[3][1],
        "community_worker": users[1][1],
        "lead": users[0][1],
        "area_connector": connectors[0][1],
        "municipality": municipality[1],
    }
