import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectief.models import (
    Assessment,
    CollectiveIssue,
    FrameworkQuestion,
    Intervention,
    Quadrant,
    Signal,
    SignalTheme,
    TeamBalanceSettings,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BalanceSettingsForm(forms.ModelForm):
    class Meta:
        model = TeamBalanceSettings
        fields = ["collective_target", "signal_threshold", "signal_window_days"]
        help_texts = {
            "collective_target": _(
                "E.g. 25: a quarter of the team's hours goes to collective work."
            ),
            "signal_threshold": _("E.g. 5 signals in 91 days (three months)."),
        }

    def clean_signal_threshold(self):
        value = self.cleaned_data["signal_threshold"]
        if value is not None and value < 1:
            raise forms.ValidationError(
                _(
                    "A threshold of zero would make every single signal a collective issue. "
                    "Choose at least 1."
                )
            )
        return value


class FrameworkQuestionForm(forms.Form):
    # Not required: an empty extra row (whatever its kind says) is simply skipped.
    text = forms.CharField(label=_("Question"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Answer kind"), choices=FrameworkQuestion.Kind.choices)
    guidance = forms.CharField(
        label=_("Guidance"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


FrameworkQuestionFormSet = forms.formset_factory(
    FrameworkQuestionForm, extra=2, can_delete=True, can_order=True
)


class FrameworkNoteForm(forms.Form):
    # The version and revision the lead started from (see framework_save).
    based_on_version = forms.IntegerField(widget=forms.HiddenInput)
    based_on_revision = forms.IntegerField(widget=forms.HiddenInput)

    note = forms.CharField(
        label=_("What changed (optional)"),
        max_length=200,
        required=False,
        help_text=_("Shown in the version history, e.g. “Added a question about partners”."),
    )


class InterventionForm(forms.ModelForm):
    class Meta:
        model = Intervention
        fields = [
            "title",
            "kind",
            "quadrant",
            "status",
            "started_on",
            "hours",
            "people_supported",
            "description",
        ]
        widgets = {"started_on": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("people_supported") and cleaned.get("kind") != (
            Intervention.Kind.INDIVIDUAL_SUPPORT
        ):
            self.add_error(
                "people_supported",
                _("Households are counted only for individual support."),
            )
        return cleaned


class AssessmentForm(forms.ModelForm):
    """An assessment with one field per question of the framework version in use."""

    framework_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Assessment
        fields = [
            "held_on",
            "participants",
            "other_participants",
            "leaning",
            "decision",
            "summary",
        ]
        widgets = {
            "held_on": DATE_INPUT,
            "participants": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, framework, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.initial.setdefault("framework_version", framework.version)
        self.initial.setdefault("held_on", timezone.localdate())
        # Only the team's own people can be ticked; a forged id fails validation.
        self.fields["participants"].queryset = get_user_model().objects.filter(
            memberships__team=team
        )
        self.questions = list(framework.questions.all())
        for question in self.questions:
            self.fields[f"q{question.pk}"] = self._field_for(question)

    @staticmethod
    def _field_for(question):
        common = {"label": question.text, "help_text": question.guidance, "required": False}
        if question.kind == FrameworkQuestion.Kind.SCALE:
            return forms.TypedChoiceField(
                choices=[("", "–")] + [(n, str(n)) for n in range(1, 6)],
                coerce=int,
                empty_value=None,
                **common,
            )
        if question.kind == FrameworkQuestion.Kind.YES_NO:
            return forms.NullBooleanField(
                widget=forms.Select(
                    choices=[("unknown", "–"), ("true", _("Yes")), ("false", _("No"))]
                ),
                **common,
            )
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)

    def question_fields(self):
        return [self[f"q{question.pk}"] for question in self.questions]

    def answers(self):
        """{question: (scale, yes_no, text)} from the cleaned data."""
        found = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == FrameworkQuestion.Kind.SCALE:
                found[question] = (value, None, "")
            elif question.kind == FrameworkQuestion.Kind.YES_NO:
                found[question] = (None, value, "")
            else:
                found[question] = (None, None, value or "")
        return found


# A phone number: 8 or more digits, possibly with spaces, dashes or a +31 prefix.
PHONE = re.compile(r"(?:\+|\b)\d(?:[\s-]?\d){7,}")
EMAIL = re.compile(r"\S+@\S+\.\w+")
# A name: a title or relation followed by a capital ("buurman Kees", "mevrouw J."), two
# capitalised words in a row ("Jan Jansen"; "met Kees de Vries" inside a sentence), or an
# initial and a surname. A false alarm (a place name) can be confirmed as no name.
NAME = re.compile(
    r"\b(?i:mevrouw|meneer|mevr|mw|dhr|mr|mrs|fam|familie|buurman|buurvrouw|zoon|dochter"
    r"|moeder|vader|opa|oma|oom|tante)\.?\s+[A-Z]"
    r"|\b[A-Z][a-z]+\s+[A-Z][a-z]+"
    r"|(?<=[a-z,]\s)[A-Z][a-z]+\s+(?:(?:van|de|der|den|el|ten|ter)\s+){1,2}[A-Z][a-z]+"
    r"|\b[A-Z]\.\s?[A-Z][a-z]+"
)


class SignalForm(forms.ModelForm):
    confirm_anonymous = forms.BooleanField(
        label=_("I checked: the description contains no name"),
        required=False,
    )

    class Meta:
        model = Signal
        fields = ["theme", "neighbourhood", "households", "description", "recorded_on"]
        widgets = {
            "theme": forms.RadioSelect,
            "neighbourhood": forms.RadioSelect,
            "recorded_on": DATE_INPUT,
            "households": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "description": forms.Textarea(attrs={"rows": 2, "maxlength": 280}),
        }
        help_texts = {
            "description": _(
                "What did you notice, in a sentence? Never a name, address or phone number."
            ),
        }

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = SignalTheme.objects.filter(team=team, active=True)
        self.fields["theme"].empty_label = None
        self.fields["neighbourhood"].queryset = team.neighbourhoods.all()
        self.fields["neighbourhood"].empty_label = None
        self.initial.setdefault("recorded_on", timezone.localdate())
        self.initial.setdefault("households", 1)
        if team.neighbourhoods.count() == 1:
            self.initial.setdefault("neighbourhood", team.neighbourhoods.get().pk)
        self.looks_like_a_name = False

    def clean_description(self):
        text = self.cleaned_data["description"]
        if PHONE.search(text) or EMAIL.search(text):
            raise forms.ValidationError(
                _(
                    "This looks like a phone number or email address. Remove it: a signal is "
                    "anonymous."
                )
            )
        return text

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("description") or ""
        if NAME.search(text) and not cleaned.get("confirm_anonymous"):
            self.looks_like_a_name = True
            self.add_error(
                "description",
                _(
                    "This may contain a name (“%(match)s”). Remove it, or tick the box below "
                    "if it is not a name."
                )
                % {"match": NAME.search(text).group(0)},
            )
        return cleaned


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("New theme"), max_length=80)


class IssueForm(forms.ModelForm):
    class Meta:
        model = CollectiveIssue
        fields = ["title", "description", "intervention", "outcome"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = Intervention.objects.filter(team=team)


HOURS_VALIDATORS = [
    MinValueValidator(0, _("Hours cannot be negative.")),
    MaxValueValidator(60, _("No more than 60 hours in a week.")),
]


class HoursForm(forms.Form):
    week = forms.DateField(
        label=_("Week (any day of it)"),
        widget=DATE_INPUT,
        help_text=_("Registering a week again corrects it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for quadrant in Quadrant:
            self.fields[quadrant.value] = forms.DecimalField(
                label=quadrant.label,
                min_value=None,
                max_digits=4,
                decimal_places=1,
                validators=HOURS_VALIDATORS,
                widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            )

    def hours(self):
        return {quadrant.value: self.cleaned_data[quadrant.value] for quadrant in Quadrant}


class BalanceFilterForm(forms.Form):
    until = forms.DateField(
        label=_("Last month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = _("All teams together")
