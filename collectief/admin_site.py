"""The admin site of Collectief: Django's own, but only for a verified second factor.

``TwoFactorMiddleware`` already sends a staff account without a verified code to the code or
enrolment page; the site checks it once more, so that no admin page depends on the middleware
order alone.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class CollectiefAdminSite(AdminSite):
    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.COLLECTIEF_REQUIRE_2FA_FOR_ADMIN or request.user.is_verified()


class CollectiefAdminConfig(AdminConfig):
    default_site = "collectief.admin_site.CollectiefAdminSite"
