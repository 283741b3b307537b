import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from collectief.access import Capability, scope_queryset
from collectief.concurrency import VersionedFormMixin
from collectief.models import Organisation
from interviews.models import PlaceKind, Question, Questionnaire, Referral, Resident, Round, Theme
from interviews.services import ConversationInput

YES_NO = [("", "–"), ("yes", _("Yes")), ("no", _("No"))]
SCALE = [("", "–")] + [(str(n), str(n)) for n in range(1, 6)]


def team_members(team):
    return get_user_model().objects.filter(memberships__team=team).order_by("first_name")


def answer_field(question):
    """A form field for one question, by its kind."""
    label = question.text
    kind = Question.Kind
    if question.kind == kind.OPEN:
        return forms.CharField(label=label, required=False, widget=forms.Textarea({"rows": 2}))
    if question.kind == kind.SCALE:
        return forms.ChoiceField(label=label, required=False, choices=SCALE)
    if question.kind == kind.YES_NO:
        return forms.ChoiceField(label=label, required=False, choices=YES_NO)
    choices = [(choice, choice) for choice in question.choice_list]
    if question.kind == kind.SINGLE:
        return forms.ChoiceField(
            label=label, required=False, choices=[("", "–")] + choices, widget=forms.RadioSelect
        )
    return forms.MultipleChoiceField(
        label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
    )


