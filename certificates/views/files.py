"""Streaming private files: media is never served directly, only through these helpers after a check."""

import io
import tempfile
import zipfile

from django.http import FileResponse


def file_response(field, *, filename, content_type, as_attachment=True):
    handle = field.storage.open(field.name, "rb")
    return FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)


def pdf_response(content: bytes, *, filename, as_attachment=True):
    return FileResponse(io.BytesIO(content), as_attachment=as_attachment, filename=filename,
                        content_type="application/pdf")


def zip_response(members, *, filename):
    """`members`: iterable of (name in the archive, FieldFile or bytes). Built in a spooled temporary
    file, so a large archive does not sit in memory."""
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    used = set()
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            base, dot, ext = name.rpartition(".")
            unique, n = name, 1
            while unique in used:
                n += 1
                unique = f"{base}-{n}{dot}{ext}"
            used.add(unique)
            if isinstance(content, bytes):
                archive.writestr(unique, content)
            else:
                with content.storage.open(content.name, "rb") as handle:
                    archive.writestr(unique, handle.read())
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type="application/zip")
