from django.urls import path

from interviews import views

app_name = "interviews"

urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("new/", views.conversation_create, name="create"),
    path("conversations/<uuid:conversation_uuid>/", views.conversation_detail, name="detail"),
    path("conversations/<uuid:conversation_uuid>/edit/", views.conversation_update, name="update"),
    path("residents/", views.resident_list, name="resident_list"),
    path("residents/<uuid:resident_uuid>/", views.resident_detail, name="resident_detail"),
    path("residents/<uuid:resident_uuid>/data/", views.resident_data, name="resident_data"),
    path("residents/<uuid:resident_uuid>/erase/", views.resident_erase, name="resident_erase"),
    path("rounds/", views.round_list, name="round_list"),
    path("teams/<int:team_pk>/rounds/new/", views.round_create, name="round_create"),
    path("rounds/<uuid:round_uuid>/", views.round_detail, name="round_detail"),
    path("rounds/<uuid:round_uuid>/close/", views.round_close, name="round_close"),
    path("rounds/<uuid:round_uuid>/snowball/", views.snowball_round, name="snowball_round"),
    path("teams/<int:team_pk>/snowball/", views.snowball_team, name="snowball_team"),
    path("teams/<int:team_pk>/themes/", views.themes, name="themes"),
    path("teams/<int:team_pk>/export/", views.export, name="export"),
    path("teams/<int:team_pk>/export/start/", views.export_start, name="export_start"),
    path("exports/<uuid:job_uuid>/", views.export_job, name="export_job"),
    path("exports/<uuid:job_uuid>/download/", views.export_download, name="export_download"),
    path("referrals/<uuid:referral_uuid>/status/", views.referral_status, name="referral_status"),
    path("referrals/<uuid:referral_uuid>/match/", views.referral_match, name="referral_match"),
    path("questionnaires/", views.questionnaire_list, name="questionnaire_list"),
    path(
        "teams/<int:team_pk>/questionnaires/new/",
        views.questionnaire_create,
        name="questionnaire_create",
    ),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire_detail"),
    path(
        "questionnaires/<int:pk>/suggestions/<int:suggestion_pk>/",
        views.suggestion_decide,
        name="suggestion_decide",
    ),
    path("questionnaires/<int:pk>/themes/new/", views.theme_edit, name="theme_create"),
    path(
        "questionnaires/<int:pk>/themes/<uuid:theme_key>/edit/",
        views.theme_edit,
        name="theme_update",
    ),
    path(
        "questionnaires/<int:pk>/themes/<uuid:theme_key>/questions/new/",
        views.question_edit,
        name="question_create",
    ),
    path(
        "questionnaires/<int:pk>/themes/<uuid:theme_key>/questions/<uuid:question_key>/edit/",
        views.question_edit,
        name="question_update",
    ),
]
