"""The Celery application. Without REDIS_URL tasks run eagerly, in process (see settings)."""

import logging
import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kvalifikacija.settings")

logger = logging.getLogger("kvalifikacija.celery")
app = Celery("kvalifikacija")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="kvalifikacija.ping")
def ping():
    """A trivial task used by health checks and by the test that proves a real worker runs tasks."""
    return "pong"


@worker_ready.connect
def sweep_when_a_worker_starts(sender=None, **kwargs):
    """What a killed worker or an unreachable broker left waiting is taken up as soon as a worker starts
    (the same sweeps also run periodically in beat)."""
    from django.conf import settings

    for name in getattr(settings, "CELERY_WORKER_START_TASKS", []):
        try:
            app.send_task(name, ignore_result=True, retry=False)
        except Exception:  # noqa: BLE001 - a worker that cannot reach the broker will not run anything anyway
            logger.warning("The start-up sweep %s could not be queued.", name, exc_info=True)
