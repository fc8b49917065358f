"""CPU time per request of the pages signed-in people open, in process (Django's test client, production
settings, DEBUG=0), on the district of `bench/signed_in.py` built `--scale` times larger.

Unlike the throughput benchmark this measures the portal's own work, not the machine: the CPU time of
this process per request (`time.process_time`, so neither PostgreSQL's time nor other programs on a busy
machine count), the wall time per request, and the number of queries of a warm request. The trivial
view `/healthz/` is measured the same way, so `cpu ÷ trivial` says how many trivial views one page costs
(a page at ≥ 0.10 of the trivial view's throughput must cost about ten trivial views or less).

    .venv/bin/python bench/profile_pages.py [--scale 1] [--iterations 40] [--reuse] [--keep]
                                            [--redis URL] [--uncached] [--pages catalogue_teacher,...]
                                            [--profile PAGE]

`--uncached` turns the signed-in pages' cache off (kvalifikacija.viewer_cache), so every request renders
its page: the query counts are then those of a rendering. `--reuse` keeps using the database built by an earlier `--keep` run (named like signed_in.py's);
`--profile PAGE` prints cProfile's figures (CPU time) of that page over the iterations.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, db_name, psql, report, setup_django  # noqa: E402
from bench.signed_in import build, sessions_and_paths  # noqa: E402


def database_exists(name):
    out = subprocess.run(["psql", bench_env(name)["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres", "-tAc",
                          f"SELECT 1 FROM pg_database WHERE datname = '{name}'"], capture_output=True, text=True)
    return out.stdout.strip() == "1"


def measure(paths, users, iterations, only, profile):
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rows = {}
    for name, (email, path) in paths.items():
        if only and name not in only and name != "trivial_view":
            continue
        client = Client()
        if email:
            client.force_login(users[email], backend="people.backends.PeopleBackend")
        for _ in range(3):  # warm: caches, templates, connection
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{name} {path} answered {response.status_code}")
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        queries = len(ctx)
        reset_queries()
        profiler = None
        if profile == name:
            profiler = cProfile.Profile(time.process_time)  # CPU time, not time spent waiting
            profiler.enable()
        cpu, wall = [], []
        for _ in range(iterations):
            c0, w0 = time.process_time(), time.perf_counter()
            client.get(path)
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
        if profiler:
            profiler.disable()
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(60)
            stats.sort_stats("tottime").print_stats(30)
        rows[name] = (statistics.median(cpu) * 1000, statistics.median(wall) * 1000, queries,
                      len(response.content))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--pages", default="")
    parser.add_argument("--profile", default="", help="a page name: print its cProfile figures (CPU time)")
    parser.add_argument("--redis", default="", help="an EMPTY Redis database for the cache (emptied afterwards)")
    parser.add_argument("--uncached", action="store_true",
                        help="the signed-in pages' cache off (VIEWER_PAGE_CACHE_SECONDS=0): every page rendered")
    parser.add_argument("--reuse", action="store_true", help="use the database of an earlier --keep run")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    only = {p for p in args.pages.split(",") if p}

    name = db_name(f"signed_in_{args.scale}")
    if args.reuse and database_exists(name):
        env = bench_env(name, PUBLIC_PAGE_CACHE_SECONDS="0")
    else:
        name, env = build(args.scale, args.keep)
    if args.redis:
        env = dict(env, REDIS_URL=args.redis)
    if args.uncached:
        os.environ["VIEWER_PAGE_CACHE_SECONDS"] = "0"
    try:
        setup_django(env)
        cookies, paths = sessions_and_paths()
        users = {email: user for email, (_cookie, user) in cookies.items()}
        rows = measure(paths, users, args.iterations, only, args.profile)
        trivial = rows["trivial_view"][0]
        print(f"\nscale {args.scale}: page | CPU ms/request | wall ms | CPU ÷ trivial view | queries | KiB",
              flush=True)
        for page, (cpu, wall, queries, size) in rows.items():
            print(f"  {page} | {cpu:.2f} | {wall:.2f} | {cpu / trivial:.1f} | {queries} | {size / 1024:.0f}",
                  flush=True)
            report(f"scale_{args.scale}_{page}_cpu_ms", cpu)
    finally:
        if args.redis:
            subprocess.run(["redis-cli", "-u", args.redis, "flushdb"], capture_output=True, timeout=10)
        if not (args.keep or args.reuse):
            from django.db import connections

            connections.close_all()
            psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
