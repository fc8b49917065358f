"""A large district report is built by a real Celery worker after the request's transaction commits."""

import time

import pytest
from django.urls import reverse

from funding import exports
from funding.models import ReportExport
from people.models import Role
from tests.factories import FundingSourceFactory, SchoolFactory, member

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_large_district_export_is_built_by_the_worker(celery_worker_process, client, monkeypatch):
    monkeypatch.setattr(exports, "ASYNC_EXPORT_MIN_SCHOOLS", 1)
    for _ in range(3):
        FundingSourceFactory(owner=SchoolFactory(), year=2026)
    client.force_login(member(Role.ADMINISTRATOR))
    response = client.post(reverse("funding:district_export"), {"year": 2026, "fmt": "xlsx"})
    assert response.status_code == 302
    export = ReportExport.objects.get()
    deadline = time.monotonic() + 60
    while export.status not in (ReportExport.Status.READY, ReportExport.Status.FAILED) and time.monotonic() < deadline:
        time.sleep(0.5)
        export.refresh_from_db()
    assert export.status == ReportExport.Status.READY, export.error
    download = client.get(reverse("funding:export_download", args=[export.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"
