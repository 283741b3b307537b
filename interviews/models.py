"""Resident conversations in snowball rounds (report §2.1).

A team builds a versioned Questionnaire (themes, questions); a Round uses one version; a
Conversation with a Resident is logged with Answers, Wishes and Referrals; a Referral becomes
the to-contact list of the next round and, when it leads to a conversation, the chain link.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collectief.models import Neighbourhood, Organisation, QuickChoiceLabels, Team


class Questionnaire(models.Model):
    """One version of a team's questionnaire. Versions of the same list share `lineage`."""

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="questionnaires", verbose_name=_("team")
    )
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    version_number = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=150)
    introduction = models.TextField(_("introduction"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["team__name", "name", "-version_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["lineage", "version_number"], name="one_questionnaire_per_version"
            )
        ]

    def __str__(self):
        return _("%(name)s (version %(number)s)") % {
            "name": self.name,
            "number": self.version_number,
        }

    def get_absolute_url(self):
        return reverse("interviews:questionnaire_detail", args=[self.pk])

    @property
    def is_used(self):
        """A used version is frozen: conversations keep the questions they were held with."""
        return self.rounds.filter(conversations__isnull=False).exists()


class Theme(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="themes"
    )
    # The same theme keeps its key across versions, so an edit can follow it into a copy.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    from_stakeholder_meeting = models.BooleanField(
        _("came from the area connector's stakeholder meeting"), default=False
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="theme_key_per_version")
        ]

    def __str__(self):
        return self.title


