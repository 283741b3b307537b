"""The shared core: areas, neighbourhoods, partner organisations, teams and memberships."""

import uuid
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class QuickChoiceLabels:
    """get_FOO_display() for list pages: Django's own hashes every choice's (lazily translated)
    label on each call, which translated 150 labels per row on the initiative list; this looks
    the value up in a plain dict. For fields whose values are strings or numbers."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_choice_labels(field).get(value, value), strings_only=True)


@cache
def _choice_labels(field):
    """The (lazily translated) label of each of the field's values; fields are set at start."""
    return dict(field.flatchoices)


class User(AbstractUser):
    """A person who logs in. Team roles live in Membership, area roles in AreaConnector."""

    is_municipality_staff = models.BooleanField(
        _("municipality staff"),
        default=False,
        help_text=_("Sees city-wide aggregates, never residents' personal data."),
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self):
        return self.name_from(self.first_name, self.last_name, self.username)

    @staticmethod
    def name_from(first_name, last_name, username):
        """How a person is named on a page, from the three columns (lists read them as tuples)."""
        return f"{first_name} {last_name}".strip() or username


class Area(models.Model):
    """A gebied of the city, e.g. Oost; area connectors work per area."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Neighbourhood(models.Model):
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="neighbourhoods", verbose_name=_("area")
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        WELFARE = "welfare", _("Welfare and community work")
        CARE = "care", _("Care")
        DEBT_SUPPORT = "debt_support", _("Debt support")
        EDUCATION = "education", _("Education")
        FAITH = "faith", _("Church or faith community")
        ASSOCIATION = "association", _("Association")
        HOUSING = "housing", _("Housing")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(models.Model):
    """A social neighbourhood team (sociaal wijkteam)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="teams", verbose_name=_("area")
    )
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="teams", verbose_name=_("neighbourhoods"), blank=True
    )
    history = HistoricalRecords(m2m_fields=[neighbourhoods])

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("teams:detail", args=[self.pk])


class Role(models.TextChoices):
    """A person's role within one team."""

    MEMBER = "member", _("Team member")
    COMMUNITY_WORKER = "community_worker", _("Community worker")
    LEAD = "lead", _("Team lead")


