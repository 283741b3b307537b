from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from collectief.concurrency import VersionedFormMixin
from collectief.forms import QuickModelChoiceField, QuickSelect
from collectief.models import CollectiveIssue, Neighbourhood, Organisation
from initiatives import services, uploads
from initiatives.models import (
    Activity,
    Initiative,
    LabelApplication,
    LabelProgramme,
    MapTheme,
    Quadrant,
    Session,
    SocialMapEntry,
    Success,
)
from initiatives.services import TRANSITIONS, session_problem, status_change_problem

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))
    return value


class TeamChoiceMixin:
    """A team field limited to `teams` (already scoped by the view); the first is preselected."""

    def _limit_team(self, teams):
        field = self.fields["team"]
        field.queryset = teams
        field.empty_label = None


class InitiativeForm(TeamChoiceMixin, VersionedFormMixin, forms.ModelForm):
    """Register or edit an initiative. The status changes through InitiativeStatusForm."""

    class Meta:
        model = Initiative
        fields = [
            "team",
            "name",
            "description",
            "kind",
            "approach",
            "quadrant",
            "neighbourhoods",
            "resident_starters",
            "organisation_starters",
            "contact_person",
            "status",
            "status_since",
            "started_on",
        ]
        widgets = {
            "status_since": DATE,
            "started_on": DATE,
            "neighbourhoods": forms.CheckboxSelectMultiple,
            "organisation_starters": forms.SelectMultiple(attrs={"size": 6}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"status_since": _("Since")}

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_team(teams)
        self.fields["neighbourhoods"].queryset = Neighbourhood.objects.filter(
            teams__in=teams
        ).distinct()
        self.fields["contact_person"].queryset = (
            get_user_model().objects.filter(memberships__team__in=teams).distinct()
        )
        if self.instance.pk:
            # Editing: the team stays, and the lifecycle has its own form.
            for name in ("team", "status", "status_since"):
                del self.fields[name]
        else:
            self.fields["status"].choices = [
                (s.value, s.label)
                for s in (
                    Initiative.Status.IDEA,
                    Initiative.Status.STARTING,
                    Initiative.Status.RUNNING,
                )
            ]
            self.fields["status_since"].initial = timezone.localdate()

    def clean_status_since(self):
        return _not_in_future(self.cleaned_data.get("status_since"))

    def clean_started_on(self):
        return _not_in_future(self.cleaned_data.get("started_on"))

    def clean(self):
        cleaned = super().clean()
        team = cleaned.get("team") if "team" in self.fields else self.instance.team
        if team is None:
            return cleaned
        neighbourhoods = cleaned.get("neighbourhoods") or []
        if set(neighbourhoods) - set(team.neighbourhoods.all()):
            self.add_error("neighbourhoods", _("Choose neighbourhoods of the team."))
        contact = cleaned.get("contact_person")
        if contact and not contact.memberships.filter(team=team).exists():
            self.add_error("contact_person", _("Choose a member of the team."))
        started, ended = cleaned.get("started_on"), self.instance.ended_on
        if started and ended and started > ended:
            self.add_error("started_on", _("The initiative cannot start after it ended."))
        return cleaned

    def _post_clean(self):
        # Services validate the whole model; here only the fields in the form.
        pass


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=Organisation.objects.all(), required=False
    )
    role = forms.CharField(label=_("Role in the initiative"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose the organisation that has this role."))
        return cleaned


class BasePartnerFormSet(forms.BaseFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            organisation = form.cleaned_data.get("organisation") if form.cleaned_data else None
            if organisation is None:
                continue
            if organisation.pk in seen:
                form.add_error("organisation", _("This organisation is already a partner."))
            seen.add(organisation.pk)

    def partners(self):
        return [
            (form.cleaned_data["organisation"], form.cleaned_data.get("role", ""))
            for form in self.forms
            if form.cleaned_data and form.cleaned_data.get("organisation")
        ]


PartnerFormSet = forms.formset_factory(
    PartnerForm, formset=BasePartnerFormSet, extra=2, max_num=20, validate_max=True
)


class InitiativeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    changed_on = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the initiative pauses, ends or restarts after it ended."),
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.fields["status"].choices = [
            (s.value, s.label) for s in Initiative.Status if s in TRANSITIONS[initiative.status]
        ]
        self.fields["changed_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        problem = status_change_problem(
            self.initiative, cleaned["status"], cleaned["changed_on"], cleaned.get("reason", "")
        )
        if problem:
            self.add_error(None, problem)
        return cleaned


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InitiativeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False)
    team = QuickModelChoiceField(label=_("Team"), queryset=None, required=False)
    neighbourhood = QuickModelChoiceField(label=_("Neighbourhood"), queryset=None, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", "---------")] + Initiative.Kind.choices,
        required=False,
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", "---------")] + Initiative.Status.choices,
        required=False,
        widget=QuickSelect,
    )
    label = QuickModelChoiceField(
        label=pgettext_lazy("label programme", "Label"), queryset=None, required=False
    )
    quadrant = forms.ChoiceField(
        label=_("Quadrant"),
        choices=[("", "---------")] + Quadrant.choices,
        required=False,
        widget=QuickSelect,
    )
    partner = QuickModelChoiceField(
        label=_("Partner"), queryset=Organisation.objects.all(), required=False
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(
            teams__in=teams
        ).distinct()
        self.fields["label"].queryset = LabelProgramme.objects.filter(team__in=teams)

    def filter(self, queryset):
        """`queryset` narrowed by the valid filters (invalid ones are ignored)."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        queryset = queryset.search(data["q"])
        lookups = {
            "team": data["team"],
            "neighbourhoods": data["neighbourhood"],
            "kind": data["kind"],
            "status": data["status"],
            "quadrant": data["quadrant"],
            "partners__organisation": data["partner"],
        }
        queryset = queryset.filter(**{key: value for key, value in lookups.items() if value})
        if data["label"]:
            queryset = queryset.filter(
                label_applications__programme=data["label"],
                label_applications__status=LabelApplication.Status.GRANTED,
            )
        return queryset.distinct()


class LabelProgrammeForm(TeamChoiceMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = LabelProgramme
        fields = ["team", "name", "description", "criteria", "badge"]
        widgets = {"badge": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"})}
        help_texts = {
            "badge": _("A PNG or JPEG image of at most 1 MB, 32 to 2000 pixels wide and high.")
        }

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_team(teams)
        if self.instance.pk:
            del self.fields["team"]

    def clean_badge(self):
        badge = self.cleaned_data.get("badge")
        if badge and hasattr(badge, "content_type"):  # a new upload, not the stored file
            uploads.checked_upload(
                badge,
                uploads.IMAGE_TYPES,
                uploads.BADGE_MAX_BYTES,
                min_side=uploads.BADGE_PIXELS[0],
                max_side=uploads.BADGE_PIXELS[1],
            )
        return badge


class LabelApplyForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=pgettext_lazy("label programme", "Label"), queryset=None, empty_label=None
    )
    motivation = forms.CharField(
        label=_("Why this initiative fits the label"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    public = forms.BooleanField(
        label=LabelApplication._meta.get_field("public").verbose_name,
        help_text=LabelApplication._meta.get_field("public").help_text,
        required=False,
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the initiative's own team's labels: a forged id fails validation.
        self.fields["programme"].queryset = LabelProgramme.objects.filter(team=initiative.team_id)


class LabelDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (s.value, s.label)
            for s in (
                LabelApplication.Status.GRANTED,
                LabelApplication.Status.DECLINED,
                LabelApplication.Status.WITHDRAWN,
            )
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the label is declined."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == LabelApplication.Status.DECLINED
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", _("Give the reason why the label is declined."))
        return cleaned


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["name", "recurrence", "location", "starts_on", "start_time", "end_time"]
        widgets = {
            "starts_on": DATE,
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if end and not start:
            self.add_error("start_time", _("Give the start time too."))
        elif start and end and end <= start:
            self.add_error("end_time", _("The end time lies before the start time."))
        if start and not cleaned.get("starts_on"):
            self.add_error("starts_on", _("Give the first date with the time."))
        return cleaned


class SessionForm(VersionedFormMixin, forms.ModelForm):
    attendee_names = forms.CharField(
        label=_("Registered participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional: pseudonyms, one per line, when the team registers who takes part. "
            "Used only to count distinct participants."
        ),
    )

    class Meta:
        model = Session
        fields = ["date", "participants", "volunteers", "professionals", "note"]
        widgets = {"date": DATE}

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        for name in ("participants", "volunteers", "professionals"):
            self.fields[name].widget.attrs["min"] = 0
        if self.instance.pk and not self.is_bound:
            self.initial["attendee_names"] = "\n".join(
                p.pseudonym for p in self.instance.attendees.all()
            )

    def clean_date(self):
        date = self.cleaned_data["date"]
        problem = session_problem(self.activity, date)
        if problem:
            raise forms.ValidationError(problem)
        return date

    def clean_attendee_names(self):
        names = []
        for line in self.cleaned_data.get("attendee_names", "").splitlines():
            name = line.strip()[:60]
            if name and name not in names:
                names.append(name)
        return names

    def clean(self):
        cleaned = super().clean()
        names = cleaned.get("attendee_names") or []
        participants = cleaned.get("participants")
        if participants is not None and len(names) > participants:
            self.add_error(
                "attendee_names",
                _("More registered participants than the number of participants."),
            )
        return cleaned

    def service_fields(self):
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["attendee_names"] = data.pop("attendee_names", [])
        return data


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, PNG or JPEG file of at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = uploads.checked_upload(
            upload, uploads.MATERIAL_TYPES, uploads.MATERIAL_MAX_BYTES
        )
        return upload


class SuccessForm(TeamChoiceMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Success
        fields = [
            "team",
            "initiative",
            "title",
            "happened_on",
            "involved",
            "photo",
            "celebrated_on",
            "celebrated_how",
            "shareable",
        ]
        widgets = {
            "happened_on": DATE,
            "celebrated_on": DATE,
            "involved": forms.Textarea(attrs={"rows": 2}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        }

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_team(teams)
        self.fields["initiative"].queryset = Initiative.objects.filter(team__in=teams)
        if self.instance.pk:
            del self.fields["team"]
        else:
            self.fields["happened_on"].initial = timezone.localdate()

    def clean_happened_on(self):
        return _not_in_future(self.cleaned_data.get("happened_on"))

    def clean_celebrated_on(self):
        return _not_in_future(self.cleaned_data.get("celebrated_on"))

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):
            uploads.checked_upload(photo, uploads.IMAGE_TYPES, uploads.PHOTO_MAX_BYTES)
        return photo

    def clean(self):
        cleaned = super().clean()
        team = cleaned.get("team") or getattr(self.instance, "team", None)
        initiative = cleaned.get("initiative")
        if team and initiative and initiative.team_id != team.pk:
            self.add_error("initiative", _("Choose an initiative of this team."))
        happened, celebrated = cleaned.get("happened_on"), cleaned.get("celebrated_on")
        if happened and celebrated and celebrated < happened:
            self.add_error("celebrated_on", _("A success is celebrated after it happened."))
        if cleaned.get("celebrated_how") and not celebrated:
            self.add_error("celebrated_on", _("When was it celebrated?"))
        return cleaned

    def _post_clean(self):
        pass

    def service_fields(self):
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("team", None)
        if data.get("photo") is False:  # "clear" ticked
            data["photo"] = ""
        return data


class InitiativeLinksForm(forms.Form):
    """What an initiative answers: only its own team's themes, wishes and collective issues
    are offered, so a forged id fails with a field error."""

    themes = forms.ModelMultipleChoiceField(
        label=_("Conversation themes it answers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wishes = forms.ModelMultipleChoiceField(
        label=_("Residents' wishes it answers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    collective_issues = forms.ModelMultipleChoiceField(
        label=_("Collective issues it answers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        team = initiative.team
        self.fields["themes"].queryset = services.linkable_themes(initiative)
        self.fields["wishes"].queryset = services.linkable_wishes(initiative)
        self.fields["wishes"].label_from_instance = _wish_label
        self.fields["collective_issues"].queryset = CollectiveIssue.objects.filter(team=team)
        if not self.is_bound:
            self.initial = {
                "themes": list(initiative.themes.all()),
                "wishes": list(initiative.wishes.all()),
                "collective_issues": list(initiative.collective_issues.all()),
            }


def _wish_label(wish):
    return f"{wish.theme.title}: {wish.text}" if wish.theme else wish.text


class SocialMapEntryForm(VersionedFormMixin, forms.ModelForm):
    theme_choices = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=MapTheme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SocialMapEntry
        fields = ["neighbourhood", "kind", "organisation", "name", "what", "for_whom", "when"]
        fields += ["contact"]
        widgets = {"what": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, neighbourhoods, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the person's own neighbourhoods: a forged id fails validation.
        self.fields["neighbourhood"].queryset = neighbourhoods
        self.fields["organisation"].queryset = Organisation.objects.all()
        if self.instance.pk and not self.is_bound:
            self.initial["theme_choices"] = self.instance.theme_keys


class SocialMapFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=None, required=False, empty_label=_("All")
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, neighbourhoods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods
        self.fields["theme"].choices = [("", _("All"))] + list(MapTheme.choices)


class PublicEntryForm(forms.ModelForm):
    class Meta:
        model = LabelApplication
        fields = ["public", "public_summary", "how_to_join"]
        widgets = {
            "public_summary": forms.Textarea(attrs={"rows": 3}),
            "how_to_join": forms.Textarea(attrs={"rows": 2}),
        }
