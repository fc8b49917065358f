"""PDFs of the money reports: HTML templates rendered by WeasyPrint with DejaVu Sans (Lithuanian letters)."""

from django.template.loader import render_to_string
from django.utils import timezone

from kvalifikacija import pdf


def render_pdf(template_name, context) -> bytes:
    html = render_to_string(template_name, {**context, "generated_at": timezone.localtime()})
    return pdf.render_pdf(html)


def statement_pdf(data) -> bytes:
    return render_pdf("funding/pdf/statement.html", data)


def year_end_pdf(data) -> bytes:
    return render_pdf("funding/pdf/year_end.html", data)


def district_pdf(data) -> bytes:
    return render_pdf("funding/pdf/district.html", data)
