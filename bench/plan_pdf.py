"""The yearly plan PDF for 1,000 events: seconds and pages, and the ratio to WeasyPrint rendering a
plain table of the same content (every field the plan prints for each event, one row per event) —
the floor any typeset plan is compared with.

Both documents come from the same plan entries, use the same font, and run after a warm-up render (so
neither pays for loading fonts); each is rendered `--repeat` times and the fastest run counts, because
the machine is shared. The process's peak memory is printed at the end (`peak_memory_mb`).

    .venv/bin/python bench/plan_pdf.py [--events 1000] [--repeat 2]
"""

import argparse
import html
import io
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import db_name, demo_database, report, setup_django  # noqa: E402
from bench.throughput import top_up_events  # noqa: E402

COLUMNS = ("starts_on", "ends_on", "title", "form", "delivery_mode", "registry_code", "place", "academic_hours",
           "fee", "seats", "audience", "lecturers", "provider", "sessions")


def cell(entry, key):
    value = entry[key]
    if key == "sessions":
        value = "; ".join(f"{d} {start}–{end}" for d, start, end, _place in value)
    return html.escape(str(value))


def plain_table_html(entries):
    rows = "".join("<tr>" + "".join(f"<td>{cell(e, key)}</td>" for key in COLUMNS) + "</tr>" for e in entries)
    return (
        "<html><head><meta charset='utf-8'><style>@page{size:A4 landscape;margin:12mm} "
        "body{font-family:'DejaVu Sans';font-size:7pt} table{border-collapse:collapse} "
        "td{border:0.5pt solid #999;padding:1pt}</style></head><body><h1>Planas</h1>"
        f"<table>{rows}</table></body></html>"
    )


def pages(pdf_bytes):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf_bytes)).pages)


def fastest(repeat, work):
    best, result = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - started
        best = seconds if best is None else min(best, seconds)
    return best, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with demo_database(db_name("pdf")) as env:
        setup_django(env)
        from django.utils import timezone
        from weasyprint import HTML

        from events.pdf import render_plan_pdf
        from events.services.plan import plan_entries
        from people.models import Organisation

        year = timezone.localdate().year
        total = top_up_events(args.events)
        centre = Organisation.objects.filter(kind="centre").first()
        report("events", total)
        HTML(string="<p style='font-family:\"DejaVu Sans\"'>Šilas</p>").write_pdf()  # warm-up: fonts

        table_seconds, table = fastest(
            args.repeat, lambda: HTML(string=plain_table_html(plan_entries(organiser=centre, year=year))).write_pdf())
        report("plain_table_seconds", table_seconds)
        report("plain_table_pages", pages(table))

        plan_seconds, plan = fastest(args.repeat, lambda: render_plan_pdf(organiser=centre, year=year))
        report("plan_pdf_seconds", plan_seconds)
        report("plan_pdf_pages", pages(plan))
        report("plan_to_plain_table_ratio", plan_seconds / table_seconds)
        # The process's peak resident memory: Django, the data and both renders (an upper bound of the plan's).
        report("peak_memory_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


if __name__ == "__main__":
    main()
