"""Certificate and record PDFs: HTML templates rendered by WeasyPrint, one place per document.

Certificates are rendered as PDF/A-3b for long-term archiving. One font configuration and one image
cache are shared across documents, so issuing a few hundred certificates does not reload fonts each time.
"""

import logging
import threading

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lithuanian.documents import quoted

PDF_VARIANT = "pdf/a-3b"

# WeasyPrint reports every layout step at INFO; in bulk issuing that drowns the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

_local = threading.local()


def _font_config():
    """One FontConfiguration per thread (WeasyPrint's font objects are not shared across threads)."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_local, "font_config", None) is None:
        _local.font_config = FontConfiguration()
        _local.image_cache = {}
    return _local.font_config, _local.image_cache


def check_url(certificate) -> str:
    return settings.SITE_URL + reverse("certificates:check", args=[certificate.verification_code])


def qr_data_uri(url) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def _write_pdf(html, *, base_url=None, variant=PDF_VARIANT) -> bytes:
    from weasyprint import HTML

    font_config, cache = _font_config()
    document = HTML(string=html, base_url=base_url or str(settings.BASE_DIR))
    return document.write_pdf(font_config=font_config, cache=cache, pdf_variant=variant)


def certificate_context(certificate) -> dict:
    url = check_url(certificate)
    return {
        "certificate": certificate,
        "is_statement": certificate.kind == certificate.Kind.STATEMENT,
        "quoted_title": quoted(certificate.title),
        "check_url": url,
        "qr": qr_data_uri(url),
    }


def render_certificate(certificate) -> bytes:
    """The certificate (or lecturer's statement) as an A4 PDF/A document, always in Lithuanian."""
    with translation.override("lt"):
        html = render_to_string("certificates/pdf/certificate.html", certificate_context(certificate))
    return _write_pdf(html)


def render_record(record) -> bytes:
    """A teacher's qualification record (the folder) as a PDF, in the current language."""
    html = render_to_string("certificates/pdf/record.html", {"record": record})
    return _write_pdf(html, variant=None)
