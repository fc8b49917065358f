"""Shared pieces of the benchmarks: a throwaway PostgreSQL database with the demo district, a
gunicorn server with production settings on loopback, and a bounded HTTP load generator.

Benchmarks print figures as `name: value` lines; they are not part of the test suite.
"""

import http.client
import os
import secrets
import socket
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
# Every database a benchmark creates starts with this prefix (e.g. BENCH_DB_PREFIX=kv_speed on a shared server).
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "kv_bench")


def db_name(suffix):
    return f"{DB_PREFIX}_{suffix}"


def database_url(name):
    return f"{PG}/{name}"


def psql(sql):
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", sql], check=True, capture_output=True)


def manage(*args, env=None, check=True):
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=False, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done


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
def demo_database(name=None, keep=False):
    """A fresh database with migrations and the demo district; dropped afterwards unless keep=True."""
    name = name or db_name("demo")
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
        "DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "KV_TESTING", "AXES_ENABLED",
        "PUBLIC_PAGE_CACHE_SECONDS", "REDIS_URL"}})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kvalifikacija.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def listening_socket():
    """A socket bound by this process to a free loopback port (the kernel picks it) and listening.
    gunicorn is handed this very socket (fd://), so nothing else can be answering on its port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


@contextmanager
def gunicorn(env, workers=2, threads=4):
    """gunicorn with production settings on a free loopback port; yields the port.

    The benchmark binds the port itself and passes the socket to gunicorn, then checks that the answering
    server is its own: /healthz/ must carry the one-off token given to this gunicorn in its environment
    (BENCH_SERVER_TOKEN, added to every response by bench/wsgi_app.py around the unchanged portal) and the
    gunicorn process must be alive."""
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    sock = listening_socket()
    port = sock.getsockname()[1]
    token = secrets.token_hex(16)
    proc = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "bench.wsgi_app:application", "--bind", f"fd://{sock.fileno()}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
         "--log-level", "warning"],
        cwd=ROOT, env=dict(env, BENCH_SERVER_TOKEN=token), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        pass_fds=(sock.fileno(),),
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start: " + proc.stderr.read().decode(errors="replace")[-2000:])
            try:
                status, headers, _ = request("127.0.0.1", port, "/healthz/")
                if status == 200:
                    if headers.get("X-Bench-Server") != token:
                        raise RuntimeError(f"the server on port {port} is not this benchmark's gunicorn")
                    break
            except OSError:
                pass
            time.sleep(0.3)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        sock.close()


def request(host, port, path, cookie=None, timeout=900):
    """One GET; the generous timeout lets a first, uncached rendering of a big page finish."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def get(host, port, path):
    status, _, body = request(host, port, path)
    return status, body


def load(port, path, seconds=8.0, concurrency=8, max_requests=100_000, cookie=None, stats=False):
    """Keep-alive GETs from `concurrency` threads for `seconds` (bounded); returns (rps, errors), or with
    stats=True (rps, errors, p95 seconds). Anything but 200 (a redirect to the sign-in page too) is an error."""
    stop = time.monotonic() + seconds
    counts = [0] * concurrency
    errors = [0] * concurrency
    latencies = [[] for _ in range(concurrency)]
    total_cap = max_requests // concurrency
    headers = {"Cookie": cookie} if cookie else {}

    def worker(index):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.monotonic() < stop and counts[index] < total_cap:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[index] += 1
                counts[index] += 1
                latencies[index].append(time.perf_counter() - started)
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    rps = sum(counts) / elapsed
    if not stats:
        return rps, sum(errors)
    every = sorted(t for part in latencies for t in part)
    p95 = every[min(len(every) - 1, int(len(every) * 0.95))] if every else float("nan")
    return rps, sum(errors), p95


def cpu_ticks():
    """(steal, total) CPU ticks of the machine so far (Linux /proc/stat; zeros elsewhere)."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def steal_percent(before, after):
    """The share of the machine's CPU time the hypervisor gave to other machines between two
    `cpu_ticks()` readings: a figure measured while it was high is not the program's alone."""
    total = after[1] - before[1]
    return 100.0 * (after[0] - before[0]) / total if total else 0.0


def report(name, value, unit=""):
    if isinstance(value, float):
        value = f"{value:.2f}"
    print(f"{name}: {value}{(' ' + unit) if unit else ''}", flush=True)
