"""Writes of the collective side of a team's work: framework, interventions, assessments,
signals, collective issues and weekly hours. Each runs in one transaction."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.concurrency import CONFLICT_MESSAGE
from collectief.models import (
    Assessment,
    AssessmentAnswer,
    CollectiveIssue,
    Framework,
    FrameworkQuestion,
    Intervention,
    Membership,
    Signal,
    SignalTheme,
    TeamBalanceSettings,
    WeeklyHours,
)

Kind = FrameworkQuestion.Kind

# The questions of the report's §5.2, the starting point of every team's framework.
DEFAULT_QUESTIONS = [
    (gettext_lazy("Are we visible and present enough in the neighbourhood?"), Kind.SCALE, ""),
    (
        gettext_lazy("Whose problems or questions are these?"),
        Kind.TEXT,
        gettext_lazy("Residents', the team's, a partner's or the municipality's?"),
    ),
    (gettext_lazy("Which opportunities do we see and which goals do we serve?"), Kind.TEXT, ""),
    (
        gettext_lazy(
            "Do we work for residents, the municipality, our parent organisation or others?"
        ),
        Kind.TEXT,
        "",
    ),
    (
        gettext_lazy("How viable is the initiative?"),
        Kind.SCALE,
        gettext_lazy("1 = depends entirely on us, 5 = residents carry it."),
    ),
    (gettext_lazy("What can residents do themselves and what is asked of us?"), Kind.TEXT, ""),
    (gettext_lazy("How do demand and supply relate?"), Kind.SCALE, ""),
    (gettext_lazy("Do we follow the residents' pace?"), Kind.YES_NO, ""),
]

DEFAULT_THEMES = [
    gettext_lazy("Money stress"),
    gettext_lazy("Loneliness"),
    gettext_lazy("Housing"),
    gettext_lazy("Parenting"),
]


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def balance_settings_for(team):
    """The team's settings; unsaved defaults when the team lead never changed them."""
    found = TeamBalanceSettings.objects.filter(team=team).first()
    return found or TeamBalanceSettings(team=team)


@transaction.atomic
def balance_settings_update(*, team, collective_target, signal_threshold, signal_window_days):
    if signal_threshold < 1:
        raise ValidationError(_("The threshold must be at least one signal."))
    found, _created = TeamBalanceSettings.objects.update_or_create(
        team=team,
        defaults={
            "collective_target": collective_target,
            "signal_threshold": signal_threshold,
            "signal_window_days": signal_window_days,
        },
    )
    return found


@transaction.atomic
def framework_current(*, team):
    """The team's newest framework version; version 1 (the §5.2 questions) when it has none."""
    current = team.frameworks.order_by("-version").first()
    if current is not None:
        return current
    framework = Framework.objects.create(
        team=team, version=1, note=_("Default framework (report §5.2)")
    )
    # Stored in the site's language: the questions are the team's own text from now on.
    with translation.override(settings.LANGUAGE_CODE):
        FrameworkQuestion.objects.bulk_create(
            FrameworkQuestion(
                framework=framework,
                position=position,
                text=str(text),
                kind=kind,
                guidance=str(guidance),
            )
            for position, (text, kind, guidance) in enumerate(DEFAULT_QUESTIONS, start=1)
        )
    return framework


@transaction.atomic
def framework_save(*, team, questions, note="", user=None, based_on=None):
    """Save the team's framework as `questions` (dicts with text, kind, guidance, in order).

    The current version is changed in place while no assessment used it; otherwise a new
    version is made, so that every assessment keeps the questions it answered. `based_on`
    is the (version, revision) the editor started from: if someone saved in between, the
    save is refused with CONFLICT_MESSAGE.
    """
    if not questions:
        raise ValidationError(_("A framework needs at least one question."))
    # Lock the team's versions so two leads saving at once cannot both make version N+1.
    current = (
        Framework.objects.select_for_update().filter(team=team).order_by("-version").first()
    ) or framework_current(team=team)
    if based_on is not None and based_on != (current.version, current.revision):
        raise ValidationError(CONFLICT_MESSAGE)
    if current.assessments.exists():
        framework = Framework.objects.create(
            team=team, version=current.version + 1, note=note, created_by=user
        )
    else:
        framework = current
        framework.note = note or framework.note
        framework.created_by = user or framework.created_by
        framework.revision += 1
        framework.save()
        framework.questions.all().delete()
    FrameworkQuestion.objects.bulk_create(
        FrameworkQuestion(framework=framework, position=position, **question)
        for position, question in enumerate(questions, start=1)
    )
    return framework