class Question(QuickChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        OPEN = "open", _("Open text")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale 1–5")
        YES_NO = "yes_no", _("Yes or no")

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="questions")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For single or multiple choice: one per line.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Round(models.Model):
    """A conversation round (gespreksronde); closed with the duos' reflection."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("team")
    )
    number = models.PositiveIntegerField(_("round number"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    goal = models.TextField(_("goal"))
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("questionnaire version"),
    )
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="rounds", verbose_name=_("neighbourhoods in scope")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reflection_experiences = models.TextField(_("what the duos experienced"), blank=True)
    reflection_surprises = models.TextField(_("what surprised them"), blank=True)
    reflection_changes = models.TextField(_("what they will do differently"), blank=True)
    history = HistoricalRecords(m2m_fields=[neighbourhoods])

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["team__name", "number"]
        constraints = [
            models.UniqueConstraint(fields=["team", "number"], name="one_round_number_per_team"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="round_ends_after_start",
            ),
        ]

    def __str__(self):
        return _("Round %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("interviews:round_detail", args=[self.uuid])

    @property
    def is_open(self):
        return self.closed_at is None


class Resident(models.Model):
    """A resident, stored with as little as works: a first name or nickname."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="residents", verbose_name=_("team")
    )
    name = models.CharField(_("first name or nickname"), max_length=80)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("neighbourhood"),
    )
    known_as_client = models.BooleanField(
        _("already known to the team as a client"),
        default=False,
        help_text=_("Used for the share of residents reached apart from a request for help."),
    )
    contact_details = models.CharField(_("contact details"), max_length=200, blank=True)
    consent_asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent asked by"),
    )
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_purpose = models.CharField(_("consent given for"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Bumped by every conversation or referral; a retention clean-up reads it.
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Set when retention or an erasure request removed the personal data (never undone).
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact_details="") | models.Q(consent_given_at__isnull=False),
                name="contact_details_need_consent",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("interviews:resident_detail", args=[self.uuid])

    @property
    def pseudonym(self):
        """A stable pseudonym for anonymised exports (does not reveal the name or the id)."""
        return f"B-{str(self.uuid)[:8].upper()}"


class PlaceKind(models.TextChoices):
    DOORSTEP = "doorstep", _("Doorstep")
    COMMUNITY_CENTRE = "community_centre", _("Community centre")
    STREET = "street", _("Street")
    SHOP = "shop", _("Shop")
    SCHOOL = "school", _("School")
    TEAM_OFFICE = "team_office", _("Team office")
    OTHER = "other", _("Other")


# What the rollup needs of the conversation in which a name was given.
NAMED_IN_FIELDS = ("round_id", "round__team_id", "round__number", "held_on")


class ConversationQuerySet(models.QuerySet):
    def in_round(self, round_):
        return self.filter(round=round_)

    def for_list(self):
        """What a list of conversations shows, and only those columns: its rows need no
        notes, follow-ups or the interviewers' passwords, and names rather than a resident
        and a neighbourhood per row. services.add_list_details() adds the interviewers' names
        and the rounds. The team and the resident's uuid are for the access log."""
        return self.annotate(
            resident_name=models.F("resident__name"),
            resident_uuid=models.F("resident__uuid"),
            neighbourhood_name=models.F("neighbourhood__name"),
        ).only("uuid", "held_on", "round", "team")


class Conversation(QuickChoiceLabels, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="conversations", verbose_name=_("round")
    )
    # The round's team, kept here (set on save; a conversation never changes round) so that a
    # team's newest conversations are one range of the conversation_team_recent index.
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        related_name="conversations",
        verbose_name=_("resident"),
    )
    held_on = models.DateField(_("date"))
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="+", verbose_name=_("neighbourhood")
    )
    place_kind = models.CharField(_("kind of place"), max_length=20, choices=PlaceKind.choices)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="conversations", verbose_name=_("interviewers")
    )
    partner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner organisation"),
    )
    partner_employee = models.CharField(
        _("partner organisation's employee"), max_length=100, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    follow_up = models.BooleanField(_("follow-up wanted"), default=False)
    # The resident agreed that their wishes are quoted, without names, e.g. on the themes page.
    quotable = models.BooleanField(_("may be quoted (without names)"), default=False)
    follow_up_what = models.CharField(_("what follow-up"), max_length=300, blank=True)
    follow_up_who = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up by"),
    )
    # The referral this conversation came from: the link of the snowball chain.
    source_referral = models.OneToOneField(
        "Referral",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resulting_conversation",
    )
    # Where this conversation stands in its snowball chain, fixed when it is logged (a followed
    # referral cannot be removed, so the chain above never changes): the number of
    # conversations in the chain that ends here, and the conversation the chain started with
    # (empty when it starts here). The snowball view reads chains and their length from these.
    chain_length = models.PositiveIntegerField(default=1, editable=False)
    chain_start = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    # One per submitted form, so that a double tap cannot create two conversations.
    submission_token = models.UUIDField(unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[interviewers])

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-held_on", "-pk"]
        indexes = [
            # A round's newest conversations first, read in index order: the conversation list
            # filtered by round (index-only for its page of ids).
            models.Index(
                "round",
                models.F("held_on").desc(),
                models.F("id").desc(),
                name="conversation_recent",
            ),
            # A team's newest conversations first: the conversation list's page of ids is one
            # range of this index (which serves lookups by team too: no index of team_id alone).
            models.Index(
                "team",
                models.F("held_on").desc(),
                models.F("id").desc(),
                name="conversation_team_recent",
            ),
        ]

    def __str__(self):
        return _("Conversation of %(date)s") % {"date": self.held_on}

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.team_id = self.round.team_id
        if self._state.adding and self.source_referral_id is not None:
            # The conversation in which the resident was named; its round and day are kept
            # for the rollup's signal (interviews/rollups.py), which counts the name followed.
            parent = Conversation.objects.values(
                "pk", "chain_length", "chain_start_id", *NAMED_IN_FIELDS
            ).get(referrals=self.source_referral_id)
            self.chain_length = parent["chain_length"] + 1
            self.chain_start_id = parent["chain_start_id"] or parent["pk"]
            self._named_in = parent
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("interviews:detail", args=[self.uuid])


