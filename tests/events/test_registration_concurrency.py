"""Seats are never exceeded however many teachers click at once (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from events.models import Registration
from events.services import errors, seats
from events.services import registration as signup
from kvalifikacija import cache as kv_cache
from tests.conftest import require
from tests.factories import EventFactory, SchoolFactory, teacher
from workflows import places

pytestmark = pytest.mark.django_db(transaction=True)

SIGN_UPS = 36
SEATS = 5


def _sign_up_all(event, teachers):
    barrier = threading.Barrier(len(teachers))
    outcomes, errors = {}, []

    def worker(person):
        try:
            barrier.wait(timeout=30)
            registration = signup.register(event=event, teacher=person)
            outcomes[person.pk] = registration.status
        except errors.RegistrationError as exc:  # a clean outcome, e.g. "try again in a moment"
            outcomes[person.pk] = f"refused: {exc}"
        except Exception as exc:  # noqa: BLE001 - anything else is a failure of the test
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(person,)) for person in teachers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes, errors


def test_concurrent_sign_ups_take_exactly_the_seats_and_queue_the_rest_in_order():
    require(connection.vendor == "postgresql", "real concurrent sign-ups need PostgreSQL row locks")
    school = SchoolFactory()
    event = EventFactory(seats=SEATS, outside_working_hours=True)
    teachers = [teacher(school) for _ in range(SIGN_UPS)]

    outcomes, errors = _sign_up_all(event, teachers)

    assert errors == []
    assert len(outcomes) == SIGN_UPS
    # With a lock timeout of seconds and locks held for milliseconds, nobody is turned away as "busy".
    assert all(value in (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
               for value in outcomes.values()), outcomes
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    assert confirmed.count() == SEATS
    waiting = list(Registration.objects.filter(event=event).waiting())
    registered = sum(1 for v in outcomes.values() if not str(v).startswith("refused"))
    assert len(waiting) == registered - SEATS
    # The waiting list is in the order people got the lock: strictly increasing times, positions 1..n.
    times = [r.waitlisted_at for r in waiting]
    assert times == sorted(times)
    assert len(set(times)) == len(times)
    assert [seats.waiting_position(r) for r in waiting] == list(range(1, len(waiting) + 1))
    # Every confirmed seat was taken before anyone was put on the waiting list.
    assert max(r.confirmed_at for r in confirmed) <= min(times)


def test_on_postgresql_the_lock_the_seat_check_and_the_insert_are_one_round_trip():
    """The event's row lock is held only inside the database: the lock, the count of seats held and the
    insert go in one round trip, outside any transaction, so its implicit transaction commits with it."""
    require(connection.vendor == "postgresql", "the one-round-trip sign-up is PostgreSQL's")
    event = EventFactory(seats=1, outside_working_hours=True)
    signup.register(event=event, teacher=teacher())
    person = teacher()
    with CaptureQueriesContext(connection) as queries:
        registration = signup.register(event=event, teacher=person)
    assert registration.status == Registration.Status.WAITLISTED
    locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"] and "events_event " in q["sql"]]
    assert len(locking) == 1
    assert "lock_timeout" in locking[0] and "INSERT INTO events_registration" in locking[0]
    statements = [q["sql"].lstrip() for q in queries]
    assert [sql for sql in statements if sql.startswith("SET") and "INSERT" not in sql] == []  # no round trip of its own
    assert not connection.in_atomic_block
    assert Registration.objects.get(pk=registration.pk).teacher_id == person.pk
    # The event's audience is checked by that statement too, not read ahead of it.
    assert [sql for sql in statements if "open_to_schools" in sql and "INSERT" not in sql] == []
    # Its history record is written by the same statement (it commits with the registration), once.
    assert "INSERT INTO events_historicalregistration" in locking[0]
    [record] = Registration.objects.get(pk=registration.pk).history.all()
    assert (record.history_type, record.history_user_id, record.status) == ("+", person.pk, registration.status)


def test_a_sign_up_bumps_every_cache_version_it_changes_in_one_round_trip(settings, monkeypatch):
    """The registration's and the notice's table versions (the viewer cache) and the public pages'
    version, all after their commits, sent to the cache once at the end of the sign-up."""
    require(connection.vendor == "postgresql", "the one-round-trip sign-up is PostgreSQL's")
    settings.VIEWER_PAGE_CACHE_SECONDS = 60
    event, person = EventFactory(seats=1, outside_working_hours=True), teacher()
    sent = []
    monkeypatch.setattr(kv_cache, "_bump_now", sent.append)
    registration = signup.register(event=event, teacher=person)
    assert registration.status == Registration.Status.CONFIRMED
    assert len(sent) == 1, sent
    assert {"kv:table-version:events_registration", "kv:table-version:events_historicalregistration",
            "kv:table-version:notices_noticelog"} <= sent[0].keys()
    assert sent[0]["kv:public-pages:version"] == 2  # set when missing, as the page cache's own bump did


def test_concurrent_cancellations_promote_exactly_as_many_as_freed():
    require(connection.vendor == "postgresql", "real concurrency needs PostgreSQL row locks")
    school = SchoolFactory()
    event = EventFactory(seats=SEATS, outside_working_hours=True)
    holders = [signup.register(event=event, teacher=teacher(school)) for _ in range(SEATS)]
    queue = [signup.register(event=event, teacher=teacher(school)) for _ in range(10)]
    barrier = threading.Barrier(len(holders) + 10)
    errors = []

    def cancel(registration):
        try:
            barrier.wait(timeout=30)
            places.give_up_place(registration=registration, by=registration.teacher)
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
        finally:
            connections.close_all()

    def late_sign_up(person):
        try:
            barrier.wait(timeout=30)
            signup.register(event=event, teacher=person)
        except errors.RegistrationError:
            pass
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in holders]
    threads += [threading.Thread(target=late_sign_up, args=(teacher(school),)) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert Registration.objects.filter(event=event).holding_seats().count() == SEATS
    promoted = Registration.objects.filter(pk__in=[r.pk for r in queue], status=Registration.Status.CONFIRMED)
    assert promoted.count() == SEATS  # the people waiting first got the freed seats, not the latecomers
    assert set(promoted.values_list("pk", flat=True)) == {r.pk for r in queue[:SEATS]}


def test_a_lost_race_for_the_lock_is_retried_then_answered_cleanly(settings):
    require(connection.vendor == "postgresql", "lock timeouts need PostgreSQL")
    settings.REGISTRATION_LOCK_TIMEOUT_MS = 100
    event = EventFactory(seats=SEATS, outside_working_hours=True)
    person = teacher()
    held, release, result = threading.Event(), threading.Event(), {}

    def hold_lock():
        try:
            with transaction.atomic():
                seats.lock_event(event.pk)
                held.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    def sign_up():
        try:
            signup.register(event=event, teacher=person)
            result["outcome"] = "registered"
        except errors.TooBusy as exc:
            result["outcome"] = str(exc)
        except Exception as exc:  # noqa: BLE001
            result["outcome"] = repr(exc)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    assert held.wait(timeout=30)
    signer = threading.Thread(target=sign_up)
    signer.start()
    signer.join(timeout=30)
    release.set()
    holder.join(timeout=30)

    assert result["outcome"] == str(errors.TooBusy.default_message)
    assert not Registration.objects.filter(event=event).exists()
