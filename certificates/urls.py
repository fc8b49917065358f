"""Mounted at the site root: every path carries its own prefix."""

from django.urls import path

from kvalifikacija.viewer_cache import cached_for_viewer

from .views import history, issuing, outside, record

app_name = "certificates"

urlpatterns = [
    # Public, stable address printed on certificates and in their QR codes.
    path("pazymejimai/<str:code>/", issuing.check, name="check"),
    path("pazymejimas/<int:pk>/atsisiusti/", issuing.download, name="download"),
    path("pazymejimas/<int:pk>/istorija/", history.certificate_history, name="history"),
    # Centre staff.
    path("centras/renginiai/<int:pk>/pazymejimai/", issuing.event_certificates, name="event_certificates"),
    path("centras/renginiai/<int:pk>/pazymejimai/eiga/", issuing.event_progress, name="event_progress"),
    path("centras/renginiai/<int:pk>/pazymejimai.zip", issuing.event_zip, name="event_zip"),
    path("centras/pazymejimai/<int:pk>/atsaukti/", issuing.revoke, name="revoke"),
    path("centras/pazymejimai/<int:pk>/pakartoti/", issuing.reissue, name="reissue"),
    # The teacher's record.
    path("mano/aplankas/", cached_for_viewer(record.my_record), name="my_record"),
    path("mano/aplankas.pdf", record.record_pdf, name="my_record_pdf"),
    path("mano/aplankas.zip", record.record_zip, name="my_record_zip"),
    # School heads.
    path("mokykla/mokytojai/", cached_for_viewer(record.school_records), name="school_records"),
    path("mokykla/mokytojai/<int:pk>/aplankas/", cached_for_viewer(record.my_record), name="teacher_record"),
    path("mokykla/mokytojai/<int:pk>/aplankas.pdf", record.record_pdf, name="teacher_record_pdf"),
    path("mokykla/mokytojai/<int:pk>/aplankas.zip", record.record_zip, name="teacher_record_zip"),
    # Outside certificates.
    path("mano/isoriniai-pazymejimai/", outside.outside_list, name="outside_list"),
    path("mano/isoriniai-pazymejimai/naujas/", outside.outside_upload, name="outside_upload"),
    path("isoriniai-pazymejimai/<int:pk>/", outside.outside_detail, name="outside_detail"),
    path("isoriniai-pazymejimai/<int:pk>/sprendimas/", outside.outside_decide, name="outside_decide"),
    path("isoriniai-pazymejimai/<int:pk>/valandos/", outside.outside_correct_hours, name="outside_correct_hours"),
    path("isoriniai-pazymejimai/<int:pk>/atsiimti/", outside.outside_withdraw, name="outside_withdraw"),
    path("isoriniai-pazymejimai/<int:pk>/failas/", outside.outside_file, name="outside_file"),
]
