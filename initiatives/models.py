"""Neighbourhood initiatives, label programmes (De Wijkfabriek), activities and successes.

An initiative belongs to one team; everything hanging off it (activities, sessions, materials,
comments, label applications) inherits that team for the access policy.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Avg, Count, Prefetch, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collectief.models import Neighbourhood, Organisation, QuickChoiceLabels, Team

# Above these a count is a typing error, not a busy morning (§2.3: 4 to 10 participants).
MAX_PARTICIPANTS = 1000
MAX_VOLUNTEERS = 200
MAX_PROFESSIONALS = 100


class Quadrant(models.TextChoices):
    """The four quadrants of §3.1: individual–collective × helping–activating."""

    INDIVIDUAL_HELPING = "individual_helping", _("Individual, helping")
    INDIVIDUAL_ACTIVATING = "individual_activating", _("Individual, activating")
    COLLECTIVE_HELPING = "collective_helping", _("Collective, helping")
    COLLECTIVE_ACTIVATING = "collective_activating", _("Collective, activating")


class InitiativeQuerySet(models.QuerySet):
    def with_list_data(self):
        """Everything a list row shows (team, contact, neighbourhoods, granted labels)."""
        return self.select_related("team", "contact_person").prefetch_related(
            "neighbourhoods",
            Prefetch(
                "label_applications",
                queryset=LabelApplication.objects.granted().select_related("programme"),
                to_attr="granted_labels",
            ),
        )

    def search(self, text):
        return self.filter(name__icontains=text) if text else self

    def active(self):
        return self.filter(status__in=[Initiative.Status.STARTING, Initiative.Status.RUNNING])


class Initiative(QuickChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        RESIDENT_INITIATIVE = "resident_initiative", _("Resident initiative")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        WORKSHOP = "workshop", _("Workshop or course")
        CLUB = "club", _("Club or group")
        MEETING_PLACE = "meeting_place", _("Meeting place")
        EXISTING_APPROACH = "existing_approach", _("Existing approach")
        CAMPAIGN = "campaign", _("Campaign or leaflet")

    class Approach(models.TextChoices):
        """Proven approaches an initiative can build on (§2.2)."""

        LEEFSTRAAT = "leefstraat", _("Living street (leefstraat)")
        BAKKIE = "bakkie", _("Coffee in the neighbourhood (bakkie in de buurt)")
        WALKING_CLUB = "walking_club", _("Walking club")
        OTHER = "other", _("Other approach")

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        STARTING = "starting", _("Starting")
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("team")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="initiatives", verbose_name=_("neighbourhoods"), blank=True
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    approach = models.CharField(
        _("existing approach"), max_length=20, choices=Approach.choices, blank=True
    )
    resident_starters = models.CharField(
        _("started by residents"),
        max_length=300,
        blank=True,
        help_text=_("Pseudonyms or first names only, separated by commas."),
    )
    organisation_starters = models.ManyToManyField(
        Organisation,
        related_name="initiatives_started",
        verbose_name=_("started by organisations"),
        blank=True,
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative_contacts",
        verbose_name=_("contact person in the team"),
    )
    quadrant = models.CharField(_("quadrant"), max_length=30, choices=Quadrant.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IDEA
    )
    status_since = models.DateField(_("status since"))
    status_reason = models.TextField(_("reason for the status"), blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    # What it answers: themes and wishes from the team's conversations (read from the
    # interviews app) and collective issues (core). The pages on the other side show these
    # through registry panels, so neither interviews nor the core imports this app.
    themes = models.ManyToManyField(
        "interviews.Theme", related_name="initiatives", verbose_name=_("themes"), blank=True
    )
    wishes = models.ManyToManyField(
        "interviews.Wish", related_name="initiatives", verbose_name=_("wishes"), blank=True
    )
    collective_issues = models.ManyToManyField(
        "collectief.CollectiveIssue",
        related_name="initiatives",
        verbose_name=_("collective issues"),
        blank=True,
    )
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(
        m2m_fields=[neighbourhoods, organisation_starters, themes, wishes, collective_issues]
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="initiative_ends_after_it_starts",
            ),
        ]
        indexes = [
            # The list filters a team's initiatives by status.
            models.Index(fields=["team", "status"], name="initiative_team_status"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.public_id])

    @property
    def starters_key(self):
        """The access log's key of the residents named as its starters (free text)."""
        return f"starters-{self.public_id}"


class InitiativePartner(models.Model):
    """A partner organisation and what it does in this initiative."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="partners", verbose_name=_("initiative")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="initiative_partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role in the initiative"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation"], name="one_partnership_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.initiative}"


class StatusChange(QuickChoiceLabels, models.Model):
    """One step in an initiative's lifecycle, with its date and (when required) reason."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("initiative"),
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=Initiative.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=Initiative.Status.choices)
    changed_on = models.DateField(_("date"))
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_on", "-pk"]

    def __str__(self):
        return f"{self.initiative}: {self.get_to_status_display()} ({self.changed_on})"


