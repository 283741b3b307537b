"""Public pages (no login). Every route here is public: tests treat `public:*` as such."""

from django.urls import path

from initiatives import public_views

app_name = "public"

urlpatterns = [
    path("labels/<int:pk>/", public_views.label_page, name="label"),
    path("labels/<int:pk>/activities.ics", public_views.label_calendar, name="label_calendar"),
]
