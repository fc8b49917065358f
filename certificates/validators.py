"""Upload checks: the file's content, not its name, decides what it is; and it must not be too large."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kvalifikacija.uploads import UploadRejected, check_upload

# content type -> (file extension, magic bytes the file must start with)
ALLOWED = {
    "application/pdf": ("pdf", (b"%PDF-",)),
    "image/png": ("png", (b"\x89PNG\r\n\x1a\n",)),
    "image/jpeg": ("jpg", (b"\xff\xd8\xff",)),
}


def detect_certificate_file(upload) -> str:
    """Return the content type of an uploaded certificate (PDF, PNG or JPEG), judged by its bytes.

    Raises ValidationError for an empty, too large or other file (a renamed executable, say)."""
    try:
        return check_upload(upload, allowed=ALLOWED, signatures={mime: magic for mime, (_ext, magic) in ALLOWED.items()},
                            head_bytes=2048)
    except UploadRejected as exc:
        if exc.code == "empty":
            raise ValidationError(_("The file is empty."), code="empty") from None
        if exc.code == "too_large":
            raise ValidationError(
                _("The file is too large (%(size)s); the largest accepted is %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(exc.size), "limit": filesizeformat(settings.MAX_UPLOAD_BYTES)},
            ) from None
        raise ValidationError(
            _("Upload a PDF, PNG or JPEG file. This file's content is not one of them, whatever its name says."),
            code="bad_type",
        ) from None


def extension_for(content_type) -> str:
    return ALLOWED[content_type][0]
