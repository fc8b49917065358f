"""Catalogue, event page and yearly plan page throughput under gunicorn on PostgreSQL, with the demo
year topped up to 1,000 events, as requests per second and as a ratio to a trivial Django view
(/healthz/) measured in the same run on the same server. Also the catalogue's query count for 10 and
1,000 events.

The pages are measured twice: as anonymous visitors get them (served from the anonymous page cache,
events/page_cache.py, after the first request) and with that cache switched off
(PUBLIC_PAGE_CACHE_SECONDS=0), i.e. every request rendered from the database.

    .venv/bin/python bench/throughput.py [--seconds 8] [--concurrency 8] [--no-uncached]
"""

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import db_name, demo_database, gunicorn, load, report, setup_django  # noqa: E402


def top_up_events(target):
    from django.utils import timezone

    from events.models import Event, EventSession
    from people.models import Organisation

    centre = Organisation.objects.filter(kind="centre").first()
    year = timezone.localdate().year
    have = Event.objects.filter(plan_year=year).published().count()
    new = []
    for n in range(max(target - have, 0)):
        day = dt.date(year, 1, 1) + dt.timedelta(days=n % 360)
        new.append(Event(organiser=centre, title=f"Seminaras „Kūrybiškumas pamokoje“ Nr. {n + 1}",
                         form="seminaras", academic_hours=6, seats=30, status="published", plan_year=year,
                         starts_on=day, ends_on=day, place="Švietimo centras", published_at=timezone.now()))
    created = Event.objects.bulk_create(new, batch_size=500)
    EventSession.objects.bulk_create(
        [EventSession(event=e, date=e.starts_on, start_time=dt.time(10), end_time=dt.time(15)) for e in created],
        batch_size=500,
    )
    return Event.objects.filter(plan_year=year).published().count()


def catalogue_queries():
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # count the queries of a rendered page, not a cached one
    client = Client()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/renginiai/").status_code == 200
    return len(ctx)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--no-uncached", action="store_true", help="skip the run with the page cache off")
    args = parser.parse_args()

    with demo_database(db_name("http")) as env:
        setup_django(env)
        from django.utils import timezone

        from events.models import Event

        year = timezone.localdate().year
        # Query count with few events: hide all but 10, then with 1,000.
        published = list(Event.objects.filter(plan_year=year).published().values_list("pk", flat=True))
        hidden = published[10:]
        Event.objects.filter(pk__in=hidden).update(status="draft")
        report("catalogue_queries_10_events", catalogue_queries())
        Event.objects.filter(pk__in=hidden).update(status="published")
        total = top_up_events(1000)
        report("events_in_plan_year", total)
        report("catalogue_queries_1000_events", catalogue_queries())
        event_id = Event.objects.filter(plan_year=year, status="published").order_by("pk").values_list(
            "pk", flat=True).first()

        paths = {
            "trivial_view": "/healthz/",
            "catalogue": "/renginiai/",
            "event_page": f"/renginiai/{event_id}/",
            "plan_page": f"/planas/{year}/",
        }
        runs = [("", env)]
        if not args.no_uncached:
            runs.append(("uncached_", dict(env, PUBLIC_PAGE_CACHE_SECONDS="0")))
        for prefix, run_env in runs:
            with gunicorn(run_env) as port:
                load(port, "/healthz/", seconds=2, concurrency=args.concurrency)  # warm-up
                results = {}
                for name, path in paths.items():
                    rps, errors = load(port, path, seconds=args.seconds, concurrency=args.concurrency)
                    results[name] = rps
                    report(f"{prefix}{name}_rps", rps)
                    if errors:
                        report(f"{prefix}{name}_errors", errors)
                for name in ("catalogue", "event_page", "plan_page"):
                    report(f"{prefix}{name}_ratio_to_trivial", results[name] / results["trivial_view"])


if __name__ == "__main__":
    main()
