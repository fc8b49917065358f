"""The events app's reminders, through its one scheduled task."""

import datetime as dt

import pytest
from django.core import mail

from events import tasks
from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def test_event_reminders_go_through_the_registration_service(django_capture_on_commit_callbacks):
    event = EventFactory(starts_on=TODAY + dt.timedelta(days=1))
    registration = RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_event_reminders.delay(today=TODAY.isoformat()).get() == 1
        assert tasks.send_event_reminders.delay(today=TODAY.isoformat()).get() == 0
    assert [m.to for m in mail.outbox] == [[registration.teacher.email]]
