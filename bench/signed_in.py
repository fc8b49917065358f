"""The pages signed-in people open, under gunicorn (2 workers × 4 threads, DEBUG=0) on PostgreSQL, each as
requests per second, p95 latency and ratio to the trivial view (/healthz/) measured in the same run on the
same server, with 8 keep-alive clients carrying the session cookies of real demo users. The trivial view
is measured for half as long just before each page; the ratios are to the median of those figures (one
figure taken at the start would drift with the share of CPU a virtual machine's host takes meanwhile).

`--scale N` builds the district N times larger (bench/district.py: N × 300 teachers, N × 1,000 events this
year, registrations and certificates in the demo's proportion). For every scale it prints each page's
query count (a warm second request through Django's test client as that user) and its figures; with
several scales (`--scale 1 10`) it then compares every page with the first scale: the query count must be
equal and the ratio at least half.

The anonymous page cache is off in this run (PUBLIC_PAGE_CACHE_SECONDS=0): the anonymous catalogue and
the plan page are the uncached ones of the issue. Caches are per process (no Redis) unless `--redis URL`
names an EMPTY Redis database (it is emptied afterwards).

    .venv/bin/python bench/signed_in.py [--scale 1 10] [--seconds 6] [--concurrency 8] [--pages catalogue,...]
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, db_name, gunicorn, load, manage, psql, report, request, setup_django  # noqa: E402

TEACHER, DIRECTOR, CENTRE, DISTRICT = "mokytoja@demo.lt", "direktore@demo.lt", "centras@demo.lt", "savivaldybe@demo.lt"

# name → (user or None for anonymous, path; {event}, {busy_event} and {year} are filled in)
PAGES = {
    "trivial_view": (None, "/healthz/"),
    "catalogue_teacher": (TEACHER, "/renginiai/"),
    "catalogue_anonymous_uncached": (None, "/renginiai/"),
    "event_page_teacher": (TEACHER, "/renginiai/{event}/"),
    "my_events": (TEACHER, "/mano/renginiai/"),
    "record": (TEACHER, "/mano/aplankas/"),
    "my_requests": (TEACHER, "/prasymai/"),
    "director_queue": (DIRECTOR, "/prasymai/direktoriui/"),
    "school_teachers": (DIRECTOR, "/mokykla/mokytojai/"),
    "centre_events": (CENTRE, "/centras/renginiai/"),
    "registrants": (CENTRE, "/centras/renginiai/{busy_event}/dalyviai/"),
    "district_report": (DISTRICT, "/lesos/rajonas/"),
    "plan_page_uncached": (None, "/planas/{year}/"),
}


def build(scale, keep):
    """A database with the demo district made `scale` times larger; returns its environment."""
    name = db_name(f"signed_in_{scale}")
    env = bench_env(name, PUBLIC_PAGE_CACHE_SECONDS="0")
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(f"CREATE DATABASE {name}")
    started = time.perf_counter()
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", "--force", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)  # the manifest DEBUG=0 pages need
    seeded = time.perf_counter()
    script = (
        "import json, sys; sys.path.insert(0, '.'); import django; django.setup();"
        "from bench.district import scale_district;"
        f"print(json.dumps(scale_district({scale})))"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parent.parent,
                         env=dict(env, DJANGO_SETTINGS_MODULE="kvalifikacija.settings"), check=False,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError("building the district failed:\n" + out.stderr[-3000:])
    report(f"scale_{scale}_district", out.stdout.strip().splitlines()[-1])
    report(f"scale_{scale}_seed_seconds", seeded - started)
    report(f"scale_{scale}_build_seconds", time.perf_counter() - seeded)
    subprocess.run(["psql", env["DATABASE_URL"], "-q", "-c", "ANALYZE"], check=True, capture_output=True)
    return name, env


def sessions_and_paths():
    """A session for each demo user and the concrete paths (this process is set up against the database)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db.models import Count, Q
    from django.utils import timezone

    from events.models import Event, Registration
    from people.models import User

    engine = import_module(settings.SESSION_ENGINE)
    cookies = {}
    for email in {TEACHER, DIRECTOR, CENTRE, DISTRICT}:
        user = User.objects.get(email=email)
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies[email] = (f"{settings.SESSION_COOKIE_NAME}={session.session_key}", user)
    today = timezone.localdate()
    event = Event.objects.published().filter(status=Event.Status.PUBLISHED, starts_on__gte=today).order_by(
        "starts_on", "pk").first()
    busy = Event.objects.annotate(n=Count("registrations", filter=Q(
        registrations__status__in=list(Registration.SEAT_HOLDING) + [Registration.Status.ATTENDED]))).filter(
        title__regex=r"[^)]$").order_by("-n", "pk").first()
    values = {"event": event.pk, "busy_event": busy.pk, "year": today.year}
    report("registrants_event_people", busy.n)
    return cookies, {name: (user, path.format(**values)) for name, (user, path) in PAGES.items()}


