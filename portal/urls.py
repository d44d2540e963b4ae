"""URL configuration: public pages under i18n prefixes (Japanese unprefixed)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from portal.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("indicators.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("indicators.urls")),
    prefix_default_language=False,
)
