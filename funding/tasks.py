from celery import shared_task
from django.conf import settings


@shared_task(acks_late=True, time_limit=settings.CELERY_LONG_TASK_TIME_LIMIT, autoretry_for=(ConnectionError,), retry_backoff=30, retry_backoff_max=600, max_retries=5)
def build_district_export(export_id):
    """Build a large district report file (idempotent: a ready export is not rebuilt)."""
    from .exports import build_export

    build_export(export_id=export_id)
