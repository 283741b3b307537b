"""URLs of the weighing framework, interventions, signals, hours and balance (/collectief/)."""

from django.urls import path

from collectief import collective_views as views

app_name = "collective"

urlpatterns = [
    path("teams/<int:team_pk>/framework/", views.framework_detail, name="framework"),
    path("teams/<int:team_pk>/framework/edit/", views.framework_edit, name="framework_edit"),
    path(
        "teams/<int:team_pk>/framework/v<int:version>/",
        views.framework_detail,
        name="framework_version",
    ),
    path("teams/<int:team_pk>/targets/", views.balance_settings, name="balance_settings"),
    path("teams/<int:team_pk>/themes/", views.theme_list, name="themes"),
    path(
        "teams/<int:team_pk>/themes/<int:theme_pk>/toggle/",
        views.theme_toggle,
        name="theme_toggle",
    ),
    path("interventions/", views.intervention_list, name="interventions"),
    path(
        "teams/<int:team_pk>/interventions/new/",
        views.intervention_create,
        name="intervention_create",
    ),
    path("interventions/<uuid:uuid>/", views.intervention_detail, name="intervention_detail"),
    path("interventions/<uuid:uuid>/edit/", views.intervention_update, name="intervention_update"),
    path("interventions/<uuid:uuid>/assess/", views.assessment_create, name="assessment_create"),
    path("assessments/<uuid:uuid>/", views.assessment_detail, name="assessment_detail"),
    path("signals/", views.signal_list, name="signals"),
    path("teams/<int:team_pk>/signals/new/", views.signal_create, name="signal_create"),
    path("signals/<uuid:uuid>/", views.signal_detail, name="signal_detail"),
    path("issues/", views.issue_list, name="issues"),
    path("teams/<int:team_pk>/issues/new/", views.issue_create, name="issue_create"),
    path("issues/<uuid:uuid>/", views.issue_detail, name="issue_detail"),
    path("issues/<uuid:uuid>/edit/", views.issue_update, name="issue_update"),
    path("hours/", views.hours_form, name="hours"),
    path("balance/", views.balance_view, name="balance"),
    path("balance/team/<int:team_pk>/", views.balance_view, name="balance_team"),
    path("balance/export/", views.balance_export, name="balance_export"),
]
