from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectief.access import Capability, teams_for
from collectief.concurrency import VersionedFormMixin
from collectief.forms import QuickModelChoiceField
from collectief.models import Area, Neighbourhood, Team
from pilots import agenda
from pilots.models import (
    AgendaPriority,
    JournalEntry,
    Lesson,
    Pilot,
    Score,
    StakeholderMeeting,
    Workshop,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilotForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Pilot
        fields = [
            "team",
            "title",
            "goal",
            "start_date",
            "end_date",
            "track_short_term",
            "track_mindset",
            "lead_group",
            "extra_capacity_hours",
            "extra_capacity_organisation",
            "design_started_on",
            "contact_started_on",
            "execute_started_on",
            "embed_started_on",
        ]
        widgets = {
            name: DATE_INPUT
            for name in [
                "start_date",
                "end_date",
                "design_started_on",
                "contact_started_on",
                "execute_started_on",
                "embed_started_on",
            ]
        } | {"goal": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only teams where this person runs collective work; a forged id fails validation.
        self.fields["team"].queryset = teams_for(user, Capability.RUN_COLLECTIVE_WORK)
        for name in ("track_short_term", "track_mindset", "lead_group"):
            self.fields[name].widget.attrs["rows"] = 3


class JournalEntryForm(forms.ModelForm):
    class Meta:
        model = JournalEntry
        fields = ["date", "kind", "text", "shareable"]
        widgets = {"date": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["theme", "title", "text", "recorded_on", "shareable"]
        widgets = {"recorded_on": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 4})}

    def clean_recorded_on(self):
        value = self.cleaned_data["recorded_on"]
        if value > timezone.localdate():
            raise ValidationError(_("A lesson cannot be dated in the future."))
        return value


class ScoreForm(forms.Form):
    """One scoring moment of one phase's checklist: a score and a comment per working factor,
    and an answer in the team's own words per critical question (§4.2)."""

    scored_on = forms.DateField(label=_("Scored on"), widget=DATE_INPUT)

    def __init__(self, *args, factors, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.factors = list(factors)
        initial_scores = initial_scores or {}
        for factor in self.factors:
            score, comment = initial_scores.get(factor.pk, ("", ""))
            if factor.is_question:
                self.fields[f"comment_{factor.pk}"] = forms.CharField(
                    label=_("Your reflection"),
                    required=False,
                    initial=comment,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                continue
            self.fields[f"score_{factor.pk}"] = forms.ChoiceField(
                label=factor.text,
                choices=[("", _("Not scored"))] + Score.choices,
                required=False,
                initial=score,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"comment_{factor.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                initial=comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean_scored_on(self):
        value = self.cleaned_data["scored_on"]
        if value > timezone.localdate():
            raise ValidationError(_("A score cannot be dated in the future."))
        return value

    def _given(self, factor):
        """A score for a working factor, an answer for a critical question."""
        key = "comment" if factor.is_question else "score"
        return self.cleaned_data.get(f"{key}_{factor.pk}")

    def clean(self):
        cleaned = super().clean()
        if not any(self._given(factor) for factor in self.factors):
            raise ValidationError(_("Score a working factor or answer a question."))
        return cleaned

    def rows(self):
        """(factor, score field or None for a question, comment field) per factor."""
        return [
            (
                factor,
                None if factor.is_question else self[f"score_{factor.pk}"],
                self[f"comment_{factor.pk}"],
            )
            for factor in self.factors
        ]

    def scores(self):
        return {
            factor: (
                self.cleaned_data.get(f"score_{factor.pk}", ""),
                self.cleaned_data[f"comment_{factor.pk}"],
            )
            for factor in self.factors
            if self._given(factor)
        }


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = [
            "team",
            "title",
            "date",
            "teams",
            "organisations",
            "residents_count",
            "shared",
            "agreements",
            "notes_shareable",
        ]
        widgets = {
            "date": DATE_INPUT,
            "teams": forms.CheckboxSelectMultiple,
            "organisations": forms.CheckboxSelectMultiple,
            "shared": forms.Textarea(attrs={"rows": 4}),
            "agreements": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "shared": _(
                "A team workshop's notes stay in the team unless you share them below; a "
                "city-wide workshop's notes are readable by the teams, their area connectors "
                "and the municipality. Never name residents."
            ),
        }

    def __init__(self, *args, user, may_organise_citywide, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_organise_citywide = may_organise_citywide
        self.fields["team"].queryset = teams_for(user, Capability.RUN_COLLECTIVE_WORK)
        self.fields["team"].required = not may_organise_citywide
        self.fields["team"].empty_label = _("City-wide") if may_organise_citywide else None
        self.fields["teams"].queryset = Team.objects.order_by("name")


class DashboardFilterForm(forms.Form):
    """Area and period of the dashboard; an unknown area or inverted period is a field error."""

    area = QuickModelChoiceField(  # every area of the country for municipality staff
        label=_("Area"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("All areas"),
        error_messages={"invalid_choice": _("This area is unknown or not yours to see.")},
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("Up to and including"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts: swap the dates."))
        return cleaned


class _AreaFormMixin:
    """Area (and neighbourhood) limited to the areas the person keeps the agenda of."""

    def _limit_area(self, area_ids):
        self.fields["area"].queryset = Area.objects.filter(pk__in=area_ids)
        self.fields["area"].empty_label = None
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(
            area_id__in=area_ids
        ).select_related("area")

    def _check_neighbourhood(self, cleaned):
        area, hood = cleaned.get("area"), cleaned.get("neighbourhood")
        if area and hood and hood.area_id != area.pk:
            self.add_error("neighbourhood", _("This neighbourhood lies in another area."))


class _LabelledChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        team = getattr(obj, "team", None) or obj.questionnaire.team
        return f"{obj} ({team})"


class AgendaPriorityForm(_AreaFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaPriority
        fields = [
            "area",
            "neighbourhood",
            "title",
            "why",
            "signal_themes",
            "conversation_themes",
            "collective_issues",
            "initiatives",
            "carried_by",
            "planned",
            "progress",
            "progress_note",
            "order",
        ]
        field_classes = {
            name: _LabelledChoices
            for name in ("signal_themes", "conversation_themes", "collective_issues", "initiatives")
        }
        widgets = {
            name: forms.CheckboxSelectMultiple
            for name in ("signal_themes", "conversation_themes", "collective_issues", "initiatives")
        } | {
            "why": forms.Textarea(attrs={"rows": 3}),
            "carried_by": forms.Textarea(attrs={"rows": 2}),
            "planned": forms.Textarea(attrs={"rows": 3}),
            "progress_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, area_ids, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_area(area_ids)
        # Only what belongs to the teams of the person's areas: a forged id fails validation.
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        self._check_neighbourhood(cleaned)
        area = cleaned.get("area")
        if area:
            team_areas = dict(Team.objects.values_list("pk", "area_id"))
            for field, team_id in agenda.linked_team_ids(cleaned):
                if team_areas.get(team_id) != area.pk:
                    self.add_error(field, _("Link only what belongs to the teams of this area."))
        return cleaned


class StakeholderMeetingForm(_AreaFormMixin, forms.ModelForm):
    class Meta:
        model = StakeholderMeeting
        fields = ["area", "neighbourhood", "held_on", "attended", "themes_raised", "notes"]
        widgets = {
            "held_on": DATE_INPUT,
            "attended": forms.Textarea(attrs={"rows": 2}),
            "themes_raised": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, area_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_area(area_ids)

    def clean(self):
        cleaned = super().clean()
        self._check_neighbourhood(cleaned)
        return cleaned


class SendThemesForm(forms.Form):
    questionnaire = forms.ModelChoiceField(label=_("Questionnaire"), queryset=None)

    def __init__(self, *args, questionnaires, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = questionnaires
        self.fields["questionnaire"].label_from_instance = lambda q: f"{q.team} – {q}"
