"""The shared core: areas, neighbourhoods, partner organisations, teams and memberships."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
        return self.get_full_name() or self.username


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


class Membership(models.Model):
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
