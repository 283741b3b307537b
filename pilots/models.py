"""Pilots collectiviseren: the pilot, its process journal, working-factor scores, lessons and
workshops (report §1, §2, §3, §4.2, §5.2)."""

import datetime
import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collectief.access import ALL_TEAMS, Capability, scope_for
from collectief.disclosure import HIDDEN, Hidden
from collectief.models import Organisation, QuickChoiceLabels, Team


class Phase(models.TextChoices):
    """The phases of a pilot, in order (report §4.2 plus embedding in the team)."""

    DESIGN = "design", _("Designing and planning")
    CONTACT = "contact", _("Making contact")
    EXECUTE = "execute", _("Executing")
    EMBED = "embed", _("Embedding")


# Pilot field holding the date each phase began, in phase order.
PHASE_FIELDS = [
    (Phase.DESIGN, "design_started_on"),
    (Phase.CONTACT, "contact_started_on"),
    (Phase.EXECUTE, "execute_started_on"),
    (Phase.EMBED, "embed_started_on"),
]


class PilotQuerySet(models.QuerySet):
    def with_phase(self, as_of=None):
        """Annotate `current_phase`: the last phase that began on or before `as_of`."""
        as_of = as_of or timezone.localdate()
        whens = [
            When(**{f"{field}__lte": as_of}, then=Value(phase.value))
            for phase, field in reversed(PHASE_FIELDS)
        ]
        return self.annotate(
            current_phase=Case(*whens, default=Value(""), output_field=models.CharField())
        )

    def in_period(self, start=None, end=None):
        """Pilots that ran at some time between `start` and `end` (either may be open)."""
        qs = self
        if end:
            qs = qs.filter(start_date__lte=end)
        if start:
            qs = qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        return qs


