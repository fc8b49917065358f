"""Concurrent sign-ups for one popular event on PostgreSQL: N teachers (default 200) click "register"
at the same moment for an event with 20 seats. Prints sign-ups per second, the confirmed count (which
must equal the seats) and the waiting-list length.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything .venv/bin/python bench/signups.py \
        [--users 200] [--seats 20] [--concurrency 48]

Only the server part of DATABASE_URL is used (BENCH_PG when it is unset): the benchmark creates its
own throwaway database `kv_bench_signups` (prefix BENCH_DB_PREFIX) and drops it at the end. Each thread has its own database
connection and calls the same service the register view calls; the time includes recording each
teacher's notice in the notice log and handing its delivery to the broker, as in production: the
notices are queued on a private queue in a private, empty Redis database (`--redis`, default
redis://127.0.0.1:6379/14) that no worker reads, and that database is emptied at the end. With
`--redis none` (or when Redis is not reachable) the notices are delivered in process instead, as
with no broker configured (the portal's development default), which is slower.
"""

import argparse
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import PYTHON, cpu_ticks, db_name, report, steal_percent  # noqa: E402

DB_NAME = db_name("signups")


def server_url():
    url = os.environ.get("DATABASE_URL") or os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench/signups.py needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/name")
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def psql(server, sql):
    subprocess.run(["psql", f"{server}/postgres", "-q", "-c", sql], check=True, capture_output=True)


def redis_cli(url, *command):
    parts = urlsplit(url)
    db = (parts.path or "/0").lstrip("/") or "0"
    return subprocess.run(["redis-cli", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 6379), "-n", db,
                           *command], capture_output=True, text=True, timeout=10)


def broker(url):
    """The Redis URL to queue notices on, if it is reachable and its database is empty; else None."""
    if not url or url.lower() == "none":
        return None
    try:
        size = redis_cli(url, "dbsize")
    except (OSError, subprocess.SubprocessError):
        return None
    if size.returncode != 0 or not size.stdout.strip().isdigit():
        return None
    if int(size.stdout.strip()) != 0:
        sys.exit(f"{url} is not empty; give an empty Redis database with --redis (it is emptied afterwards)")
    return url


def prepare(users, seats):
    """A centre, a school, `users` teachers and one published event, created in bulk."""
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from events.models import Event, EventSession
    from people.models import Membership, Organisation, Role, User

    centre = Organisation.objects.create(kind=Organisation.Kind.CENTRE, name="Bench centre")
    school = Organisation.objects.create(kind=Organisation.Kind.SCHOOL, name="Bench school")
    password = make_password("bench12345")
    User.objects.bulk_create([
        User(email=f"bench{n:05d}@example.lt", first_name="Rūta", last_name=f"Žemaitytė {n}", password=password)
        for n in range(users)
    ])
    teachers = list(User.objects.filter(email__startswith="bench").order_by("email"))
    Membership.objects.bulk_create([Membership(user=t, organisation=school, role=Role.TEACHER) for t in teachers])
    day = timezone.localdate() + dt.timedelta(days=14)
    event = Event.objects.create(
        organiser=centre, title="Populiarus seminaras", academic_hours=6, seats=seats, status="published",
        plan_year=day.year, starts_on=day, ends_on=day, outside_working_hours=True,
    )
    EventSession.objects.create(event=event, date=day, start_time=dt.time(10), end_time=dt.time(15))
    return event, teachers


def prepare_warm_up(count):
    """An event with room for everyone and `count` more teachers: each thread signs one of them up
    before the start, so that every process is warm (connections, templates, the broker's producer), as
    a server's workers are."""
    from django.contrib.auth.hashers import make_password

    from events.models import Event
    from people.models import Membership, Organisation, Role, User

    school = Organisation.objects.get(name="Bench school")
    original = Event.objects.get(title="Populiarus seminaras")
    warm = Event.objects.get(pk=original.pk)
    warm.pk = None
    warm.title, warm.seats = "Įšilimas", 0
    warm.save()
    User.objects.bulk_create([User(email=f"warm{n:05d}@example.lt", first_name="Jonas", last_name=f"Šiltas {n}",
                                   password=make_password(None)) for n in range(count)])
    people = list(User.objects.filter(email__startswith="warm").order_by("email"))
    Membership.objects.bulk_create([Membership(user=t, organisation=school, role=Role.TEACHER) for t in people])
    return warm, people


