"""The one upload check: the file's content, not its name, decides what it is, and it must not be too
large. Each app keeps its own list of accepted types and its own words for the refusal."""

import filetype
from django.conf import settings

from .exceptions import DomainError


class UploadRejected(DomainError):
    """`code`: "empty", "too_large" or "bad_type"; `size` the file's size in bytes."""

    def __init__(self, code, size):
        self.size = size
        super().__init__(code, code=code)


def check_upload(upload, *, allowed, signatures=None, max_bytes=None, head_bytes=8192) -> str:
    """Return the content type found in the first bytes of `upload` when it is in `allowed`; with
    `signatures` ({content type: (prefixes...)}) the bytes must also start with one of its prefixes.
    Raises UploadRejected for an empty or too large file or any other content. The file is left at
    its start."""
    size = upload.size or 0
    if size == 0:
        raise UploadRejected("empty", size)
    if size > (max_bytes or settings.MAX_UPLOAD_BYTES):
        raise UploadRejected("too_large", size)
    upload.seek(0)
    head = upload.read(head_bytes)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime not in allowed or (signatures is not None and not head.startswith(signatures.get(mime, ()) or (b"\0",))):
        raise UploadRejected("bad_type", size)
    return mime
