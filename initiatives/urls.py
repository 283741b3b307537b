from django.urls import path

from initiatives import social_views, views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("new/", views.initiative_create, name="create"),
    path("export/", views.initiative_export, name="export"),
    path("export/sessions/", views.session_export, name="session_export"),
    path("<uuid:public_id>/", views.initiative_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.initiative_update, name="update"),
    path("<uuid:public_id>/status/", views.initiative_status, name="status"),
    path("<uuid:public_id>/links/", views.initiative_links, name="links"),
    path("<uuid:public_id>/comments/", views.comment_add, name="comment_add"),
    path("<uuid:public_id>/labels/apply/", views.label_apply, name="label_apply"),
    path("<uuid:public_id>/activities/new/", views.activity_create, name="activity_create"),
    path("<uuid:public_id>/materials/new/", views.material_create, name="material_create"),
    path("activities/<uuid:public_id>/", views.activity_detail, name="activity_detail"),
    path("activities/<uuid:public_id>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/edit/", views.session_update, name="session_update"),
    path("materials/<uuid:public_id>/", views.material_file, name="material_file"),
    path("materials/<uuid:public_id>/delete/", views.material_delete, name="material_delete"),
    path("labels/", views.label_list, name="label_list"),
    path("labels/new/", views.label_create, name="label_create"),
    path("labels/<int:pk>/", views.label_detail, name="label_detail"),
    path("labels/<int:pk>/edit/", views.label_update, name="label_update"),
    path("labels/<int:pk>/badge/", views.label_badge, name="label_badge"),
    path("labels/<int:pk>/publish/", views.label_publish, name="label_publish"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("applications/<int:pk>/public/", views.application_public, name="application_public"),
    path("map/", social_views.map_list, name="map"),
    path("map/new/", social_views.map_create, name="map_create"),
    path("map/<int:pk>/edit/", social_views.map_update, name="map_update"),
    path("map/<int:pk>/accept/", social_views.map_accept, name="map_accept"),
    path("map/<int:pk>/delete/", social_views.map_delete, name="map_delete"),
    path("successes/", views.success_list, name="success_list"),
    path("successes/new/", views.success_create, name="success_create"),
    path("successes/<uuid:public_id>/edit/", views.success_update, name="success_update"),
    path("successes/<uuid:public_id>/photo/", views.success_photo, name="success_photo"),
]