def _sign_up(event, chunk, outcomes, lock):
    from events.services import errors
    from events.services import registration as signup

    for person in chunk:
        try:
            status = signup.register(event=event, teacher=person).status
        except errors.RegistrationError:
            status = "refused"
        except Exception:  # noqa: BLE001 - counted and reported
            status = "errors"
        with lock:
            outcomes[status] = outcomes.get(status, 0) + 1


def _process(event, chunks, warm_up, ready, go, results):
    """One server-like process: a thread per chunk, each with its own database connection, warm (one
    sign-up to the warm-up event each) before the start. Reports its outcomes and its CPU seconds."""
    from django.db import connections

    connections.close_all()  # never share the parent's connections
    outcomes, lock = {}, threading.Lock()
    connected = threading.Barrier(len(chunks) + 1)
    warm_event, warm_people = warm_up

    def thread(chunk, person):
        try:
            connections["default"].ensure_connection()  # a server's connections are already open (CONN_MAX_AGE)
            _sign_up(warm_event, [person], {}, threading.Lock())
            connected.wait()
            go.wait()
            _sign_up(event, chunk, outcomes, lock)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=thread, args=(chunk, person)) for chunk, person in zip(chunks, warm_people, strict=True)]
    for t in threads:
        t.start()
    connected.wait()
    cpu = time.process_time()
    ready.release()
    for t in threads:
        t.join()
    results.put((outcomes, time.process_time() - cpu))


