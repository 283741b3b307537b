import html

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from collectief.models import Membership, Organisation


class QuickSelect(forms.Select):
    """A select whose options are written in Python instead of through one template each,
    which took 40 ms for the 500 areas of a country and 4 ms for the seven selects of the
    initiative filter. Without optgroups."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        # One string for all options: format_html per option was a third of the city
        # dashboard's Python at national scale (500 areas).
        options = "".join(
            f'<option value="{_escaped(option)}"{" selected" if str(option) in selected else ""}>'
            f"{_escaped(label)}</option>"
            for option, label in self.choices
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),
        )


def _escaped(value):
    """conditional_escape(value), with the usual values (an area's id and name) written
    directly."""
    if type(value) is int:
        return str(value)
    return html.escape(value) if type(value) is str else conditional_escape(value)


class NameChoiceIterator(forms.models.ModelChoiceIterator):
    """(pk, name) rows straight from the database, without a model instance per choice."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class QuickModelChoiceField(forms.ModelChoiceField):
    """A choice of a named object (an area, a team), shown by name, with a QuickSelect."""

    iterator = NameChoiceIterator
    widget = QuickSelect


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "organisation", "hours_per_week"]


class MemberAddForm(forms.Form):
    """Add an existing person by username, or create the account of someone new."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("An existing username, or a new one to create an account."),
    )
    role = MembershipForm.base_fields["role"]
    organisation = forms.ModelChoiceField(
        label=_("Home organisation"), queryset=Organisation.objects.all(), required=False
    )
    hours_per_week = MembershipForm.base_fields["hours_per_week"]
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
        help_text=_("Only for a new account: at least 12 characters. Share it in person."),
    )

    def clean(self):
        cleaned = super().clean()
        username = cleaned.get("username")
        if not username or get_user_model().objects.filter(username=username).exists():
            return cleaned
        if not cleaned.get("first_name"):
            self.add_error("first_name", _("A new account needs a first name."))
        password = cleaned.get("password")
        if not password:
            self.add_error("password", _("A new account needs an initial password."))
        else:
            candidate = get_user_model()(
                username=username,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class AccessLogFilterForm(forms.Form):
    """Filters of a team's access log; `person` lists only the team's own members."""

    resident = forms.CharField(label=_("Resident key"), max_length=64, required=False)
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=get_user_model().objects.none(), required=False
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            get_user_model()
            .objects.filter(memberships__team=team)
            .order_by("first_name", "last_name", "username")
        )

    def filter(self, records):
        if not self.is_valid():
            return records.none()
        data = self.cleaned_data
        if data["resident"]:
            records = records.for_resident(data["resident"].strip())
        if data["person"]:
            records = records.filter(user=data["person"])
        if data["date_from"]:
            records = records.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            records = records.filter(at__date__lte=data["date_to"])
        return records
