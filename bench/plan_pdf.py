"""The yearly plan PDF for 1,000 events: seconds and pages, and the ratio to WeasyPrint rendering a
plain table of the same content (the floor any typeset plan is compared with).

    .venv/bin/python bench/plan_pdf.py [--events 1000]
"""

import argparse
import html
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import demo_database, report, setup_django  # noqa: E402
from bench.throughput import top_up_events  # noqa: E402


def plain_table_html(events):
    rows = "".join(
        f"<tr><td>{html.escape(str(e.starts_on))}</td><td>{html.escape(e.title)}</td><td>{html.escape(e.get_form_display())}</td><td>{html.escape(e.place)}</td><td>{e.academic_hours}</td><td>{e.fee}</td></tr>"
        for e in events
    )
    return (
        "<html><head><meta charset='utf-8'><style>@page{size:A4;margin:15mm} body{font-family:'DejaVu Sans';"
        "font-size:9pt} td{border:1px solid #999;padding:2px}</style></head><body><h1>Planas</h1>"
        f"<table>{rows}</table></body></html>"
    )


def pages(pdf_bytes):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf_bytes)).pages)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    with demo_database("kv_bench_pdf") as env:
        setup_django(env)
        from django.utils import timezone
        from weasyprint import HTML

        from events.models import Event
        from events.pdf import render_plan_pdf
        from people.models import Organisation

        year = timezone.localdate().year
        total = top_up_events(args.events)
        centre = Organisation.objects.filter(kind="centre").first()
        events = list(Event.objects.filter(plan_year=year).published().order_by("starts_on", "pk"))
        report("events", total)

        started = time.perf_counter()
        plan = render_plan_pdf(organiser=centre, year=year)
        plan_seconds = time.perf_counter() - started
        report("plan_pdf_seconds", plan_seconds)
        report("plan_pdf_pages", pages(plan))

        started = time.perf_counter()
        table = HTML(string=plain_table_html(events)).write_pdf()
        table_seconds = time.perf_counter() - started
        report("plain_table_seconds", table_seconds)
        report("plain_table_pages", pages(table))
        report("plan_to_plain_table_ratio", plan_seconds / table_seconds)


if __name__ == "__main__":
    main()
