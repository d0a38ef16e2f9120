from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from agreements.views import agreement as agreement_views
from portal import views

admin.site.site_header = _("HÖK-portalen – administration")
admin.site.site_title = _("HÖK-portalen")
# Admins sign in through allauth, so two-factor login applies to the admin too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.public_media, name="public_media"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("agreements.urls")),
    path("", include("surveys.urls")),
    path("", include("dialogues.urls")),
    path("", include("reports.urls")),
    path("", include("newsletters.urls")),
    path("", include("search.urls")),
    path("", include("examples.urls")),
    path("arbetsgruppen/", agreement_views.working_group, name="working_group"),
    path("arbetsgruppen/hantera/", views.working_group_tools, name="working_group_tools"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("integritet/", views.privacy, name="privacy"),
    path("konto/fortsatt/", views.continue_after_two_factor, name="continue_after_two_factor"),
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    prefix_default_language=False,
)