class Membership(QuickChoiceLabels, models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("home organisation"),
    )
    hours_per_week = models.DecimalField(
        _("contracted hours per week"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["team__name", "user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="one_membership_per_team"),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=0) & models.Q(hours_per_week__lte=60),
                name="membership_hours_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.team} ({self.get_role_display()})"


class AreaConnector(models.Model):
    """Makes a person the area connector (gebiedsverbinder) of an area."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="area_connections",
        verbose_name=_("person"),
    )
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="connectors", verbose_name=_("area")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area connector")
        verbose_name_plural = _("area connectors")
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="one_connection_per_area")
        ]

    def __str__(self):
        return f"{self.user} – {self.area}"


# --- Access log (issue 7) --------------------------------------------------------------------
# Who looked at which residents' personal data, for what, with what result. Append-only: the
# application can add records but never change or remove them (docs/privacy.md describes the
# PostgreSQL grant that enforces the same in the database).


class AccessRecordChangeError(Exception):
    """Raised when code tries to change or delete an access record."""


class AccessRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AccessRecordChangeError("Access records cannot be changed.")

    def delete(self):
        raise AccessRecordChangeError("Access records cannot be deleted.")

    def for_resident(self, key):
        """Records that include the resident with this opaque key."""
        return self.filter(resident_keys__contains=f" {key} ")


class AccessRecord(models.Model):
    """One look at (or refused look at) the personal data of one or more residents.

    Residents are stored as opaque keys (their UUIDs as text), never as names, and no note
    text is kept, so the log itself reveals nothing about a resident's situation.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="access_records",
        verbose_name=_("person"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_records",
        verbose_name=_("team"),
    )
    # Space-separated with a space at both ends, so that " <key> " matches one key exactly.
    resident_keys = models.TextField(_("residents (keys)"))
    purpose = models.CharField(_("purpose"), max_length=100)
    shown = models.BooleanField(_("shown"), help_text=_("Off when access was refused."))
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("access record")
        verbose_name_plural = _("access records")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["team", "-at"], name="access_team_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.purpose}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AccessRecordChangeError("Access records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessRecordChangeError("Access records cannot be deleted.")

    @property
    def keys(self):
        return self.resident_keys.split()


# --- Weighing framework, interventions, assessments, signals, weekly hours (issue 5) ---
# The collective/individual balance of a team (report §3.1, §3.2–3.3, §5.2). Self-contained:
# everything below depends only on the core models above.


class Quadrant(models.TextChoices):
    """The four quadrants of §3.1: individual–collective × helping–activating."""

    INDIVIDUAL_HELPING = "individual_helping", _("Individual · helping")
    INDIVIDUAL_ACTIVATING = "individual_activating", _("Individual · activating")
    COLLECTIVE_HELPING = "collective_helping", _("Collective · helping")
    COLLECTIVE_ACTIVATING = "collective_activating", _("Collective · activating")


COLLECTIVE_QUADRANTS = (Quadrant.COLLECTIVE_HELPING, Quadrant.COLLECTIVE_ACTIVATING)


class TeamBalanceSettings(models.Model):
    """What the team lead sets: the collective target and when signals become an issue."""

    team = models.OneToOneField(
        Team, on_delete=models.CASCADE, related_name="balance_settings", verbose_name=_("team")
    )
    collective_target = models.PositiveSmallIntegerField(
        _("collective target (percentage of hours)"),
        default=25,
        validators=[MaxValueValidator(100)],
    )
    signal_threshold = models.PositiveSmallIntegerField(
        _("signals needed for a candidate collective issue"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    signal_window_days = models.PositiveSmallIntegerField(
        _("within how many days"),
        default=91,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("balance settings")
        verbose_name_plural = _("balance settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signal_threshold__gte=1), name="signal_threshold_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(collective_target__lte=100), name="collective_target_percent"
            ),
        ]

    def __str__(self):
        return str(self.team)


class Framework(models.Model):
    """One version of a team's weighing framework (afwegingskader, §5.2).

    A version that an assessment used is never changed: editing it makes a new version.
    """

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="frameworks", verbose_name=_("team")
    )
    version = models.PositiveIntegerField(_("version"))
    # Bumped by every in-place save, so that two leads editing at once cannot overwrite
    # each other unnoticed.
    revision = models.PositiveIntegerField(default=0, editable=False)
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("weighing framework")
        verbose_name_plural = _("weighing frameworks")
        ordering = ["team", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["team", "version"], name="one_framework_version")
        ]

    def __str__(self):
        return _("%(team)s, version %(version)s") % {"team": self.team, "version": self.version}

    def get_absolute_url(self):
        return reverse("collective:framework_version", args=[self.team_id, self.version])


class FrameworkQuestion(QuickChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale 1–5")
        YES_NO = "yes_no", _("Yes / no")
        TEXT = "text", _("Text")

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="questions", verbose_name=_("framework")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("answer kind"), max_length=10, choices=Kind.choices)
    guidance = models.TextField(_("guidance"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("framework question")
        verbose_name_plural = _("framework questions")
        ordering = ["framework", "position", "pk"]

    def __str__(self):
        return self.text


class Intervention(QuickChoiceLabels, models.Model):
    """Something the team does or considers, placed in one quadrant, with the hours spent."""

    class Kind(models.TextChoices):
        GROUP = "group", _("Group")
        WORKSHOP = "workshop", _("Workshop")
        INITIATIVE_SUPPORT = "initiative_support", _("Support to an initiative")
        COLLECTIVE_APPROACH = "collective_approach", _("Collective approach to a shared problem")
        INDIVIDUAL_SUPPORT = "individual_support", _("Individual support (counts only)")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        CONSIDERED = "considered", _("Considered")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")
        DROPPED = "dropped", _("Not started")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="interventions", verbose_name=_("team")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    quadrant = models.CharField(_("quadrant"), max_length=30, choices=Quadrant.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONSIDERED
    )
    started_on = models.DateField(_("start date"))
    hours = models.DecimalField(
        _("hours spent"),
        max_digits=7,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    people_supported = models.PositiveIntegerField(
        _("households supported"),
        null=True,
        blank=True,
        help_text=_("For individual support: a count only, never names."),
    )
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["-started_on", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="intervention_hours")
        ]
        # Serves the balance view: interventions of the teams per month.
        indexes = [models.Index(fields=["team", "started_on"], name="intervention_team_month")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("collective:intervention_detail", args=[self.uuid])


class Assessment(QuickChoiceLabels, models.Model):
    """The team weighing an intervention with one version of its framework."""

    class Decision(models.TextChoices):
        GO = "go", _("Go")
        ADJUST = "adjust", _("Adjust")
        STOP = "stop", _("Do not start")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("intervention"),
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("framework version"),
    )
    held_on = models.DateField(_("date"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("who took part"), blank=True
    )
    other_participants = models.CharField(
        _("others who took part"),
        max_length=200,
        blank=True,
        help_text=_("Organisations or roles, e.g. Humanitas, area connector."),
    )
    leaning = models.CharField(_("leans to quadrant"), max_length=30, choices=Quadrant.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    summary = models.TextField(_("summary of the outcome"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-held_on", "-created_at"]

    def __str__(self):
        return _("Assessment of %(intervention)s on %(date)s") % {
            "intervention": self.intervention,
            "date": self.held_on,
        }

    def get_absolute_url(self):
        return reverse("collective:assessment_detail", args=[self.uuid])


class AssessmentAnswer(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assessment")
    )
    question = models.ForeignKey(
        FrameworkQuestion, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    scale = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    yes_no = models.BooleanField(_("yes or no"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_each")
        ]

    def __str__(self):
        return str(self.question)


class SignalTheme(models.Model):
    """A theme of the team's list (money stress, loneliness, housing, parenting...)."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="signal_themes", verbose_name=_("team")
    )
    name = models.CharField(_("name"), max_length=80)
    active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signal theme")
        verbose_name_plural = _("signal themes")
        ordering = ["team", "name"]
        constraints = [models.UniqueConstraint(fields=["team", "name"], name="one_theme_name")]

    def __str__(self):
        return self.name


class CollectiveIssue(models.Model):
    """A shared problem the community worker made of a group of signals (private → public)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="collective_issues", verbose_name=_("team")
    )
    theme = models.ForeignKey(
        SignalTheme, on_delete=models.PROTECT, related_name="issues", verbose_name=_("theme")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="+", verbose_name=_("neighbourhood")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what we see"), blank=True)
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="collective_issues",
        verbose_name=_("intervention"),
    )
    outcome = models.TextField(_("what came of it"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_on = models.DateField(_("created on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("collective issue")
        verbose_name_plural = _("collective issues")
        ordering = ["-created_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("collective:issue_detail", args=[self.uuid])


class Signal(models.Model):
    """An anonymised signal from casework: a theme, a neighbourhood, a count — never a name."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="signals", verbose_name=_("team")
    )
    theme = models.ForeignKey(
        SignalTheme, on_delete=models.PROTECT, related_name="signals", verbose_name=_("theme")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="+", verbose_name=_("neighbourhood")
    )
    households = models.PositiveSmallIntegerField(
        _("households"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    description = models.CharField(_("short description"), max_length=280, blank=True)
    recorded_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    collective_issue = models.ForeignKey(
        CollectiveIssue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("collective issue"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-recorded_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(households__gte=1), name="signal_households")
        ]
        # Serves the grouping: open signals of a team per theme and neighbourhood.
        indexes = [
            models.Index(
                fields=["team", "collective_issue", "theme", "neighbourhood"],
                name="signal_grouping",
            )
        ]

    def __str__(self):
        return f"{self.theme} – {self.neighbourhood} ({self.recorded_on})"

    def get_absolute_url(self):
        return reverse("collective:signal_detail", args=[self.uuid])


class WeeklyHours(models.Model):
    """A member's hours in one week, per quadrant. The role is kept as it was that week."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="weekly_hours", verbose_name=_("team")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="weekly_hours",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    week = models.DateField(_("week (Monday)"))
    individual_helping = models.DecimalField(
        Quadrant.INDIVIDUAL_HELPING.label, max_digits=4, decimal_places=1, default=0
    )
    individual_activating = models.DecimalField(
        Quadrant.INDIVIDUAL_ACTIVATING.label, max_digits=4, decimal_places=1, default=0
    )
    collective_helping = models.DecimalField(
        Quadrant.COLLECTIVE_HELPING.label, max_digits=4, decimal_places=1, default=0
    )
    collective_activating = models.DecimalField(
        Quadrant.COLLECTIVE_ACTIVATING.label, max_digits=4, decimal_places=1, default=0
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user", "week"], name="one_hours_per_week"),
            models.CheckConstraint(
                condition=models.Q(individual_helping__gte=0)
                & models.Q(individual_activating__gte=0)
                & models.Q(collective_helping__gte=0)
                & models.Q(collective_activating__gte=0),
                name="weekly_hours_not_negative",
            ),
        ]
        # Serves the balance view: hours of the teams in a period.
        indexes = [models.Index(fields=["team", "week"], name="weekly_hours_team_week")]

    def __str__(self):
        return f"{self.user} – {self.week}"

    @property
    def total(self):
        return (
            self.individual_helping
            + self.individual_activating
            + self.collective_helping
            + self.collective_activating
        )


class TeamMonthHours(models.Model):
    """Rollup: a team's weekly hours summed per month and role (a week counts in the month of
    its Monday). The balance and the city dashboard read these few rows instead of every
    person's weeks. Kept current on every save or delete of WeeklyHours (collectief/rollups.py);
    `manage.py refresh_rollups` rebuilds it after bulk loads.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    role = models.CharField(max_length=20, choices=Role.choices)
    individual_helping = models.DecimalField(max_digits=10, decimal_places=1, default=0)
    individual_activating = models.DecimalField(max_digits=10, decimal_places=1, default=0)
    collective_helping = models.DecimalField(max_digits=10, decimal_places=1, default=0)
    collective_activating = models.DecimalField(max_digits=10, decimal_places=1, default=0)

    class Meta:
        constraints = [
            # Also the index of the balance's query: the teams' months in a period.
            models.UniqueConstraint(fields=["team", "month", "role"], name="one_rollup_per_month")
        ]

    def __str__(self):
        return f"{self.team_id} {self.month} {self.role}"


class OidcIdentity(models.Model):
    """The account at the municipality's OpenID Connect provider that logs in as this user.

    Matched on the provider's issuer and ``sub`` (stable and never reassigned), never on an
    e-mail address, which a provider may let people change.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="oidc_identity", verbose_name=_("user")
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject (sub)"), max_length=255)
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="oidc_identity_unique_sub")
        ]

    def __str__(self):
        return f"{self.subject} @ {self.issuer}"