@transaction.atomic
def intervention_create(*, team, user, **fields):
    return Intervention.objects.create(team=team, created_by=user, **fields)


def _save_fields(instance, fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()
    return instance


@transaction.atomic
def intervention_update(*, intervention, **fields):
    return _save_fields(intervention, fields)


@transaction.atomic
def assessment_create(*, intervention, framework, answers, participants, user, **fields):
    """Record an assessment; `answers` maps a FrameworkQuestion to (scale, yes_no, text).

    The framework version is the one the form was filled in with, even if the team lead
    changed the framework since: the answers belong to those questions.
    """
    if framework.team_id != intervention.team_id:
        raise ValidationError(_("This framework belongs to another team."))
    assessment = Assessment.objects.create(
        intervention=intervention, framework=framework, created_by=user, **fields
    )
    assessment.participants.set(participants)
    AssessmentAnswer.objects.bulk_create(
        AssessmentAnswer(assessment=assessment, question=question, scale=s, yes_no=y, text=t)
        for question, (s, y, t) in answers.items()
    )
    if (
        intervention.status == Intervention.Status.CONSIDERED
        and assessment.decision == Assessment.Decision.STOP
    ):
        intervention.status = Intervention.Status.DROPPED
        intervention.save(update_fields=["status"])
    return assessment


@transaction.atomic
def themes_ensure_defaults(*, team):
    """Give a team without themes the usual four, so a first signal takes a few taps."""
    if team.signal_themes.exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        for name in DEFAULT_THEMES:
            SignalTheme.objects.get_or_create(team=team, name=str(name))


@transaction.atomic
def theme_add(*, team, name):
    name = name.strip()
    if SignalTheme.objects.filter(team=team, name__iexact=name).exists():
        raise ValidationError(_("The team already has the theme “%(name)s”.") % {"name": name})
    return SignalTheme.objects.create(team=team, name=name)


@transaction.atomic
def theme_set_active(*, theme, active):
    theme.active = active
    theme.save(update_fields=["active"])
    return theme


@transaction.atomic
def signal_record(*, team, user, theme, neighbourhood, households, description, recorded_on):
    if theme.team_id != team.pk or not team.neighbourhoods.filter(pk=neighbourhood.pk).exists():
        raise ValidationError(_("Choose a theme and a neighbourhood of this team."))
    return Signal.objects.create(
        team=team,
        recorded_by=user,
        theme=theme,
        neighbourhood=neighbourhood,
        households=households,
        description=description,
        recorded_on=recorded_on,
    )


@transaction.atomic
def issue_create(*, team, theme, neighbourhood, user, created_on, **fields):
    """Turn the open signals of a theme and neighbourhood into one collective issue."""
    issue = CollectiveIssue.objects.create(
        team=team,
        theme=theme,
        neighbourhood=neighbourhood,
        created_by=user,
        created_on=created_on,
        **fields,
    )
    # Saved one by one (few rows) so that each signal's history shows the link.
    for signal in Signal.objects.filter(
        team=team, theme=theme, neighbourhood=neighbourhood, collective_issue__isnull=True
    ):
        signal.collective_issue = issue
        signal.save(update_fields=["collective_issue"])
    return issue


@transaction.atomic
def issue_update(*, issue, **fields):
    return _save_fields(issue, fields)


@transaction.atomic
def hours_record(*, team, user, week, hours):
    """Record (or correct) a person's hours of one week; `hours` maps quadrant → hours.

    The same week twice updates the first registration. Negative hours or more than the
    contract allows are refused.
    """
    membership = Membership.objects.filter(team=team, user=user).first()
    if membership is None:
        raise ValidationError(_("You are not a member of this team."))
    if any(value < 0 for value in hours.values()):
        raise ValidationError(_("Hours cannot be negative."))
    total = sum(hours.values())
    if total > membership.hours_per_week:
        raise ValidationError(
            _(
                "Together that is %(total)s hours, more than the %(contract)s hours a week of "
                "your contract in this team. Check the numbers, or ask your team lead to "
                "change your contract hours."
            )
            % {"total": total, "contract": membership.hours_per_week}
        )
    entry, _created = WeeklyHours.objects.update_or_create(
        team=team,
        user=user,
        week=monday_of(week),
        defaults={"role": membership.role, **hours},
    )
    return entry
