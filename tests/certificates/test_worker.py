"""Bulk issuing through a real Celery worker (Redis and PostgreSQL, as in CI)."""

import time

import pytest

from certificates.models import Certificate, IssuingBatch
from certificates.services import issuing

from .helpers import completed_event, staff_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_real_worker_issues_the_events_certificates_after_commit(celery_worker_process):
    event, _ = completed_event(attendees=3)
    batch = issuing.request_bulk_issue(event=event, by=staff_of(event))
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        batch.refresh_from_db()
        if batch.status in (IssuingBatch.Status.DONE, IssuingBatch.Status.FAILED):
            break
        time.sleep(0.5)
    assert batch.status == IssuingBatch.Status.DONE, batch.error
    assert Certificate.objects.filter(event=event, status="valid").exclude(pdf="").count() == 3