class Comment(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="comments", verbose_name=_("initiative")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author} – {self.initiative}"


class LabelProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class LabelProgramme(models.Model):
    """A team-owned label like De Wijkfabriek that initiatives may carry (§2.2)."""

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="label_programmes", verbose_name=_("team")
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    criteria = models.TextField(
        _("criteria"), blank=True, help_text=_("What an initiative needs to carry the label.")
    )
    badge = models.FileField(_("badge image"), upload_to="labels/", blank=True)
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Shown on a public page without login, with the initiatives that opted in."),
    )
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    objects = LabelProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("label programme")
        verbose_name_plural = _("label programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:label_detail", args=[self.pk])

    def get_public_url(self):
        return reverse("public:label", args=[self.pk])


class LabelApplicationQuerySet(models.QuerySet):
    def granted(self):
        return self.filter(status=LabelApplication.Status.GRANTED)

    def on_public_page(self):
        """Granted and opted in: what the public page of a published label may show."""
        return self.granted().filter(public=True, programme__published=True)


class LabelApplication(QuickChoiceLabels, models.Model):
    """An initiative's application for a label and the team's decision on it."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        GRANTED = "granted", _("Granted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    programme = models.ForeignKey(
        LabelProgramme,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("label"),
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="label_applications",
        verbose_name=_("initiative"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    motivation = models.TextField(_("motivation"), blank=True)
    applied_on = models.DateField(_("applied on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    # Opt-in for the public label page; only these texts (never the initiative's internal
    # description, starters or contact person) leave the team.
    public = models.BooleanField(
        _("show on the public label page"),
        default=False,
        help_text=_("Only with the consent of the people behind the initiative."),
    )
    public_summary = models.TextField(
        _("what the initiative does (public)"),
        blank=True,
        help_text=_("Written for residents, shopkeepers and artists. No names of residents."),
    )
    how_to_join = models.TextField(
        _("how to join (public)"),
        blank=True,
        help_text=_(
            "E.g. just drop by, or an e-mail address of the initiative. No home addresses."
        ),
    )
    history = HistoricalRecords()

    objects = LabelApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("label application")
        verbose_name_plural = _("label applications")
        ordering = ["-applied_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "initiative"], name="one_application_per_label"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""),
                name="declined_application_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.initiative} – {self.programme}"


class Activity(QuickChoiceLabels, models.Model):
    """Something an initiative does: once, or again and again (e.g. weekly return mornings)."""

    class Recurrence(models.TextChoices):
        ONCE = "once", _("One-off")
        WEEKLY = "weekly", _("Weekly")
        FORTNIGHTLY = "fortnightly", _("Every two weeks")
        MONTHLY = "monthly", _("Monthly")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("initiative"),
    )
    name = models.CharField(_("name"), max_length=150)
    recurrence = models.CharField(
        _("how often"), max_length=12, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    location = models.CharField(_("location"), max_length=150, blank=True)
    starts_on = models.DateField(
        _("first date"), null=True, blank=True, help_text=_("Needed for the public calendar.")
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:activity_detail", args=[self.public_id])


class Participant(models.Model):
    """A registered participant of an initiative, by pseudonym (only when the team registers)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="participants"
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=60)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["pseudonym"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "pseudonym"], name="one_participant_per_pseudonym"
            )
        ]

    def __str__(self):
        return self.pseudonym

    @property
    def access_key(self):
        """The access log's key of this participant (a pseudonym, no resident record)."""
        return f"participant-{self.pk}"


class SessionQuerySet(models.QuerySet):
    def reach(self):
        """Sessions, total and average attendance in one aggregate query."""
        return self.aggregate(
            sessions=Count("pk"),
            total_participants=Sum("participants"),
            total_volunteers=Sum("volunteers"),
            average_participants=Avg("participants"),
        )


class Session(models.Model):
    """One time an activity took place, with who was there (counts) and a short note."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("activity")
    )
    date = models.DateField(_("date"))
    participants = models.PositiveIntegerField(
        _("participants"), validators=[MaxValueValidator(MAX_PARTICIPANTS)]
    )
    volunteers = models.PositiveIntegerField(
        _("volunteers"), default=0, validators=[MaxValueValidator(MAX_VOLUNTEERS)]
    )
    professionals = models.PositiveIntegerField(
        _("professionals"), default=0, validators=[MaxValueValidator(MAX_PROFESSIONALS)]
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    attendees = models.ManyToManyField(
        Participant, related_name="sessions", blank=True, verbose_name=_("registered participants")
    )
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[attendees])

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__lte=MAX_PARTICIPANTS)
                & Q(volunteers__lte=MAX_VOLUNTEERS)
                & Q(professionals__lte=MAX_PROFESSIONALS),
                name="session_counts_in_range",
            )
        ]

    def __str__(self):
        return f"{self.activity} {self.date}"


class Material(models.Model):
    """A file (leaflet, poster) of an initiative; downloaded only through an access check."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="materials", verbose_name=_("initiative")
    )
    title = models.CharField(_("title"), max_length=150)
    file = models.FileField(_("file"), upload_to="materials/")
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:material_file", args=[self.public_id])


