"""Fault tests: a Redis of their own (on a free port from 6390, never the shared one), which they stop and
start, and a real Celery worker on it that they may kill."""

import os
import shutil
import socket
import subprocess
import time
import uuid

import pytest
from django.db import connection
from kombu import pools

from kvalifikacija.celery import app
from tests.conftest import WorkerProcess, require


def _free_port(start=6390):
    for port in range(start, start + 100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port for a private Redis")


class RedisServer:
    """redis-server without persistence (as in the report: a restart loses what it held)."""

    def __init__(self, workdir):
        self.port = _free_port()
        self.workdir = workdir
        self.proc = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/4"

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise RuntimeError("the private Redis did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


class PrivateWorker(WorkerProcess):
    """A worker given time to start on a busy machine; this process's broker connections are renewed
    first (they may point at a Redis that was restarted)."""

    def start(self):
        _fresh_pools(app)
        return super().start()

    def wait_ready(self, timeout=240):
        return super().wait_ready(timeout=timeout)


@pytest.fixture
def private_redis(tmp_path):
    require(shutil.which("redis-server") is not None, "redis-server is not installed")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


def _fresh_pools(app):
    """Connections are pooled per process in kombu's registry, keyed by broker address: close and forget
    them all, so the next use opens new ones (closing only the app's pool would leave the registry
    handing out that closed pool again, to this test and to every test after it)."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    # The result backend keeps its own connection (and pub/sub subscription) per thread: one made before
    # the private Redis restarted would wait forever for results.
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def on_private_redis(private_redis, settings):
    """This process's queue and cache on the private Redis (the cache degrading as in production)."""
    settings.CACHES = {"default": {"BACKEND": "kvalifikacija.cache.ResilientRedisCache", "LOCATION": private_redis.url,
                                   "KEY_PREFIX": f"kv-{uuid.uuid4().hex[:6]}",
                                   "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    settings.PUBLIC_PAGE_CACHE_SECONDS = 30
    previous = (app.conf.broker_url, app.conf.result_backend, app.conf.task_default_queue, app.conf.task_always_eager)
    app.conf.broker_url = private_redis.url
    app.conf.result_backend = private_redis.url
    app.conf.task_default_queue = f"faults-{uuid.uuid4().hex[:8]}"
    app.conf.task_always_eager = False
    _fresh_pools(app)
    yield private_redis
    _fresh_pools(app)
    app.conf.broker_url, app.conf.result_backend, app.conf.task_default_queue, app.conf.task_always_eager = previous


@pytest.fixture
def private_worker(on_private_redis, transactional_db, settings):
    """A real worker on the private Redis and the test database (PostgreSQL); `start()` when wanted."""
    require(connection.vendor == "postgresql", "a real worker shares the test database, which needs PostgreSQL")
    db = connection.settings_dict
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": on_private_redis.url,
        "CELERY_QUEUE": app.conf.task_default_queue,
        "EMAIL_BACKEND": "notices.testing.FileCaptureBackend",
        "KV_CAPTURE_DIR": str(settings.MEDIA_ROOT / "outbox"),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "KV_TESTING": "0",
        "AXES_ENABLED": "0",
    })
    worker = PrivateWorker(env, app.conf.task_default_queue)
    yield worker
    worker.stop()


def wait_for(condition, timeout=60, step=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()
