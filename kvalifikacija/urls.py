from django.contrib import admin
from django.urls import include, path, register_converter
from django.views.i18n import JavaScriptCatalog

from people.views import healthz, set_language

from .params import YearConverter

register_converter(YearConverter, "year")

urlpatterns = [
    path("", include("people.urls")),
    path("", include("events.urls")),
    path("", include("certificates.urls")),
    path("prasymai/", include("leave.urls")),
    path("lesos/", include("funding.urls")),
    path("pranesimai/", include("notices.urls")),
    path("apklausos/", include("surveys.urls")),
    path("priemones/", include("loans.urls")),
    path("", include("pages.urls")),
    path("", include("partnerships.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("valdymas/", admin.site.urls),
    path("healthz/", healthz, name="healthz"),
]

admin.site.site_header = "Kvalifikacija"
admin.site.site_title = "Kvalifikacija"