class SuccessQuerySet(models.QuerySet):
    def shareable(self):
        return self.filter(shareable=True)


class Success(models.Model):
    """A success of an initiative or of the team, and whether (and how) it was celebrated."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="successes", verbose_name=_("team")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="successes",
        verbose_name=_("initiative"),
    )
    title = models.CharField(
        _("what"), max_length=200, help_text=_("Without names: the title may leave the team.")
    )
    happened_on = models.DateField(_("when"))
    involved = models.TextField(_("who was involved"), blank=True)
    photo = models.FileField(_("photo"), upload_to="successes/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    celebrated_on = models.DateField(_("celebrated on"), null=True, blank=True)
    celebrated_how = models.CharField(_("how it was celebrated"), max_length=300, blank=True)
    shareable = models.BooleanField(
        _("shareable"),
        default=False,
        help_text=_("Area and city pages may show its title and date, never who was involved."),
    )
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    objects = SuccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("success")
        verbose_name_plural = _("successes")
        ordering = ["-happened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(celebrated_on__isnull=True)
                | Q(celebrated_on__gte=models.F("happened_on")),
                name="success_celebrated_after_it_happened",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:success_update", args=[self.public_id])

    @property
    def involved_key(self):
        """The access log's key of the people named as involved in it (free text)."""
        return f"involved-{self.public_id}"


class MapTheme(models.TextChoices):
    """Themes of the social map: what a team member looks for when referring a resident."""

    LONELINESS = "loneliness", _("Loneliness and meeting people")
    MONEY = "money", _("Money and debts")
    PARENTING = "parenting", _("Parenting and growing up")
    HEALTH = "health", _("Health and exercise")
    LANGUAGE = "language", _("Language and learning")
    WORK = "work", _("Work and volunteering")
    ELDERLY = "elderly", _("Older residents")
    YOUTH = "youth", _("Young people")
    FOOD = "food", _("Food and meals")
    LIVEABILITY = "liveability", _("Liveability of the street")
    FAITH = "faith", _("Faith and meaning")
    CARE = "care", _("Care and support")


class SocialMapEntryQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=SocialMapEntry.Status.ACCEPTED)

    def suggested(self):
        return self.filter(status=SocialMapEntry.Status.SUGGESTED)

    def with_theme(self, theme):
        # Themes are stored as ",key,key," so one LIKE finds a whole key on every database.
        return self.filter(themes__contains=f",{theme},") if theme else self


class SocialMapEntry(models.Model):
    """Who is already active in a neighbourhood (§4.1: teams do not see what already runs).

    Resident initiatives are not entered here: the map shows the initiatives app's own rows.
    """

    class Kind(models.TextChoices):
        PARTNER = "partner", _("Partner organisation")
        CHURCH = "church", _("Church or faith community")
        ASSOCIATION = "association", _("Association")
        MEETING_PLACE = "meeting_place", _("Meeting place")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("On the map")

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        related_name="social_map_entries",
        verbose_name=_("neighbourhood"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="social_map_entries",
        verbose_name=_("partner organisation"),
        help_text=_("When the entry is one of the known partner organisations."),
    )
    name = models.CharField(_("name"), max_length=150)
    what = models.TextField(_("what they do"))
    for_whom = models.CharField(_("for whom"), max_length=300, blank=True)
    when = models.CharField(_("when"), max_length=300, blank=True)
    contact = models.CharField(
        _("contact route"),
        max_length=300,
        blank=True,
        help_text=_("How a team member gets in touch: a phone number, a desk, a person's role."),
    )
    themes = models.CharField(_("themes"), max_length=300, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUGGESTED
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    objects = SocialMapEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("social map entry")
        verbose_name_plural = _("social map entries")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["neighbourhood", "status"], name="socialmap_hood_status"),
        ]

    def __str__(self):
        return self.name

    @property
    def theme_keys(self):
        return [key for key in self.themes.split(",") if key]

    @theme_keys.setter
    def theme_keys(self, keys):
        self.themes = "," + ",".join(sorted(set(keys))) + "," if keys else ""

    def theme_labels(self):
        labels = dict(MapTheme.choices)
        return [labels[key] for key in self.theme_keys if key in labels]


class TeamDaySessions(models.Model):
    """Rollup: a team's activity sessions per day, with participants and volunteers summed.
    The city dashboard sums these rows for any period instead of every session; kept current
    by signals on Session (initiatives/rollups.py), rebuilt by `manage.py refresh_rollups`."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sessions = models.IntegerField(default=0)
    participants = models.IntegerField(default=0)
    volunteers = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # Also the index of the dashboard's sums: the teams' days in a period.
            models.UniqueConstraint(fields=["team", "day"], name="one_session_count_per_day")
        ]

    def __str__(self):
        return f"{self.team_id} {self.day}"
