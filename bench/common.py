"""Shared pieces of the benchmarks: a throwaway PostgreSQL database with the demo district, a
gunicorn server with production settings on loopback, and a bounded HTTP load generator.

Benchmarks print figures as `name: value` lines; they are not part of the test suite.
"""

import http.client
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv/bin/python").exists() else sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SECRET = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def database_url(name):
    return f"{PG}/{name}"


def psql(sql):
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", sql], check=True, capture_output=True)


def manage(*args, env=None, check=True):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=check, capture_output=True,
                          text=True)


def bench_env(db_name, **extra):
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url(db_name), "DEBUG": "0", "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "SECURE_SSL_REDIRECT": "0", "KV_TESTING": "0",
        "AXES_ENABLED": "0", "DB_CONN_MAX_AGE": "600",
    })
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


@contextmanager
def demo_database(name="kv_bench", keep=False):
    """A fresh database with migrations and the demo district; dropped afterwards unless keep=True."""
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name}")
    env = bench_env(name)
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", "--force", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)  # the manifest DEBUG=0 pages need
    try:
        yield env
    finally:
        if not keep:
            psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def setup_django(env):
    """Configure Django in this process against the bench database."""
    os.environ.update({k: v for k, v in env.items() if k in {
        "DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "KV_TESTING", "AXES_ENABLED"}})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kvalifikacija.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


@contextmanager
def gunicorn(env, port=8765, workers=2):
    """gunicorn with production settings on 127.0.0.1 (loopback only)."""
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    proc = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "kvalifikacija.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", "4", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = get("127.0.0.1", port, "/healthz/")
                if status == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start: " + proc.stderr.read().decode(errors="replace")[-2000:])
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def get(host, port, path):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def load(port, path, seconds=8.0, concurrency=8, max_requests=100_000):
    """Keep-alive GETs from `concurrency` threads for `seconds` (bounded); returns (rps, errors)."""
    stop = time.monotonic() + seconds
    counts = [0] * concurrency
    errors = [0] * concurrency
    total_cap = max_requests // concurrency

    def worker(index):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop and counts[index] < total_cap:
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[index] += 1
                counts[index] += 1
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return sum(counts) / elapsed, sum(errors)


def report(name, value, unit=""):
    if isinstance(value, float):
        value = f"{value:.2f}"
    print(f"{name}: {value}{(' ' + unit) if unit else ''}", flush=True)
