"""Celery tasks of the events app. Registration tasks live in tasks_registration.py."""

from .tasks_registration import *  # noqa: F401,F403

PLAN_BUILD_RETRY_SECONDS = 60  # far below the broker's visibility timeout

from celery import shared_task  # noqa: E402
from django.conf import settings  # noqa: E402


@shared_task(bind=True, max_retries=3, acks_late=True, time_limit=settings.CELERY_LONG_TASK_TIME_LIMIT)
def build_year_plan_pdf(self, plan_id, force=False):
    """Build a yearly plan's PDF; idempotent (does nothing when the built PDF is still current)."""
    from .services.plan import build_plan_pdf

    try:
        build_plan_pdf(plan_id=plan_id, force=force)
    except OSError as exc:  # a transient storage problem: try again a little later
        raise self.retry(exc=exc, countdown=PLAN_BUILD_RETRY_SECONDS * (self.request.retries + 1))