def query_counts(cookies, paths):
    """Queries of a warm request (the second) to each page, as its user, through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, (email, path) in paths.items():
        client = Client()
        if email:
            client.force_login(cookies[email][1], backend="django.contrib.auth.backends.ModelBackend")
        first = client.get(path)
        if first.status_code != 200:
            raise RuntimeError(f"{name} {path} answered {first.status_code} to {email or 'anonymous'}")
        if email and cookies[email][1].get_full_name() not in first.content.decode():
            raise RuntimeError(f"{name} {path} does not show {email}'s name: signed in as someone else?")
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        counts[name] = len(ctx)
    return counts


def measure(env, cookies, paths, seconds, concurrency, only):
    """{page: (requests/s, errors, p95 seconds, requests/s of /healthz/ measured just before it)}; the
    trivial view's own entry is the median of those. The trivial view is measured next to every page, so
    its figure spans the whole run: on a virtual machine whose host takes a varying share of its CPU, one
    figure taken at the start would make the ratios drift with the host, not with the pages."""
    results = {}
    with gunicorn(env) as port:
        load(port, "/healthz/", seconds=1.5, concurrency=concurrency)  # warm-up of the workers
        for name, (email, path) in paths.items():
            if name == "trivial_view" or (only and name not in only):
                continue
            cookie = cookies[email][0] if email else None
            status, _, _ = request("127.0.0.1", port, path, cookie=cookie)
            if status != 200:
                raise RuntimeError(f"{name} {path} answered {status} under gunicorn")
            load(port, path, seconds=min(1.0, seconds / 4), concurrency=concurrency, cookie=cookie)  # warm caches
            trivial = load(port, "/healthz/", seconds=seconds / 2, concurrency=concurrency, stats=True)
            page = load(port, path, seconds=seconds, concurrency=concurrency, cookie=cookie, stats=True)
            results[name] = (*page, trivial[0])
            results.setdefault("trivial_view", []).append(trivial)
    trivial = sorted(results["trivial_view"], key=lambda r: r[0])
    median = trivial[len(trivial) // 2]
    results["trivial_view"] = (*median, median[0])
    return results


def one_scale(args, only):
    """Build, count and measure one scale in this process; returns (query counts, ratios)."""
    scale = args.scale[0]
    name, env = build(scale, args.keep)
    if args.redis:
        env = dict(env, REDIS_URL=args.redis)
    try:
        setup_django(env)
        from django.db import connections

        cookies, paths = sessions_and_paths()
        counts = query_counts(cookies, paths)
        connections.close_all()
        for page, count in counts.items():
            report(f"scale_{scale}_{page}_queries", count)
        results = measure(env, cookies, paths, args.seconds, args.concurrency, only)
        print(f"\nscale {scale}: page | requests/s | ratio to /healthz/ | p95 ms | errors | queries | /healthz/ "
              "just before (the ratio is to the median of these, the trivial view's row)", flush=True)
        results = {"trivial_view": results.pop("trivial_view"), **results}
        trivial = results["trivial_view"][0]
        for page, (rps, errors, p95, before) in results.items():
            print(f"  {page} | {rps:.1f} | {rps / trivial:.3f} | {p95 * 1000:.0f} | {errors} | {counts[page]} | "
                  f"{before:.0f}", flush=True)
        print(flush=True)
        return counts, {page: r[0] / trivial for page, r in results.items()}
    finally:
        if args.redis:
            subprocess.run(["redis-cli", "-u", args.redis, "flushdb"], capture_output=True, timeout=10)
        if not args.keep:
            from django.db import connections

            connections.close_all()
            psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, nargs="+", default=[1])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--pages", default="", help="comma-separated page names to measure (all by default)")
    parser.add_argument("--redis", default="", help="an EMPTY Redis database for the cache (emptied afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--json", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    only = {p for p in args.pages.split(",") if p}

    if len(args.scale) == 1:
        counts, ratios = one_scale(args, only)
        if args.json:
            Path(args.json).write_text(json.dumps([counts, ratios]))
        return
    # Several scales: each in its own process (Django is set up against one database per process).
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scale:
            out = Path(tmp) / f"{scale}.json"
            command = [sys.executable, __file__, "--scale", str(scale), "--seconds", str(args.seconds),
                       "--concurrency", str(args.concurrency), "--pages", args.pages, "--redis", args.redis,
                       "--json", str(out)] + (["--keep"] if args.keep else [])
            if subprocess.run(command).returncode != 0:
                sys.exit(1)
            figures[scale] = json.loads(out.read_text())
    base_scale = args.scale[0]
    base_counts, base_ratios = figures[base_scale]
    failed = False
    for scale in args.scale[1:]:
        counts, ratios = figures[scale]
        for page in ratios:
            same = counts[page] == base_counts[page]
            kept = ratios[page] >= base_ratios[page] / 2
            failed |= not (same and kept)
            report(f"scale_{scale}_vs_{base_scale}_{page}",
                   f"queries {base_counts[page]} -> {counts[page]} ({'equal' if same else 'DIFFERENT'}), ratio "
                   f"{base_ratios[page]:.3f} -> {ratios[page]:.3f} ({'kept' if kept else 'LESS THAN HALF'})")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
