from django.urls import path

from pilots import agenda_views, views

app_name = "pilots"

urlpatterns = [
    path("", views.pilot_list, name="list"),
    path("new/", views.pilot_create, name="create"),
    path("<int:pk>/", views.pilot_detail, name="detail"),
    path("<int:pk>/edit/", views.pilot_update, name="update"),
    path("<int:pk>/report/", views.pilot_report, name="report"),
    path("<int:pk>/export/<slug:key>/", views.pilot_export, name="export"),
    path("<int:pk>/journal/new/", views.journal_edit, name="journal_create"),
    path("<int:pk>/journal/<int:entry_pk>/edit/", views.journal_edit, name="journal_update"),
    path("<int:pk>/lessons/new/", views.lesson_edit, name="lesson_create"),
    path("<int:pk>/lessons/<int:lesson_pk>/edit/", views.lesson_edit, name="lesson_update"),
    path("<int:pk>/scores/<slug:phase>/", views.score_phase, name="scores"),
    path("workshops/", views.workshop_list, name="workshop_list"),
    path("workshops/new/", views.workshop_edit, name="workshop_create"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop_detail"),
    path("workshops/<int:pk>/edit/", views.workshop_edit, name="workshop_update"),
    path("agenda/", agenda_views.agenda_page, name="agenda"),
    path("agenda/priorities/new/", agenda_views.priority_create, name="priority_create"),
    path("agenda/priorities/<int:pk>/edit/", agenda_views.priority_update, name="priority_update"),
    path("agenda/meetings/new/", agenda_views.meeting_create, name="meeting_create"),
    path("agenda/meetings/<int:pk>/edit/", agenda_views.meeting_update, name="meeting_update"),
    path("agenda/meetings/<int:pk>/send/", agenda_views.meeting_send, name="meeting_send"),
    path("capacity/", agenda_views.capacity_page, name="capacity"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export/<slug:key>/", views.dashboard_export, name="dashboard_export"),
    path("dashboard/report/", views.city_report, name="city_report"),
]
