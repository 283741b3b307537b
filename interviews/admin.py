from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from interviews.models import Question, Questionnaire, Round, Theme


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
    """Dates and closing only: the goal and the duos' reflections stay with the team."""

    list_display = ["team", "number", "starts_on", "ends_on", "closed_at"]
    list_filter = ["team"]
    exclude = ["goal", "reflection_experiences", "reflection_surprises", "reflection_changes"]

    def has_add_permission(self, request):
        """A round starts in the app, with its goal."""
        return False
