from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Certificate, CertificateCounter, OutsideCertificate


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["number", "holder_name", "title", "academic_hours", "issued_on", "status", "kind"]
    list_filter = ["status", "kind", "series_year", "issuer"]
    search_fields = ["number", "holder_name", "title", "verification_code"]
    raw_id_fields = ["event", "registration", "holder", "replaces"]


@admin.register(OutsideCertificate)
class OutsideCertificateAdmin(SimpleHistoryAdmin):
    list_display = ["teacher", "title", "provider_name", "country", "academic_hours", "status"]
    list_filter = ["status", "country"]
    search_fields = ["title", "provider_name", "teacher__last_name"]
    raw_id_fields = ["teacher", "leave_request", "decided_by"]


@admin.register(CertificateCounter)
class CertificateCounterAdmin(admin.ModelAdmin):
    list_display = ["issuer", "year", "last_number"]
    list_filter = ["year"]
    search_fields = ["issuer__name"]
