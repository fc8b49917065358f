from django.urls import path

from kvalifikacija.viewer_cache import cached_for_viewer

from . import history_views, invoice_views, views

app_name = "funding"

urlpatterns = [
    path("", views.school_overview, name="school_overview"),
    path("saltiniai/<int:pk>/", views.source_detail, name="source_detail"),
    path("saltiniai/<int:pk>/istorija/", history_views.source_history, name="source_history"),
    path("ataskaitos/<int:org_id>/<year:year>/metu-pradzia/", views.statement, name="statement"),
    path("ataskaitos/<int:org_id>/<year:year>/metu-pradzia.pdf", views.statement, {"fmt": "pdf"},
         name="statement_pdf"),
    path("ataskaitos/<int:org_id>/<year:year>/metu-pradzia.xlsx", views.statement, {"fmt": "xlsx"},
         name="statement_xlsx"),
    path("ataskaitos/<int:org_id>/<year:year>/metu-pabaiga/", views.year_end, name="year_end"),
    path("ataskaitos/<int:org_id>/<year:year>/metu-pabaiga.pdf", views.year_end, {"fmt": "pdf"}, name="year_end_pdf"),
    path("ataskaitos/<int:org_id>/<year:year>/metu-pabaiga.xlsx", views.year_end, {"fmt": "xlsx"},
         name="year_end_xlsx"),
    path("rajonas/", cached_for_viewer(views.district_report), name="district_report"),
    path("rajonas/eksportas/", views.district_export, name="district_export"),
    path("rajonas/eksportas/<int:pk>/busena/", views.export_status, name="export_status"),
    path("rajonas/eksportas/<int:pk>/atsisiusti/", views.export_download, name="export_download"),
    path("mokesciai/", views.centre_fees, name="centre_fees"),
    path("mokesciai/<int:registration_id>/", views.record_fee, name="record_fee"),
    path("saskaitos/", invoice_views.invoice_list, name="invoice_list"),
    path("saskaitos/israsyti/", invoice_views.invoice_create, name="invoice_create"),
    path("saskaitos.xlsx", invoice_views.invoice_xlsx, name="invoice_xlsx"),
    path("saskaitos/<int:pk>/", invoice_views.invoice_detail, name="invoice_detail"),
    path("saskaitos/<int:pk>.pdf", invoice_views.invoice_pdf, name="invoice_pdf"),
    path("saskaitos/<int:pk>/siusti/", invoice_views.invoice_send, name="invoice_send"),
    path("saskaitos/<int:pk>/apmoketa/", invoice_views.invoice_paid, name="invoice_paid"),
]
