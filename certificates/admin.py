from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Certificate, CertificateCounter, IssuingBatch, OutsideCertificate


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["number", "holder_name", "title", "academic_hours", "issued_on", "status", "kind"]
    list_filter = ["status", "kind", "series_year", "issuer"]
    search_fields = ["number", "holder_name", "title", "verification_code"]
    raw_id_fields = ["event", "registration", "holder", "replaces"]
    # Issued documents change only through the services (revoke, re-issue), never by hand.
    readonly_fields = ["number", "series_year", "sequence", "verification_code", "issued_at"]


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


@admin.register(IssuingBatch)
class IssuingBatchAdmin(admin.ModelAdmin):
    list_display = ["event", "kind", "status", "done", "total", "created", "requested_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["event__title"]
    raw_id_fields = ["event", "requested_by"]
