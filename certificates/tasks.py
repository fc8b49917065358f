"""Thin Celery tasks: look the object up by id and call the service; safe to run twice."""

from celery import shared_task
from django.conf import settings

from .models import Certificate


@shared_task(acks_late=True, time_limit=settings.CELERY_LONG_TASK_TIME_LIMIT)
def issue_event_certificates(batch_id):
    """Issue an event's certificates for one issuing run (a finished run is a no-op; the issuing
    service itself skips people who already hold a valid certificate)."""
    from .services.issuing import run_batch

    return run_batch(batch_id=batch_id)


@shared_task(acks_late=True)
def render_certificate_pdf(certificate_id):
    from .services.issuing import ensure_pdf

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is not None:
        ensure_pdf(certificate=certificate)
