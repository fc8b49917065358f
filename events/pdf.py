"""The yearly plan as an A4 PDF (WeasyPrint). One place for the document; the plan page shares its data.

Events are laid out as blocks, not one long table (WeasyPrint's slowest layout); fonts and images go
through one shared cache; the text is DejaVu Sans so Lithuanian letters render."""

import datetime as dt
from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from lithuanian.documents import document_date, genitive_name

from .services.plan import plan_entries

_FONT_CONFIG = None
_IMAGE_CACHE = {}


def _font_config():
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def group_by_month(entries):
    """[(month number, month name, [entries])] in date order."""
    months = []
    for month, items in groupby(entries, key=lambda e: int(e["starts_on"][5:7]) if e["starts_on"] else 0):
        months.append((month, str(MONTHS.get(month, "")).capitalize(), list(items)))
    return months


def document_title(organiser, year, plan=None) -> str:
    """The plan's own title, else the form a centre writes: *Kėdainių švietimo centro 2026 m.
    kvalifikacijos tobulinimo renginių planas* (in Lithuanian; a plain title in another language)."""
    if plan is not None and plan.title:
        return plan.title
    if (translation.get_language() or "lt").startswith("lt"):
        return f"{genitive_name(organiser.name)} {year} m. kvalifikacijos tobulinimo renginių planas"
    return _("Qualification events plan %(year)s") % {"year": year}


def approval_block(organiser, plan=None) -> list[str]:
    """The lines of *PATVIRTINTA … direktoriaus 2026 m. sausio 5 d. įsakymu Nr. V-12*, a Lithuanian
    document formula whatever the language; blanks to fill in by hand until the centre enters the order."""
    number = plan.approval_order_number if plan is not None and plan.approval_order_number else "______"
    day = document_date(plan.approval_order_date if plan is not None else None)
    return ["PATVIRTINTA", f"{genitive_name(organiser.name)} direktoriaus", f"{day} įsakymu Nr. {number}"]


def plan_context(*, organiser, year, month=None, plan=None, entries=None):
    entries = plan_entries(organiser=organiser, year=year, month=month) if entries is None else entries
    for entry in entries:
        entry["starts"] = dt.date.fromisoformat(entry["starts_on"]) if entry["starts_on"] else None
        entry["ends"] = dt.date.fromisoformat(entry["ends_on"]) if entry["ends_on"] else None
        entry["fee_value"] = float(entry["fee"])
    return {
        "organiser": organiser,
        "year": year,
        "document_title": document_title(organiser, year, plan),
        "approval": approval_block(organiser, plan) if not month else None,
        "month": month,
        "month_name": str(MONTHS.get(month, "")).capitalize() if month else "",
        "plan": plan,
        "months": group_by_month(entries),
        "count": len(entries),
        "total_hours": sum(e["academic_hours"] for e in entries),
    }


def render_plan_pdf(*, organiser, year, month=None, plan=None, progress=None, language=None) -> bytes:
    """The plan of `organiser` for `year` (or only `month` of it) as PDF bytes, in Lithuanian by default."""
    from weasyprint import HTML

    with translation.override(language or settings.LANGUAGE_CODE):
        context = plan_context(organiser=organiser, year=year, month=month, plan=plan)
        html = render_to_string("events/pdf/plan.html", context)
    if progress:
        progress(30)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        font_config=_font_config(), cache=_IMAGE_CACHE
    )
    if progress:
        progress(80)
    return document.write_pdf()
