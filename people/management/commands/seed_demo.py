"""Fill the database with a realistic demo district. Idempotent; refuses to run with DEBUG off.

Each app may contribute a `demo.py` with `seed(ctx)`; they run in the order of DEMO_APPS and receive
the shared context built by `people.demo` (the centre, schools, demo users, teachers, year, rng).
"""

import importlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_APPS = ["people", "events", "leave", "funding", "certificates", "surveys", "loans", "notices"]


class Command(BaseCommand):
    help = "Create the demo district (about 10 schools, 300 teachers, a year of events) for trying the portal."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (tests and benchmarks).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("seed_demo refuses to run with DEBUG off: it would put demo people into production.")
        ctx = {}
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name == f"{app}.demo":
                    continue
                raise
            started = time.monotonic()
            with transaction.atomic():
                module.seed(ctx)
            self.stdout.write(f"  {app}: {time.monotonic() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign-ins are listed in README.md."))
