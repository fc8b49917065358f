"""The Celery application. Without REDIS_URL tasks run eagerly, in process (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kvalifikacija.settings")

app = Celery("kvalifikacija")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="kvalifikacija.ping")
def ping():
    """A trivial task used by health checks and by the test that proves a real worker runs tasks."""
    return "pong"