class Answer(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.TextField(_("answer"))  # multiple choices one per line
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return self.value


class Wish(models.Model):
    """A resident's own question or wish, under a theme or (theme empty) in general."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="wishes")
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="wishes"
    )
    text = models.TextField(_("question or wish"))
    # The text as it may be quoted: every name the team knew when it was written (and every
    # name erased since) replaced; the team itself keeps reading `text`.
    quote = models.TextField(editable=False, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question or wish")
        verbose_name_plural = _("questions and wishes")
        ordering = ["pk"]

    def __str__(self):
        return self.text


class Referral(QuickChoiceLabels, models.Model):
    """A name a resident gave for the next round (sneeuwbaleffect)."""

    class Status(models.TextChoices):
        TO_CONTACT = "to_contact", _("To contact")
        CONTACTED = "contacted", _("Contacted")
        HELD = "held", _("Conversation held")
        DECLINED = "declined", _("Declined")
        UNREACHABLE = "unreachable", _("Unreachable")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="referrals"
    )
    name = models.CharField(_("name"), max_length=80)
    how_to_reach = models.CharField(_("how to reach them"), max_length=200, blank=True)
    relationship = models.CharField(_("how they know each other"), max_length=200, blank=True)
    # Set after a confirmed match with a resident the team already knows (never another team's).
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_by",
        verbose_name=_("known resident"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TO_CONTACT
    )
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def team_id(self):
        return self.conversation.round.team_id


class Erasure(models.Model):
    """A carried-out erasure request of a resident (GDPR art. 17), with its logged reason."""

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="erasures", verbose_name=_("resident")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.resident.pseudonym} {self.at:%Y-%m-%d}"


class SuggestedTheme(models.Model):
    """A theme offered to a questionnaire from outside (e.g. a stakeholder meeting, §2.1).

    Other apps add these through ``interviews.services.suggested_theme_add``; the community
    worker accepts (it becomes a theme) or dismisses it in the questionnaire editor.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="suggested_themes"
    )
    title = models.CharField(_("title"), max_length=150)
    source = models.CharField(_("source"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suggested theme")
        verbose_name_plural = _("suggested themes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "title", "source"], name="one_suggestion_per_source"
            )
        ]

    def __str__(self):
        return self.title


class StaleRound(models.Model):
    """A round whose RoundDayCounts must be rebuilt before they are read (interviews/rollups.py)."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return str(self.round_id)


class RoundDayCounts(models.Model):
    """Rollup: per round and day, what the city dashboard sums (interviews/rollups.py)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    round_number = models.PositiveIntegerField()
    day = models.DateField()
    conversations = models.PositiveIntegerField(default=0)
    via_referral = models.PositiveIntegerField(default=0)
    referrals = models.PositiveIntegerField(default=0)
    referrals_followed = models.PositiveIntegerField(default=0)
    new_residents = models.PositiveIntegerField(default=0)  # first conversation in the round
    new_team_residents = models.PositiveIntegerField(default=0)  # first in the team at all
    # Of those, the residents not known as a client of the team (§2.1: reaching new people).
    new_residents_not_known = models.PositiveIntegerField(default=0)
    new_team_residents_not_known = models.PositiveIntegerField(default=0)
    longest_chain = models.PositiveIntegerField(default=0)  # of the conversations that day

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "day"], name="one_count_per_day")]
        # Serves the dashboard's sums: the pilot teams' rows in a period.
        indexes = [models.Index(fields=["team", "day"], name="round_day_counts_team_day")]

    def __str__(self):
        return f"{self.round_id} {self.day}"


class RoundNeighbourhoodCounts(models.Model):
    """Rollup: conversations per round and neighbourhood, kept with RoundDayCounts."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, related_name="+")
    conversations = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "neighbourhood"], name="one_count_per_neighbourhood"
            )
        ]

    def __str__(self):
        return f"{self.round_id} {self.neighbourhood_id}"


class ExportJob(models.Model):
    """A conversation export made in the background for one person, who alone may download it.

    The file is kept in the row (not on a disk), so a worker and the web server need no shared
    volume; `interviews.delete_expired_exports` deletes it after COLLECTIEF_EXPORT_KEEP_HOURS.
    A named export keeps the keys of the residents it names, so its download can be logged.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey("Round", null=True, on_delete=models.CASCADE, related_name="+")
    named = models.BooleanField(default=False)
    file_format = models.CharField(max_length=4, default="xlsx")
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.WAITING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    filename = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True)
    resident_keys = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"{self.filename or self.uuid} ({self.status})"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
