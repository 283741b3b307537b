from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from interviews.models import ExportLog, Question, Questionnaire, Round, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    fields = ["title", "description", "from_stakeholder_meeting", "order"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(SimpleHistoryAdmin):
    list_display = ["name", "version_number", "team"]
    list_filter = ["team"]
    inlines = [ThemeInline]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "kind", "theme"]


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["team", "number", "starts_on", "ends_on", "closed_at"]
    list_filter = ["team"]


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    """Read-only: who exported conversations with names, and when."""

    list_display = ["created_at", "user", "team", "round", "named", "fmt"]
    list_filter = ["team", "named"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
