"""Functional management of the initiatives app: only the label programmes.

Initiatives, label applications, activities, sessions, materials and successes hold resident
data (starters, wishes, attendees, notes, who was involved) and the team's own free text; the
team manages them in the app, under the access policy and its history. The admin, which sees
every team, does not show them (issue 18).
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from initiatives.models import LabelProgramme


@admin.register(LabelProgramme)
class LabelProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "team"]
