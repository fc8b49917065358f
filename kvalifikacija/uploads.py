"""Uploads judged by what they are, and private files served as what they are.

`check_upload` reads the file's bytes: the content type comes from them (never from the name or the type
the browser sends), and the stored name is a random one with the extension of that type, so PNG bytes
named `poly.html` are stored and served as a PNG. PDFs that carry JavaScript, launch actions, embedded
files, rich media or XFA forms are refused: a portal that only shows certificates and handouts has no use
for active content. `private_file_response` always answers with an attachment of the stored type.
"""

import io
import re
import uuid

import filetype
from django.conf import settings
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from .exceptions import DomainError

PDF = "application/pdf"
# Every type the portal accepts anywhere, with the extension it is stored under.
EXTENSIONS = {
    PDF: "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/rtf": "rtf",
    "application/msword": "doc",
    "application/vnd.ms-powerpoint": "ppt",
}
ACTIVE_NAMES = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/EmbeddedFiles", b"/RichMedia",
                b"/XFA", b"/SubmitForm", b"/ImportData")
# In the raw bytes only long names are looked for (a short one like /JS turns up by chance in compressed
# streams); the object graph is searched for all of them.
_ACTIVE_BYTES = re.compile(rb"/(JavaScript|Launch|EmbeddedFiles?|RichMedia|SubmitForm|ImportData)(?![A-Za-z])")
MAX_PDF_OBJECTS = 200_000


class UploadRefused(DomainError):
    default_message = _("This file cannot be accepted.")


class ActivePdf(UploadRefused):
    default_message = _("The PDF contains JavaScript, embedded files or other active content; save it again "
                        "as a plain PDF (for example, print it to PDF) and upload that.")


def _walk(obj, seen, budget):
    """Yield every name (dictionary keys and name values) reachable from `obj` (object streams included:
    pypdf decompresses them)."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > budget:
                raise UploadRefused(_("The PDF is too complex to check."))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                yield name
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject):
            yield item


def pdf_has_active_content(data: bytes) -> bool:
    """True when the PDF has JavaScript, launch/submit/import actions, embedded files, rich media or XFA,
    found in its raw bytes or anywhere in its (decompressed) object graph."""
    if _ACTIVE_BYTES.search(data):
        return True
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        root = reader.trailer["/Root"]
        names = {str(n) for n in _walk(root, set(), MAX_PDF_OBJECTS)}
    except UploadRefused:
        raise
    except Exception:  # noqa: BLE001 - pypdf cannot build the object graph (a minimal or damaged file)
        # Then every name, short ones included, is looked for in the raw bytes: nothing compressed can
        # hide in a file whose objects cannot be read.
        return any(re.search(re.escape(name) + rb"(?![A-Za-z])", data) for name in ACTIVE_NAMES)
    return bool(names & {n.decode() for n in ACTIVE_NAMES})


def check_upload(upload, *, allowed, message=None):
    """The checked content type of `upload` (one of `allowed`), renaming it to a random name with that
    type's extension. Rules: not empty, at most MAX_UPLOAD_BYTES, the bytes are of an allowed type, a PDF
    has no active content. Raises UploadRefused (translated) otherwise."""
    size = upload.size or 0
    if size == 0:
        raise UploadRefused(_("The file is empty."))
    if size > settings.MAX_UPLOAD_BYTES:
        raise UploadRefused(_("The file is too large (%(size)s); the largest accepted is %(limit)s.")
                            % {"size": filesizeformat(size), "limit": filesizeformat(settings.MAX_UPLOAD_BYTES)})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime not in allowed or (mime == PDF and not head.startswith(b"%PDF-")):
        raise UploadRefused(message or _("This kind of file is not accepted, whatever its name says."))
    if mime == PDF:
        data = upload.read()
        upload.seek(0)
        if pdf_has_active_content(data):
            raise ActivePdf()
    upload.name = stored_name(mime)
    return mime


def stored_name(content_type) -> str:
    return f"{uuid.uuid4().hex}.{EXTENSIONS.get(content_type, 'bin')}"


def sniff(field) -> str:
    """The content type of a stored file, from its bytes (for files stored before types were recorded)."""
    with field.storage.open(field.name, "rb") as handle:
        kind = filetype.guess(handle.read(8192))
    mime = kind.mime if kind else ""
    return mime if mime in EXTENSIONS else "application/octet-stream"


def private_file_response(field, *, filename_base, content_type=None):
    """A private file as an attachment (never shown inline), of its checked type, named `filename_base`
    plus that type's extension: never the uploader's name or extension."""
    content_type = content_type if content_type in EXTENSIONS else sniff(field)
    handle = field.storage.open(field.name, "rb")
    filename = f"{filename_base}.{EXTENSIONS.get(content_type, 'bin')}"
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
