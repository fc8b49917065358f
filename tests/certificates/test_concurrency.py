"""Numbering under real concurrency: PostgreSQL with threads, each on its own connection."""

import threading

import pytest
from django.db import connection, connections

from certificates.models import Certificate
from certificates.services import issuing
from events.models import Registration
from tests.conftest import require
from tests.factories import RegistrationFactory

from .helpers import completed_event

pytestmark = pytest.mark.django_db(transaction=True)


def run_in_threads(targets):
    barrier = threading.Barrier(len(targets))
    errors = []

    def runner(target):
        try:
            barrier.wait(timeout=30)
            target()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_numbers_are_unique_when_many_events_issue_at_once():
    require(connection.vendor == "postgresql", "real concurrency needs PostgreSQL")
    first, regs_a = completed_event(attendees=6)
    second, regs_b = completed_event(attendees=6, organiser=first.organiser)
    registrations = regs_a + regs_b
    errors = run_in_threads([
        (lambda r=r: issuing.issue_certificate(registration=Registration.objects.get(pk=r.pk), render=False))
        for r in registrations
    ])
    assert errors == []
    numbers = list(Certificate.objects.values_list("sequence", flat=True))
    assert sorted(numbers) == list(range(1, 13))


def test_the_same_registration_issued_concurrently_gets_one_certificate():
    require(connection.vendor == "postgresql", "real concurrency needs PostgreSQL")
    event, (registration,) = completed_event(attendees=1)
    RegistrationFactory(event=event, status=Registration.Status.ATTENDED)
    errors = run_in_threads([
        (lambda: issuing.issue_for_event(event=event, render=False)) for _ in range(4)
    ])
    assert errors == []
    assert Certificate.objects.filter(event=event).count() == 2
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == [1, 2]
