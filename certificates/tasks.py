"""Thin Celery tasks: look the object up by id and call the service; safe to run twice."""

from celery import shared_task

from .models import Certificate


@shared_task(acks_late=True)
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