class Pilot(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="pilots", verbose_name=_("team")
    )
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    track_short_term = models.TextField(
        _("track 1: concrete short-term actions"),
        blank=True,
        help_text=_("Actions that show results soon (report §1, first track)."),
    )
    track_mindset = models.TextField(
        _("track 2: changing the team's mindset"),
        blank=True,
        help_text=_("How the team learns to work collectively (report §1, second track)."),
    )
    lead_group = models.TextField(
        _("lead group or pacesetters"),
        blank=True,
        help_text=_(
            "Who drives the pilot, by role (e.g. two team members and the community "
            "worker of Dock). No residents."
        ),
    )
    extra_capacity_hours = models.DecimalField(
        _("extra capacity (hours per week)"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    extra_capacity_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilot_capacity",
        verbose_name=_("extra capacity from"),
    )
    design_started_on = models.DateField(_("designing and planning began on"))
    contact_started_on = models.DateField(_("making contact began on"), null=True, blank=True)
    execute_started_on = models.DateField(_("executing began on"), null=True, blank=True)
    embed_started_on = models.DateField(_("embedding began on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = PilotQuerySet.as_manager()

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="pilot_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(design_started_on__gte=models.F("start_date")),
                name="pilot_design_after_start",
            ),
            models.CheckConstraint(
                condition=Q(extra_capacity_hours__gte=0) & Q(extra_capacity_hours__lte=60),
                name="pilot_capacity_in_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pilots:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date lies before the start date.")
        previous = None
        for phase, field in PHASE_FIELDS:
            value = getattr(self, field)
            if value is None:
                continue
            if self.start_date and value < self.start_date:
                errors[field] = _("This phase cannot begin before the pilot started.")
            elif previous and value < previous[1]:
                errors[field] = _("This phase cannot begin before “%(phase)s” began.") % {
                    "phase": previous[0].label
                }
            previous = (phase, value)
        gaps = [
            field
            for index, (_phase, field) in enumerate(PHASE_FIELDS)
            if getattr(self, field) is None
            and any(getattr(self, later) for _p, later in PHASE_FIELDS[index + 1 :])
        ]
        for field in gaps:
            errors.setdefault(field, _("Fill in this phase: a later phase has already begun."))
        if errors:
            raise ValidationError(errors)

    def phase_dates(self):
        """[(Phase, date or None)] in phase order."""
        return [(phase, getattr(self, field)) for phase, field in PHASE_FIELDS]

    def phase_on(self, day=None):
        day = day or timezone.localdate()
        current = None
        for phase, started in self.phase_dates():
            if started and started <= day:
                current = phase
        return current


class JournalEntryQuerySet(models.QuerySet):
    def shareable(self):
        return self.filter(shareable=True)


class JournalEntry(QuickChoiceLabels, models.Model):
    """One dated moment in a pilot's process (report §2: obstacles, eye-openers...)."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        OBSTACLE = "obstacle", _("Obstacle")
        BREAKTHROUGH = "breakthrough", _("Breakthrough or eye-opener")
        EMOTION = "emotion", _("Emotion or tension in the team")
        MUNICIPALITY = "municipality", _("Contact with the municipality")
        SUCCESS = "success", _("Success")

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="journal", verbose_name=_("pilot")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("what happened"))
    shareable = models.BooleanField(
        _("share city-wide"),
        default=False,
        help_text=_(
            "Shared entries appear in the city report and on the agenda of city-wide "
            "workshops. Never name residents in a shared entry."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("A journal entry cannot be dated in the future.")})


class WorkingFactor(models.Model):
    """One item of the checklists of report §4.2 (source data, in Dutch): a working factor
    the team scores, or a critical question ("Kan ik ... of moet ik ...?") it answers in its
    own words."""

    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("working factor"))
    is_question = models.BooleanField(_("critical question"), default=False)

    class Meta:
        verbose_name = _("working factor")
        verbose_name_plural = _("working factors")
        ordering = ["phase", "position"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "position"], name="one_factor_per_position")
        ]

    def __str__(self):
        return self.text


class Score(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet")
    PARTLY = "partly", _("Partly")
    YES = "yes", _("Yes")


class FactorScore(models.Model):
    """How the team scored one working factor at one moment."""

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="scores", verbose_name=_("pilot")
    )
    factor = models.ForeignKey(
        WorkingFactor, on_delete=models.PROTECT, related_name="scores", verbose_name=_("factor")
    )
    scored_on = models.DateField(_("scored on"))
    # Empty for a critical question: the team's answer is the comment.
    score = models.CharField(_("score"), max_length=10, choices=Score.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working-factor score")
        verbose_name_plural = _("working-factor scores")
        ordering = ["scored_on", "factor__phase", "factor__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "factor", "scored_on"], name="one_score_per_factor_and_moment"
            )
        ]

    def __str__(self):
        return f"{self.factor} {self.scored_on}: {self.get_score_display()}"


class Theme(models.TextChoices):
    """The five themes of the lessons in report §3."""

    INDIVIDUAL_COLLECTIVE = "individual_collective", _("Individual versus collective work")
    TEAM_ROLE = "team_role", _("Role and position of the team")
    COMMUNITY_WORK = "community_work", _("Role of community work")
    STAKEHOLDERS = "stakeholders", _("Role of other stakeholders, including the municipality")
    SUPPORT_PROCESS = "support_process", _("Support and process")


class Lesson(QuickChoiceLabels, models.Model):
    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("pilot")
    )
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    title = models.CharField(_("lesson"), max_length=200)
    text = models.TextField(_("explanation"), blank=True)
    recorded_on = models.DateField(_("recorded on"), default=datetime.date.today)
    shareable = models.BooleanField(
        _("share city-wide"),
        default=False,
        help_text=_(
            "City-wide lessons are visible to other teams and the municipality. "
            "Never name residents."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["theme", "recorded_on", "pk"]

    def __str__(self):
        return self.title


class WorkshopQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Workshops whose notes a person may read: city-wide ones for everyone who sees
        figures anywhere; a team's own workshops for those who may see that team."""
        scope = scope_for(user)
        condition = Q(pk__in=[])
        if scope.has_anywhere(Capability.VIEW_FIGURES):
            condition |= Q(team__isnull=True)
        team_ids = scope.team_ids(Capability.VIEW_TEAM)
        if team_ids:
            condition |= Q(team__in=team_ids)
        return self.filter(condition)

    def for_figures(self, user):
        """Workshops that count in the figures a person may see (aggregates only)."""
        scope = scope_for(user)
        team_ids = scope.team_ids(Capability.VIEW_FIGURES)
        if team_ids is ALL_TEAMS:
            return self
        return self.filter(Q(team__isnull=True) | Q(team__in=team_ids))


class Workshop(models.Model):
    """A werkplaats (report §5.2): a team's own, or city-wide when `team` is empty."""

    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("organising team"),
        help_text=_("Leave empty for a city-wide workshop."),
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    teams = models.ManyToManyField(
        Team, blank=True, related_name="workshops_joined", verbose_name=_("participating teams")
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="workshops",
        verbose_name=_("participating partner organisations"),
    )
    residents_count = models.PositiveIntegerField(_("number of residents taking part"), default=0)
    shared = models.TextField(_("what was shared"), blank=True)
    agreements = models.TextField(_("agreements made"), blank=True)
    notes_shareable = models.BooleanField(
        _("share the notes outside the team"),
        default=False,
        help_text=_(
            "A team workshop's notes stay in the team unless you share them: then the area "
            "connector and other teams may read them too."
        ),
    )
    history = HistoricalRecords(m2m_fields=[teams, organisations])

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pilots:workshop_detail", args=[self.pk])

    @property
    def is_citywide(self):
        return self.team_id is None


class AgendaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The agenda of the areas a person works in: their teams' areas, or as connector."""
        return self.filter(area_id__in=agenda_area_ids(user))


def agenda_area_ids(user):
    """Areas whose shared agenda a person may read: where they are connector or in a team."""
    scope = scope_for(user)
    team_ids = scope.team_ids(Capability.VIEW_TEAM)
    if team_ids is ALL_TEAMS:  # VIEW_TEAM is never city-wide, but stay safe if that changes
        return set(Team.objects.values_list("area_id", flat=True))
    areas = set(scope.connector_area_ids)
    if team_ids:
        areas |= set(Team.objects.filter(pk__in=team_ids).values_list("area_id", flat=True))
    return areas


def agenda_kept_area_ids(user):
    """Areas whose agenda a person keeps: the area connector, and the team's side of the
    carrying triangle (community workers and team leads of a team in the area, §5.2)."""
    scope = scope_for(user)
    areas = set(scope.connector_area_ids)
    team_ids = scope.team_ids(Capability.RUN_COLLECTIVE_WORK)
    if team_ids and team_ids is not ALL_TEAMS:
        areas |= set(Team.objects.filter(pk__in=team_ids).values_list("area_id", flat=True))
    return areas


class AgendaPriority(QuickChoiceLabels, models.Model):
    """A speerpunt of the shared social agenda of an area or neighbourhood (§5.2)."""

    class Progress(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        ACHIEVED = "achieved", _("Achieved")
        STOPPED = "stopped", _("Stopped")

    area = models.ForeignKey(
        "collectief.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    neighbourhood = models.ForeignKey(
        "collectief.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
        help_text=_("Empty when the priority is for the whole area."),
    )
    title = models.CharField(_("priority"), max_length=200)
    why = models.TextField(_("why"))
    signal_themes = models.ManyToManyField(
        "collectief.SignalTheme", blank=True, related_name="+", verbose_name=_("signal themes")
    )
    conversation_themes = models.ManyToManyField(
        "interviews.Theme", blank=True, related_name="+", verbose_name=_("conversation themes")
    )
    collective_issues = models.ManyToManyField(
        "collectief.CollectiveIssue",
        blank=True,
        related_name="+",
        verbose_name=_("collective issues"),
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", blank=True, related_name="+", verbose_name=_("initiatives")
    )
    carried_by = models.TextField(
        _("who carries it"),
        help_text=_("Team, community work, area connector, partners, residents: who does what."),
    )
    planned = models.TextField(_("what is planned"), blank=True)
    progress = models.CharField(
        _("progress"), max_length=10, choices=Progress.choices, default=Progress.PLANNED
    )
    progress_note = models.TextField(_("progress so far"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(
        m2m_fields=[signal_themes, conversation_themes, collective_issues, initiatives]
    )

    objects = AgendaQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda priority")
        verbose_name_plural = _("agenda priorities")
        ordering = ["area__name", "order", "pk"]

    def __str__(self):
        return self.title


class StakeholderMeeting(models.Model):
    """A meeting of the area connector with residents and partners, and the themes raised."""

    area = models.ForeignKey(
        "collectief.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    neighbourhood = models.ForeignKey(
        "collectief.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    held_on = models.DateField(_("date"))
    attended = models.TextField(
        _("who attended"),
        help_text=_("Organisations and roles (e.g. two residents of the tenants' association)."),
    )
    themes_raised = models.TextField(_("themes raised"), help_text=_("One theme per line."))
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = AgendaQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder meeting")
        verbose_name_plural = _("stakeholder meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.area} {self.held_on}"

    @property
    def theme_list(self):
        return [line.strip() for line in self.themes_raised.splitlines() if line.strip()]


class FigureEncoder(json.JSONEncoder):
    """JSON for computed figures: dates, decimals and hidden counts keep their type through
    FigureDecoder, so a snapshot renders (localised, "<5") exactly like the figures it was
    made of."""

    def iterencode(self, value, _one_shot=False):
        # A hidden count is a str, which JSON writes as such: tag it first.
        return super().iterencode(_tag_hidden(value), _one_shot)

    def default(self, value):
        if isinstance(value, datetime.date):
            return {"date": value.isoformat()}
        if isinstance(value, Decimal):
            return {"decimal": str(value)}
        return super().default(value)


def _tag_hidden(value):
    if isinstance(value, Hidden):
        return {"hidden": True}
    if isinstance(value, dict):
        return {key: _tag_hidden(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_tag_hidden(item) for item in value]
    return value


def _typed_value(item):
    if len(item) == 1 and "date" in item:
        return datetime.date.fromisoformat(item["date"])
    if len(item) == 1 and "decimal" in item:
        return Decimal(item["decimal"])
    if item == {"hidden": True}:
        return HIDDEN
    return item


class FigureDecoder(json.JSONDecoder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, object_hook=_typed_value, **kwargs)


class FigureSnapshot(models.Model):
    """The computed sections of one view of the city dashboard (pilots/snapshots.py).

    Summing the summaries of every team in view costs time in proportion to the number of
    teams; the dashboard reads this one row instead, recomputed when it is older than
    COLLECTIEF_FIGURES_MAX_AGE_SECONDS, on request, and by `manage.py refresh_rollups`.
    """

    # A hash of `params`: the pilots and workshops in view, the period, the language, ...
    key = models.CharField(max_length=64, unique=True)
    params = models.JSONField(encoder=FigureEncoder, decoder=FigureDecoder)
    sections = models.JSONField(encoder=FigureEncoder, decoder=FigureDecoder)
    computed_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key[:12]} {self.computed_at:%Y-%m-%d %H:%M}"
