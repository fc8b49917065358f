import pytest

from certificates import demo
from certificates.models import Certificate, OutsideCertificate
from people.models import Role
from tests.factories import member, teacher

from .helpers import completed_event

pytestmark = pytest.mark.django_db


def test_demo_issues_certificates_and_outside_uploads_once():
    event, registrations = completed_event(attendees=3)
    school = registrations[0].school
    ctx = {"centre": event.organiser, "demo": {
        "teacher": teacher(school), "deputy": member(Role.DEPUTY, school),
        "centre_staff": member(Role.CENTRE_STAFF, event.organiser),
    }}
    demo.seed(ctx)
    demo.seed(ctx)
    # Three issued, one of them revoked and re-issued.
    assert Certificate.objects.filter(event=event, status="valid").count() == 3
    assert Certificate.objects.filter(event=event, status="revoked").count() == 1
    items = OutsideCertificate.objects.filter(teacher=ctx["demo"]["teacher"])
    assert items.count() == 4
    assert set(items.values_list("status", flat=True)) == {"pending", "recognised", "declined"}


def test_demo_without_completed_events_skips_gracefully():
    demo.seed({})
