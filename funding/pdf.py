"""PDFs of the money reports: HTML templates rendered by WeasyPrint with DejaVu Sans (Lithuanian letters)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

_font_config = None


def render_pdf(template_name, context) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    global _font_config
    if _font_config is None:  # one font cache for every document this process renders
        _font_config = FontConfiguration()
    html = render_to_string(template_name, {**context, "generated_at": timezone.localtime()})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=_font_config)


def statement_pdf(data) -> bytes:
    return render_pdf("funding/pdf/statement.html", data)


def year_end_pdf(data) -> bytes:
    return render_pdf("funding/pdf/year_end.html", data)


def district_pdf(data) -> bytes:
    return render_pdf("funding/pdf/district.html", data)
