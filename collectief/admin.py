from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from collectief.models import (
    AccessRecord,
    Area,
    AreaConnector,
    Membership,
    Neighbourhood,
    OidcIdentity,
    Organisation,
    Team,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class CollectiefUserAdmin(UserAdmin, SimpleHistoryAdmin):
    fieldsets = UserAdmin.fieldsets + ((_("Collectief"), {"fields": ["is_municipality_staff"]}),)
    list_display = ["username", "first_name", "last_name", "is_municipality_staff", "is_staff"]
    list_filter = ["is_municipality_staff", "is_staff", "is_active"]


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(SimpleHistoryAdmin):
    list_display = ["name", "area"]
    list_filter = ["area"]
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "area"]
    list_filter = ["area"]
    search_fields = ["name"]
    filter_horizontal = ["neighbourhoods"]
    inlines = [MembershipInline]


@admin.register(AreaConnector)
class AreaConnectorAdmin(SimpleHistoryAdmin):
    list_display = ["user", "area"]
    autocomplete_fields = ["user"]


@admin.register(OidcIdentity)
class OidcIdentityAdmin(admin.ModelAdmin):
    """Links an account at the single sign-on provider to a user, e.g. an existing local one."""

    list_display = ["user", "subject", "issuer", "created_at"]
    search_fields = ["user__username", "subject"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    """Administrators read the whole access log; nobody adds, changes or deletes records."""

    list_display = ["at", "user", "team", "purpose", "shown", "client_address"]
    list_filter = ["shown", "team", "purpose"]
    search_fields = ["resident_keys", "user__username", "purpose"]
    date_hierarchy = "at"
    list_select_related = ["user", "team"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
