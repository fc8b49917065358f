from django.urls import path

from kvalifikacija.viewer_cache import cached_for_viewer

from .page_cache import anonymous_page_cache
from .urls_registration import urlpatterns as registration_patterns
from .views import catalogue, exhibits, importing, plan, staff

app_name = "events"

urlpatterns = [
    # Public, stable addresses.
    path("renginiai/", anonymous_page_cache(cached_for_viewer(catalogue.CatalogueView.as_view())), name="catalogue"),
    path("renginiai.ics", catalogue.catalogue_ics, name="catalogue_ics"),
    path("renginiai/<int:pk>/", anonymous_page_cache(cached_for_viewer(catalogue.EventDetailView.as_view())), name="detail"),
    path("renginiai/<int:pk>.ics", catalogue.event_ics, name="event_ics"),
    path("renginiai/eksponatai/<int:pk>/nuotrauka/", exhibits.exhibit_photo, name="exhibit_photo"),
    path("planas/<year:year>/", anonymous_page_cache(plan.plan_page), name="plan"),
    path("planas/<year:year>.pdf", plan.plan_pdf, name="plan_pdf"),
    # Centre staff.
    path("centras/programos/", staff.ProgrammeListView.as_view(), name="programme_list"),
    path("centras/programos/nauja/", staff.ProgrammeFormView.as_view(), name="programme_create"),
    path("centras/programos/<int:pk>/", staff.ProgrammeFormView.as_view(), name="programme_edit"),
    path("centras/programos/<int:pk>/archyvuoti/", staff.ProgrammeArchiveView.as_view(), name="programme_archive"),
    path("centras/renginiai/", cached_for_viewer(staff.StaffEventListView.as_view()), name="staff_event_list"),
    path("centras/renginiai/naujas/", staff.EventFormView.as_view(), name="staff_event_create"),
    path("centras/renginiai/importas/", importing.ImportView.as_view(), name="staff_event_import"),
    path("centras/renginiai/importas/sablonas.<str:fmt>", importing.ImportTemplateView.as_view(),
         name="staff_event_import_template"),
    path("centras/renginiai/importai/", importing.ImportRunListView.as_view(), name="staff_import_runs"),
    path("centras/renginiai/importai/<int:pk>/atsaukti/", importing.UndoImportRunView.as_view(),
         name="staff_import_run_undo"),
    path("centras/renginiai/<int:pk>/redaguoti/", staff.EventFormView.as_view(), name="staff_event_edit"),
    path("centras/renginiai/<int:pk>/kopijuoti/", staff.CopyEventView.as_view(), name="staff_event_copy"),
    path("centras/renginiai/<int:pk>/skelbti/", staff.PublishEventView.as_view(), name="staff_event_publish"),
    path("centras/renginiai/<int:pk>/eksponatai/", exhibits.ExhibitsView.as_view(), name="exhibits"),
    path("centras/renginiai/<int:pk>/eksponatai/<int:exhibit_pk>/trinti/", exhibits.ExhibitDeleteView.as_view(),
         name="exhibit_delete"),
    path("centras/renginiai/<int:pk>/trinti/", staff.DeleteDraftView.as_view(), name="staff_event_delete"),
    path("centras/renginiai/<int:pk>/atsaukti/", staff.CancelEventView.as_view(), name="staff_event_cancel"),
    path("centras/renginiai/<int:pk>/uzbaigti/", staff.CompleteEventView.as_view(), name="staff_event_complete"),
    path("centras/planas/", plan.plan_manage, name="plan_manage"),
    path("centras/planas/busena/", plan.plan_status, name="plan_status"),
    path("centras/planas/skelbti/", plan.plan_publish, name="plan_publish"),
] + registration_patterns
