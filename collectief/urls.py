from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from collectief import sso, twofactor, views

team_patterns = (
    [
        path("", views.team_list, name="list"),
        path("<int:pk>/", views.team_detail, name="detail"),
        path("<int:pk>/members/add/", views.member_add, name="member_add"),
        path(
            "<int:pk>/members/<int:membership_pk>/edit/", views.member_update, name="member_update"
        ),
        path(
            "<int:pk>/members/<int:membership_pk>/remove/",
            views.member_remove,
            name="member_remove",
        ),
        path("<int:pk>/access-log/", views.access_log, name="access_log"),
        path("<int:pk>/history/", views.team_history, name="history"),
    ],
    "teams",
)

otp_patterns = (
    [
        path("", twofactor.setup, name="setup"),
        path("qr.svg", twofactor.qr_code, name="qr_code"),
        path("verify/", twofactor.verify, name="verify"),
        path("disable/", twofactor.disable, name="disable"),
    ],
    "otp",
)

account_patterns = [
    path("login/", sso.LoginView.as_view(), name="login"),
    path("logout/", sso.LogoutView.as_view(), name="logout"),
    path("sso/login/", sso.SsoLoginView.as_view(), name="sso_login"),
    path("sso/callback/", sso.SsoCallbackView.as_view(), name="sso_callback"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("two-step/", include(otp_patterns)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("how-we-count/", views.how_we_count, name="how_we_count"),
    path("accounts/", include(account_patterns)),
    path("teams/", include(team_patterns)),
    path("collectief/", include("collectief.collective_urls")),
    path("interviews/", include("interviews.urls")),
    path("initiatives/", include("initiatives.urls")),
    path("pilots/", include("pilots.urls")),
    path("public/", include("initiatives.public_urls")),
    # Anonymous visitors (on the login page) may switch language too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("-/alive/", views.alive, name="alive"),
    path("-/health/", views.health, name="health"),
    path(f"{settings.ADMIN_URL}", admin.site.urls),
]

if settings.BENCHMARK_LIMIT_VIEW:
    urlpatterns.append(path("-/bench/limit/", views.bench_limit, name="bench_limit"))


handler400 = "collectief.views.bad_request"
handler500 = "collectief.views.server_error"
