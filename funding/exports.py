"""District report files. Small ones are built in the request; large ones (more schools than
ASYNC_EXPORT_MIN_SCHOOLS) by a Celery worker, enqueued after the transaction commits."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from kvalifikacija.queue import publish_on_commit

from .models import ReportExport
from .reports import district_organisations, district_report

logger = logging.getLogger(__name__)

# A district report covering more schools than this is built in the background.
ASYNC_EXPORT_MIN_SCHOOLS = 12


def is_large(*, school_id=None) -> bool:
    return district_organisations(school_id).filter(kind="school").count() > ASYNC_EXPORT_MIN_SCHOOLS


def request_district_export(*, year, fmt, by, school=None) -> ReportExport:
    """Create the export row; build it now when small, else enqueue the build after commit."""
    export = ReportExport.objects.create(year=year, fmt=fmt, school=school, requested_by=by)
    if is_large(school_id=school.pk if school else None):
        from .tasks import build_district_export

        publish_on_commit(build_district_export, export.pk)
    else:
        build_export(export_id=export.pk)
        export.refresh_from_db()
    return export


def build_export(*, export_id) -> ReportExport:
    """Build the file once: a ready export is left alone, so a retried task does nothing twice."""
    from .pdf import district_pdf
    from .xlsx import district_xlsx

    with transaction.atomic():
        export = ReportExport.objects.select_for_update().select_related("requested_by").get(pk=export_id)
        if export.status == ReportExport.Status.READY:
            return export
        export.status = ReportExport.Status.RUNNING
        export.save(update_fields=["status"])
    try:
        # A worker has no request: build in the language of the person who asked.
        with translation.override(export.requested_by.language or settings.LANGUAGE_CODE):
            data = district_report(year=export.year, school_id=export.school_id)
            content = district_xlsx(data) if export.fmt == ReportExport.Format.XLSX else district_pdf(data)
    except Exception as exc:  # noqa: BLE001 - recorded on the row and shown to the user
        logger.exception("district export %s failed", export_id)
        export.status = ReportExport.Status.FAILED
        export.error = str(exc)[:1000]
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        return export
    export.file.save(export.filename, ContentFile(content), save=False)
    export.status = ReportExport.Status.READY
    export.finished_at = timezone.now()
    export.error = ""
    export.save(update_fields=["file", "status", "finished_at", "error"])
    return export
