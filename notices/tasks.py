"""Thin Celery tasks: look up by id, call the service. Retry delays stay well below the broker's
visibility timeout (two hours, see settings)."""

import smtplib

from celery import shared_task

from . import services

TRANSIENT = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)


@shared_task(bind=True, acks_late=True, max_retries=5, name="notices.tasks.deliver_notice")
def deliver_notice(self, notice_id):
    try:
        return services.deliver(notice_id)
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            services.mark_failed(notice_id, exc)
            return False
        if self.app.conf.task_always_eager:
            # No broker: retrying in process would block the request; record and let beat retry.
            services.mark_failed(notice_id, exc)
            return False
        raise self.retry(exc=exc, countdown=min(60 * 2**self.request.retries, 1800))
