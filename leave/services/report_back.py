"""Reporting back: after the event the teacher tells the methodical group what was learnt."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kvalifikacija.uploads import UploadRefused, check_upload

from ..models import LeaveRequest, ReportBack
from .errors import NotAllowed, ReportError

S = LeaveRequest.Status

MATERIAL_TYPES = {
    "application/pdf", "image/jpeg", "image/png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.presentation",
    "application/msword", "application/vnd.ms-powerpoint",
}


def check_material(upload):
    """Materials are checked by content and size, never by the name the browser sends; the file is stored
    under a random name with the extension of its checked type; a PDF with active content is refused."""
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise ReportError(_("The file is larger than %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)})
    try:
        return check_upload(upload, allowed=MATERIAL_TYPES,
                            message=_("Upload a PDF, an image (JPEG, PNG) or an office document."))
    except UploadRefused as exc:
        raise ReportError(exc.message) from exc


def record_report_back(*, teacher, reported_on, methodical_group, summary, registration=None,
                       leave_request=None, materials=None) -> ReportBack:
    """After an attended event (or an approved outside one that is over) the teacher records the report
    to the methodical group, once."""
    from events.models import Registration

    if (registration is None) == (leave_request is None):
        raise ReportError(_("A report belongs to one event."))
    if registration is not None:
        if registration.teacher_id != teacher.pk:
            raise NotAllowed()
        if registration.status != Registration.Status.ATTENDED:
            raise ReportError(_("Report back after you have attended the event."))
        if ReportBack.objects.filter(registration=registration).exists():
            raise ReportError(_("The report for this event is already recorded."))
    else:
        if leave_request.teacher_id != teacher.pk:
            raise NotAllowed()
        if leave_request.status != S.APPROVED or leave_request.registration_id:
            raise ReportError(_("Report back on an approved outside event."))
        if ReportBack.objects.filter(leave_request=leave_request).exists():
            raise ReportError(_("The report for this event is already recorded."))
    if not methodical_group.strip() or not summary.strip():
        raise ReportError(_("Give the methodical group and a short summary."))
    if materials:
        check_material(materials)
    return ReportBack.objects.create(
        teacher=teacher, registration=registration, leave_request=leave_request, reported_on=reported_on,
        methodical_group=methodical_group.strip(), summary=summary.strip(), materials=materials or "",
    )
