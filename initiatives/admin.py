from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from initiatives.models import (
    Activity,
    Initiative,
    InitiativePartner,
    LabelApplication,
    LabelProgramme,
    Material,
    Session,
    Success,
)


class PartnerInline(admin.TabularInline):
    model = InitiativePartner
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "team", "kind", "status", "quadrant"]
    list_filter = ["team", "kind", "status", "quadrant"]
    search_fields = ["name"]
    readonly_fields = ["version"]
    inlines = [PartnerInline]


@admin.register(LabelProgramme)
class LabelProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "team"]


@admin.register(LabelApplication)
class LabelApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "programme", "status", "decided_on"]
    list_filter = ["programme", "status"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "initiative", "recurrence"]


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "date", "participants", "volunteers", "professionals"]


@admin.register(Material)
class MaterialAdmin(SimpleHistoryAdmin):
    list_display = ["title", "initiative", "content_type", "size"]


@admin.register(Success)
class SuccessAdmin(SimpleHistoryAdmin):
    list_display = ["title", "team", "initiative", "happened_on", "celebrated_on", "shareable"]
    list_filter = ["team", "shareable"]
