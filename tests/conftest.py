"""Shared test harness.

- Celery runs eagerly in process unless a test asks for `celery_worker_process`, which starts a real
  worker against Redis and PostgreSQL (REDIS_URL and DATABASE_URL set, as in CI).
- `page` is a Playwright page in Debian's Chromium, headless.
- A test that needs a service it cannot reach fails in CI (CI=true) and skips elsewhere.
- `centre` is an education centre and `staff` a member of its staff (not signed in), for any test that
  needs them; a module that needs another centre or a signed-in `staff` says so with its own fixture.
"""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery._state import _set_task_join_will_block, _task_stack
from django.core.cache import cache
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from playwright.sync_api import sync_playwright

from kvalifikacija.celery import app
from people.models import Role
from tests.factories import CentreFactory, member

# Property tests check rules, not speed: on a loaded 2-core CI machine input generation can be slow, which
# Hypothesis would otherwise report as a failure.
hypothesis_settings.register_profile("kvalifikacija", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("kvalifikacija")

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make around it
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--disable-default-apps", "--disable-extensions",
]


def require(condition, reason):
    """Skip outside CI, fail loudly in CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI needs this service: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _celery_eager(request, settings):
    """Every test runs tasks in process, except those that ask for the real worker."""
    eager = "celery_worker_process" not in request.fixturenames
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous
    # Celery's eager mode marks "inside a task" in process-wide state and restores it on exit, so two
    # eager tasks overlapping in threads (concurrent sign-ups, the live server) can leave it set; the
    # next test would then look as if it ran inside a task and `result.get()` would refuse to wait.

    while _task_stack.top is not None:
        _task_stack.pop()
    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class WorkerProcess:
    """A real `celery worker` subprocess on its own queue, using the test database."""

    def __init__(self, env, queue):
        self.env = env
        self.queue = queue
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "kvalifikacija", "worker", "-Q", self.queue,
             "--pool=prefork", "--concurrency=2", "--loglevel=WARNING", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "-n", f"test-{self.queue}@%h"],
            cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        self.wait_ready()
        return self

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                output = self.proc.stdout.read().decode(errors="replace")
                raise RuntimeError(f"the Celery worker exited: {output[-3000:]}")
            try:
                result = app.send_task("kvalifikacija.ping", queue=self.queue)
                if result.get(timeout=5, disable_sync_subtasks=False) == "pong":
                    return
            except Exception:  # noqa: BLE001 - the worker is still starting
                time.sleep(0.5)
        raise RuntimeError("the Celery worker did not answer in time")

    def kill(self):
        """Kill without warning (SIGKILL), as a crashed machine would."""
        if self.proc and self.proc.poll() is None:
            subprocess.run(["pkill", "-KILL", "-P", str(self.proc.pid)], check=False)
            self.proc.kill()
            self.proc.wait(timeout=30)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def celery_worker_process(transactional_db, settings):
    """Start a real Celery worker against Redis, sharing the test's PostgreSQL database."""
    redis_url = os.environ.get("REDIS_URL")
    require(bool(redis_url), "REDIS_URL is not set: a real Celery worker needs Redis")
    require(connection.vendor == "postgresql", "a real worker shares the test database, which needs PostgreSQL")
    db = connection.settings_dict
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "EMAIL_BACKEND": os.environ.get("KV_WORKER_EMAIL_BACKEND", "notices.testing.FileCaptureBackend"),
        "KV_CAPTURE_DIR": str(settings.MEDIA_ROOT / "outbox"),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "KV_TESTING": "0",
        "AXES_ENABLED": "0",
    })
    previous = (app.conf.broker_url, app.conf.result_backend, app.conf.task_default_queue)
    app.conf.broker_url = redis_url
    app.conf.result_backend = redis_url
    app.conf.task_default_queue = queue
    worker = WorkerProcess(env, queue).start()
    try:
        yield worker
    finally:
        worker.stop()
        app.conf.broker_url, app.conf.result_backend, app.conf.task_default_queue = previous


@pytest.fixture(scope="session")
def _playwright_browser():
    require(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(_playwright_browser, live_server):
    context = _playwright_browser.new_context(base_url=live_server.url, locale="lt-LT", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    """Sign a user in through the real sign-in form."""
    def _sign_in(user, password="pass12345"):
        page.goto("/prisijungti/")
        page.fill("input[name=username]", user.email)
        page.fill("input[name=password]", password)
        page.click("#login-form button[type=submit]")

        page.wait_for_load_state()
        return page

    return _sign_in


def chromium_available():
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached fragments of one test never serve another."""

    cache.clear()
    yield


@pytest.fixture
def centre():
    return CentreFactory()


@pytest.fixture
def staff(centre):
    return member(Role.CENTRE_STAFF, centre)
