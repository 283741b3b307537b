"""Writes of the core: team membership changes, each in one transaction."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collectief.models import Membership, Role


def _ensure_team_keeps_a_lead(membership, new_role=None):
    """Refuse a change that would leave the team without a team lead (checked in the database,
    as a bound ModelForm has already changed `membership.role` in memory)."""
    if new_role == Role.LEAD:
        return
    leads = Membership.objects.filter(team_id=membership.team_id, role=Role.LEAD)
    if leads.filter(pk=membership.pk).exists() and not leads.exclude(pk=membership.pk).exists():
        raise ValidationError(
            _("A team needs at least one team lead. Make someone else team lead first.")
        )


@transaction.atomic
def membership_add(
    *,
    team,
    username,
    role,
    organisation=None,
    hours_per_week=0,
    first_name="",
    last_name="",
    email="",
    password=None,
):
    """Add a person to `team`; create their account when the username is new."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first_name, last_name=last_name, email=email)
        user.set_password(password)
        user.full_clean()
        user.save()
    if Membership.objects.filter(team=team, user=user).exists():
        raise ValidationError(_("%(person)s is already a member of this team.") % {"person": user})
    return Membership.objects.create(
        team=team, user=user, role=role, organisation=organisation, hours_per_week=hours_per_week
    )


@transaction.atomic
def membership_update(*, membership, role, organisation, hours_per_week):
    _ensure_team_keeps_a_lead(membership, new_role=role)
    membership.role = role
    membership.organisation = organisation
    membership.hours_per_week = hours_per_week
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership):
    _ensure_team_keeps_a_lead(membership)
    membership.delete()