class ConversationForm(VersionedFormMixin, forms.Form):
    """The one form a team member fills in on the doorstep."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    held_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    neighbourhood = forms.ModelChoiceField(label=_("Neighbourhood"), queryset=None)
    place_kind = forms.ChoiceField(label=_("Kind of place"), choices=PlaceKind.choices)
    interviewers = forms.ModelMultipleChoiceField(
        label=_("Interviewers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One or two team members."),
    )
    partner_organisation = forms.ModelChoiceField(
        label=_("Partner organisation (optional)"),
        queryset=Organisation.objects.all(),
        required=False,
    )
    partner_employee = forms.CharField(
        label=_("Partner organisation's employee"), max_length=100, required=False
    )
    resident = forms.ModelChoiceField(
        label=_("Resident we already know"), queryset=None, required=False
    )
    new_resident_name = forms.CharField(
        label=_("Or a new resident: first name or nickname"),
        max_length=80,
        required=False,
        help_text=_("No surname, no address."),
    )
    known_as_client = forms.BooleanField(
        label=_("Already known to the team as a client"), required=False
    )
    contact_details = forms.CharField(
        label=_("Contact details (only with consent)"), max_length=200, required=False
    )
    consent = forms.BooleanField(
        label=_("The resident agrees that we store these contact details"), required=False
    )
    consent_purpose = forms.CharField(label=_("Consent given for"), max_length=200, required=False)
    general_wishes = forms.CharField(
        label=_("Other questions and wishes of the resident"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    quotable = forms.BooleanField(
        label=_("The resident's wishes may be quoted (without names)"),
        required=False,
        help_text=_("Only when the resident agrees. Names are left out of every quote."),
    )
    notes = forms.CharField(
        label=_("Notes (only for the team)"), required=False, widget=forms.Textarea({"rows": 3})
    )
    follow_up = forms.BooleanField(label=_("Follow-up wanted"), required=False)
    follow_up_what = forms.CharField(label=_("What follow-up"), max_length=300, required=False)
    follow_up_who = forms.ModelChoiceField(label=_("Follow-up by"), queryset=None, required=False)

    def __init__(self, *args, round_, user, conversation=None, **kwargs):
        self.round = round_
        self.user = user
        self.instance = conversation
        super().__init__(*args, **kwargs)
        team = round_.team
        members = team_members(team)
        self.fields["interviewers"].queryset = members
        self.fields["follow_up_who"].queryset = members
        self.fields["neighbourhood"].queryset = round_.neighbourhoods.all()
        self.fields["resident"].queryset = scope_queryset(
            user, Resident.objects.filter(team=team), Capability.VIEW_PERSONAL_DATA
        )
        self.themes = list(round_.questionnaire.themes.prefetch_related("questions"))
        for theme in self.themes:
            for question in theme.questions.all():
                self.fields[f"q_{question.pk}"] = answer_field(question)
            self.fields[f"wish_{theme.pk}"] = forms.CharField(
                label=_("Questions or wishes on this theme"),
                required=False,
                widget=forms.Textarea({"rows": 2}),
            )
        if conversation is not None:
            del self.fields["resident"], self.fields["new_resident_name"]
            del self.fields["known_as_client"]
            if not self.is_bound:
                self.initial.update(self._initial_from(conversation))
        elif not self.is_bound:
            self.initial.update(
                {
                    "submission_token": uuid.uuid4(),
                    "held_on": timezone.localdate(),
                    "interviewers": [user.pk],
                }
            )

    def _initial_from(self, conversation):
        initial = {
            "submission_token": conversation.submission_token,
            "held_on": conversation.held_on,
            "neighbourhood": conversation.neighbourhood_id,
            "place_kind": conversation.place_kind,
            "interviewers": [user.pk for user in conversation.interviewers.all()],
            "partner_organisation": conversation.partner_organisation_id,
            "partner_employee": conversation.partner_employee,
            "contact_details": conversation.resident.contact_details,
            "consent": bool(conversation.resident.consent_given_at),
            "consent_purpose": conversation.resident.consent_purpose,
            "quotable": conversation.quotable,
            "notes": conversation.notes,
            "follow_up": conversation.follow_up,
            "follow_up_what": conversation.follow_up_what,
            "follow_up_who": conversation.follow_up_who_id,
        }
        for answer in conversation.answers.all():
            value = answer.value
            if answer.question.kind == Question.Kind.MULTIPLE:
                value = value.splitlines()
            initial[f"q_{answer.question_id}"] = value
        for wish in conversation.wishes.all():
            initial[f"wish_{wish.theme_id}" if wish.theme_id else "general_wishes"] = wish.text
        return initial

    def theme_sections(self):
        """[(theme, [bound answer fields], bound wish field)] for the template."""
        return [
            (
                theme,
                [self[f"q_{question.pk}"] for question in theme.questions.all()],
                self[f"wish_{theme.pk}"],
            )
            for theme in self.themes
        ]

    def clean_interviewers(self):
        interviewers = self.cleaned_data["interviewers"]
        if not 1 <= len(interviewers) <= 2:
            raise forms.ValidationError(_("Choose one or two interviewers."))
        return interviewers

    def clean(self):
        cleaned = super().clean()
        if self.instance is None:
            if cleaned.get("resident") and cleaned.get("new_resident_name"):
                self.add_error(
                    "new_resident_name",
                    _("Pick a known resident or type a new name, not both."),
                )
            elif not cleaned.get("resident") and not cleaned.get("new_resident_name"):
                self.add_error(
                    "new_resident_name", _("Pick a known resident or type a first name.")
                )
        if cleaned.get("contact_details") and not cleaned.get("consent"):
            self.add_error(
                "consent", _("Contact details may only be stored with the resident's consent.")
            )
        if cleaned.get("follow_up") and not cleaned.get("follow_up_what"):
            self.add_error("follow_up_what", _("Say what follow-up the resident wants."))
        return cleaned

    def to_input(self, referrals, source_referral=None):
        data = self.cleaned_data
        answers = {}
        wishes = {None: data.get("general_wishes", "")}
        for theme in self.themes:
            wishes[theme] = data[f"wish_{theme.pk}"]
            for question in theme.questions.all():
                value = data[f"q_{question.pk}"]
                answers[question] = "\n".join(value) if isinstance(value, list) else value
        return ConversationInput(
            round=self.round,
            held_on=data["held_on"],
            neighbourhood=data["neighbourhood"],
            place_kind=data["place_kind"],
            interviewers=list(data["interviewers"]),
            resident=data.get("resident"),
            new_resident_name=data.get("new_resident_name", "").strip(),
            known_as_client=data.get("known_as_client", False),
            contact_details=data["contact_details"],
            consent=data["consent"],
            consent_purpose=data["consent_purpose"],
            partner_organisation=data["partner_organisation"],
            partner_employee=data["partner_employee"],
            quotable=data["quotable"],
            notes=data["notes"],
            follow_up=data["follow_up"],
            follow_up_what=data["follow_up_what"],
            follow_up_who=data["follow_up_who"],
            answers=answers,
            wishes=wishes,
            referrals=referrals,
            source_referral=source_referral,
        )


class ReferralForm(forms.Form):
    existing = forms.UUIDField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=80, required=False)
    how_to_reach = forms.CharField(label=_("How to reach them"), max_length=200, required=False)
    relationship = forms.CharField(
        label=_("How they know each other"), max_length=200, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("how_to_reach") or cleaned.get("relationship")) and not cleaned.get("name"):
            self.add_error("name", _("Give a name, or clear this row."))
        return cleaned


ReferralFormSet = forms.formset_factory(ReferralForm, extra=3, max_num=20)


def referral_rows(formset, conversation=None):
    """Cleaned referral rows; an `existing` uuid must belong to this conversation."""
    existing = {ref.uuid: ref for ref in conversation.referrals.all()} if conversation else {}
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data.get("name"):
            continue
        rows.append(
            {
                "existing": existing.get(data.get("existing")),
                "name": data["name"].strip(),
                "how_to_reach": data["how_to_reach"],
                "relationship": data["relationship"],
            }
        )
    return rows


def referral_initial(conversation):
    return [
        {
            "existing": ref.uuid,
            "name": ref.name,
            "how_to_reach": ref.how_to_reach,
            "relationship": ref.relationship,
        }
        for ref in conversation.referrals.all()
    ]


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["name", "introduction"]


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["title", "description", "from_stakeholder_meeting", "order"]


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "choices", "order"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            lines = [line for line in cleaned.get("choices", "").splitlines() if line.strip()]
            if len(lines) < 2:
                self.add_error("choices", _("Give at least two choices, one per line."))
        return cleaned


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ["number", "starts_on", "ends_on", "goal", "questionnaire", "neighbourhoods"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "goal": forms.Textarea({"rows": 3}),
            "neighbourhoods": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        self.fields["questionnaire"].queryset = Questionnaire.objects.filter(team=team)
        self.fields["neighbourhoods"].queryset = team.neighbourhoods.all()
        if not self.is_bound:
            last = team.rounds.order_by("-number").first()
            self.initial.setdefault("number", (last.number + 1) if last else 1)

    def clean_number(self):
        number = self.cleaned_data["number"]
        if Round.objects.filter(team=self.team, number=number).exists():
            raise forms.ValidationError(_("This team already has a round with this number."))
        return number

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The round cannot end before it starts."))
        return cleaned


class RoundCloseForm(forms.Form):
    experiences = forms.CharField(
        label=_("What did the duos experience?"), widget=forms.Textarea({"rows": 3})
    )
    surprises = forms.CharField(
        label=_("What surprised them?"), required=False, widget=forms.Textarea({"rows": 3})
    )
    changes = forms.CharField(
        label=_("What will they do differently?"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
    )


class ReferralStatusForm(VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Referral.Status.choices)


class ReferralMatchForm(forms.Form):
    resident = forms.ModelChoiceField(
        label=_("This is the resident we already know"), queryset=None
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = candidates


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the erasure"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("For example: request of the resident by letter of 3 March. No health data."),
    )
    referrals = forms.TypedMultipleChoiceField(
        label=_("Referrals that name this resident too"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Names given in conversations that were never linked to this resident (also "
            "removed ones). Tick those that are about this person: their name and contact "
            "details are removed too, also from the change history."
        ),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the personal data is removed for good."), required=True
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referrals"].choices = [
            (pk, _candidate_label(candidate)) for pk, candidate in candidates.items()
        ]
        if not candidates:
            del self.fields["referrals"]


def _candidate_label(candidate):
    """A referral as the team lead recognises it: the name as given, how to reach them, when."""
    label = " · ".join(
        part
        for part in (
            candidate["name"],
            candidate["how_to_reach"],
            candidate["relationship"],
            _("named on %(date)s") % {"date": date_format(candidate["conversation__held_on"])},
        )
        if part
    )
    if candidate["deleted"]:
        label = f"{label} {_('(removed, still in the change history)')}"
    elif candidate["resident_id"]:
        label = f"{label} {_('(linked to another resident)')}"
    return label
