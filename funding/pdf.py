"""PDFs of the money reports: HTML templates rendered by WeasyPrint with DejaVu Sans (Lithuanian letters)."""

from django.template.loader import render_to_string
from django.utils import timezone

from kvalifikacija import pdf


def render_html(template_name, context) -> str:
    return render_to_string(template_name, {**context, "generated_at": timezone.localtime()})


def render_pdf(template_name, context) -> bytes:
    return pdf.render_pdf(render_html(template_name, context))


def statement_pdf(data) -> bytes:
    return render_pdf("funding/pdf/statement.html", data)


def year_end_pdf(data) -> bytes:
    return render_pdf("funding/pdf/year_end.html", data)


KINDS_PER_PDF_TABLE = 4  # kinds of source side by side in one printed table (a page holds this many)


def kind_groups(data, per_table=KINDS_PER_PDF_TABLE) -> list[dict]:
    """The "schools by kind of source" table cut into tables of at most `per_table` kinds, each with the
    schools' names again, so a printed page never has to cut a column off."""
    kinds = data["kinds"]
    return [
        {"kinds": kinds[start:start + per_table],
         "rows": [{"name": row["name"], "kinds": row["kinds"][start:start + per_table]} for row in data["rows"]]}
        for start in range(0, len(kinds), per_table)
    ]


def district_html(data) -> str:
    """Landscape pages; the wide table of schools by kind of source is printed as several narrower ones."""
    return render_html("funding/pdf/district.html", {**data, "kind_groups": kind_groups(data)})


def district_pdf(data) -> bytes:
    return pdf.render_pdf(district_html(data))