def run(event, teachers, concurrency, processes, warm_up):
    """`concurrency` clients at once, spread over `processes` processes (as gunicorn spreads requests over
    its workers; one Python process alone is bound by its interpreter lock)."""
    from django.db import connections

    connections.close_all()
    chunks = [teachers[i::concurrency] for i in range(concurrency)]
    per_process = [chunks[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("fork")
    ready, go, results = context.Semaphore(0), context.Event(), context.Queue()
    warm_event, warm_people = warm_up
    workers = [context.Process(target=_process, args=(event, part, (warm_event, warm_people[i::processes]), ready, go,
                                                      results)) for i, part in enumerate(per_process)]
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.acquire()
    ticks = cpu_ticks()
    started = time.perf_counter()
    go.set()
    totals = {}
    cpu = 0.0
    for _ in workers:
        outcomes, seconds = results.get(timeout=600)
        cpu += seconds
        for status, count in outcomes.items():
            totals[status] = totals.get(status, 0) + count
    elapsed = time.perf_counter() - started
    steal = steal_percent(ticks, cpu_ticks())
    for worker in workers:
        worker.join()
    return elapsed, totals, cpu, steal


def profile(event, teachers):
    """The sign-ups one after another in this process: the first half unprofiled (wall and CPU
    milliseconds of this process per sign-up), the second half under pyinstrument (where the time goes)."""
    from pyinstrument import Profiler

    outcomes, lock = {}, threading.Lock()
    _sign_up(event, teachers[:5], outcomes, lock)  # warm: templates, connection, compiled queries
    half = (len(teachers) + 5) // 2
    started, cpu = time.perf_counter(), time.process_time()
    _sign_up(event, teachers[5:half], outcomes, lock)
    count = max(1, half - 5)
    report("sequential_wall_ms_per_signup", (time.perf_counter() - started) * 1000 / count)
    report("sequential_cpu_ms_per_signup", (time.process_time() - cpu) * 1000 / count)
    if os.environ.get("BENCH_CPROFILE"):
        import cProfile
        import pstats

        cpu_profiler = cProfile.Profile(time.process_time)
        cpu_profiler.runcall(_sign_up, event, teachers[half:], outcomes, lock)
        pstats.Stats(cpu_profiler).sort_stats(os.environ["BENCH_CPROFILE"]).print_stats(45)
        return
    profiler = Profiler(interval=0.0005)
    with profiler:
        _sign_up(event, teachers[half:], outcomes, lock)
    print(profiler.output_text(unicode=True, color=False, show_all=os.environ.get("BENCH_PROFILE_ALL") == "1"))
    report("outcomes", outcomes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seats", type=int, default=20)
    # Default: what two gunicorn workers with eight threads each bring to the database (16 connections).
    parser.add_argument("--concurrency", type=int, default=16, help="threads, each with its own connection")
    parser.add_argument("--processes", type=int, default=2, help="processes the threads are spread over")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    parser.add_argument("--profile", action="store_true",
                        help="sign the teachers up one after another in this process under pyinstrument and "
                             "print where the time of a sign-up goes (no concurrency)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14",
                        help="an EMPTY Redis database for the notice queue (emptied afterwards), or 'none'")
    args = parser.parse_args()

    server = server_url()
    psql(server, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    psql(server, f"CREATE DATABASE {DB_NAME}")
    # Production settings: DEBUG off (Django then does not record every query in memory).
    env = dict(os.environ, DATABASE_URL=f"{server}/{DB_NAME}", KV_TESTING="0", AXES_ENABLED="0", DEBUG="0",
               SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop"),
               ALLOWED_HOSTS="127.0.0.1,localhost")
    env.pop("REDIS_URL", None)
    redis_url = broker(args.redis)
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        os.environ.update({k: env[k] for k in ("DATABASE_URL", "KV_TESTING", "AXES_ENABLED", "DEBUG", "SECRET_KEY",
                                               "ALLOWED_HOSTS")})
        os.environ.pop("REDIS_URL", None)
        if redis_url:
            os.environ.update(REDIS_URL=redis_url, CELERY_QUEUE="bench-signups-nobody-reads")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kvalifikacija.settings")
        import django

        django.setup()
        import logging

        from django.conf import settings
        from django.db import connection

        logging.getLogger("celery").setLevel(logging.WARNING)
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

        from events.models import Registration

        with connection.cursor() as cursor:
            cursor.execute("SHOW max_connections")
            max_connections = int(cursor.fetchone()[0])
        concurrency = max(1, min(args.concurrency, args.users, max_connections - 15))
        event, teachers = prepare(args.users, args.seats)
        if args.profile:
            profile(event, teachers)
            return
        connection.close()
        warm_up = prepare_warm_up(concurrency)
        connection.close()
        elapsed, outcomes, cpu, steal = run(event, teachers, concurrency, max(1, min(args.processes, concurrency)), warm_up)

        confirmed = Registration.objects.filter(event=event).holding_seats().count()
        waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED).count()
        report("notice_delivery", "queued in Redis (production)" if redis_url else "in process (no broker)")
        report("users", args.users)
        report("seats", args.seats)
        report("processes", max(1, min(args.processes, concurrency)))
        report("threads", concurrency)
        report("elapsed_seconds", elapsed)
        report("signups_per_second", args.users / elapsed)
        report("python_cpu_ms_per_signup", cpu * 1000 / args.users)  # the processes' own CPU, whatever else runs
        report("cpu_steal_percent", steal)  # the machine's CPU taken by its host meanwhile (a virtual machine)
        report("confirmed", confirmed)
        report("waitlisted", waiting)
        report("refused_cleanly", outcomes.get("refused", 0))
        report("errors", outcomes.get("errors", 0))
        report("seats_respected", "yes" if confirmed == min(args.seats, args.users) else "NO")
        connection.close()
        if confirmed != min(args.seats, args.users) or outcomes.get("errors"):
            sys.exit(1)
    finally:
        if redis_url:
            redis_cli(redis_url, "flushdb")
        if not args.keep:
            psql(server, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    main()
