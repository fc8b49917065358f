"""Registration, waiting list, attendance and lecturers' pages (included by events/urls.py)."""

from django.urls import path

from kvalifikacija.viewer_cache import cached_for_viewer

from .views import attendance, history, registration

urlpatterns = [
    path("renginiai/<int:pk>/registracija/", registration.register, name="register"),
    path("renginiai/<int:pk>/registracija/busena/", registration.panel, name="registration_panel"),
    path("registracijos/<int:pk>/atsaukti/", registration.cancel, name="cancel_registration"),
    path("registracijos/<int:pk>/istorija/", history.registration_history, name="registration_history"),
    path("mano/renginiai/", cached_for_viewer(registration.MyEventsView.as_view()), name="my_events"),
    path("centras/renginiai/<int:pk>/dalyviai/", cached_for_viewer(registration.registrants), name="registrants"),
    path("centras/renginiai/<int:pk>/dalyviai.csv", registration.export_csv, name="registrants_csv"),
    path("centras/renginiai/<int:pk>/dalyviai.xlsx", registration.export_xlsx, name="registrants_xlsx"),
    path("centras/renginiai/<int:pk>/lankomumo-lapas.pdf", registration.attendance_sheet, name="attendance_sheet"),
    path("centras/renginiai/<int:pk>/lankomumas/", attendance.attendance, name="attendance"),
    path("centras/renginiai/<int:pk>/lankomumas/<int:session_pk>/", attendance.attendance, name="attendance_session"),
    path("lektorius/renginiai/", registration.LecturerEventsView.as_view(), name="lecturer_events"),
]
