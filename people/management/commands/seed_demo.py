"""Fill the database with a realistic demo district. Idempotent; refuses to run with DEBUG off.

Each module in DEMO_MODULES has `seed(ctx)`; they run in that order and receive the shared context
built by `people.demo` (the centre, schools, demo users, teachers, year, rng). A missing or failing
part stops the command with its name.
"""

import importlib
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from kvalifikacija.celery import app as celery_app

DEMO_MODULES = [
    "people.demo", "events.demo", "events.demo_registrations", "funding.demo", "leave.demo",
    "certificates.demo", "surveys.demo", "loans.demo", "pages.demo", "workflows.demo",
]


@contextmanager
def tasks_wait_in_the_queue():
    """Tasks are queued during the build, never run in the command's process.

    Without a broker (no REDIS_URL) the settings run Celery tasks eagerly (CELERY_TASK_ALWAYS_EAGER),
    which would hand each of the demo's ~4,000 notices to the mail backend one by one, a third of the
    build's time. For the build they go to the settings' own broker instead (CELERY_BROKER_URL:
    `memory://` without Redis, else Redis), as they do whenever a broker is configured: every notice
    is recorded by `notices.notify` (log and inboxes) and waits in the outbox for a worker, and nothing
    is e-mailed by the command. The demo parts that need a task's result call its service themselves
    (the year plan's PDF: `events.demo_registrations`)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = previous


class Command(BaseCommand):
    help = "Create the demo district (about 10 schools, 300 teachers, a year of events) for trying the portal."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (tests and benchmarks).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("seed_demo refuses to run with DEBUG off: it would put demo people into production.")
        ctx = {}
        # Demo notices go to the notice log and the inboxes, never out by e-mail.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), \
                tasks_wait_in_the_queue():
            self._seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign-ins are listed in README.md."))

    def _seed(self, ctx):
        """Every part runs in its own transaction; a part that is missing or fails stops the build with
        its name (never skipped in silence), and what the earlier parts made stays (a rerun goes on)."""
        for name in DEMO_MODULES:
            module = importlib.import_module(name)
            started = time.monotonic()
            try:
                with transaction.atomic():
                    module.seed(ctx)
            except Exception as exc:
                raise CommandError(f"The demo part {name} failed: {exc!r}") from exc
            self.stdout.write(f"  {name}: {time.monotonic() - started:.1f} s")
