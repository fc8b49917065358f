"""Upload checks: the file's content, not its name, decides what it is; and it must not be too large."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kvalifikacija.uploads import ActivePdf, UploadRefused, pdf_has_active_content

# content type -> (file extension, magic bytes the file must start with)
ALLOWED = {
    "application/pdf": ("pdf", (b"%PDF-",)),
    "image/png": ("png", (b"\x89PNG\r\n\x1a\n",)),
    "image/jpeg": ("jpg", (b"\xff\xd8\xff",)),
}


def detect_certificate_file(upload) -> str:
    """Return the content type of an uploaded certificate (PDF, PNG or JPEG), judged by its bytes.

    Raises ValidationError for an empty, too large or other file (a renamed executable, say)."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the largest accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(settings.MAX_UPLOAD_BYTES)},
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    allowed = ALLOWED.get(mime)
    if allowed is None or not head.startswith(allowed[1]):
        raise ValidationError(
            _("Upload a PDF, PNG or JPEG file. This file's content is not one of them, whatever its name says."),
            code="bad_type",
        )
    if mime == "application/pdf":
        data = upload.read()
        upload.seek(0)
        try:
            active = pdf_has_active_content(data)
        except UploadRefused as exc:
            raise ValidationError(exc.message, code="bad_pdf") from exc
        if active:
            raise ValidationError(ActivePdf.default_message, code="active_pdf")
    return mime


def extension_for(content_type) -> str:
    return ALLOWED[content_type][0]
