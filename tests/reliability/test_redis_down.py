"""Redis is optional at every step of a request (README, "Reliability").

With the private Redis stopped, a teacher registers and the public pages answer; the registration's notice
is recorded in the outbox and is sent exactly once when Redis and a worker are back. With only the broker
stopped (the cache still up) a registration returns within two seconds."""

import logging
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from events.models import Registration
from kvalifikacija.cache import ResilientRedisCache
from kvalifikacija.celery import app
from notices.models import NoticeLog
from notices.testing import captured
from tests.factories import EventFactory, teacher

from .conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _register(client, event, person):
    client.force_login(person)
    started = time.monotonic()
    response = client.post(reverse("events:register", args=[event.pk]))
    return response, time.monotonic() - started


def test_redis_stopped_registration_and_public_pages_work_and_the_notice_goes_once_when_it_is_back(
        client, private_worker, on_private_redis, settings, caplog):
    event = EventFactory(outside_working_hours=True, seats=5)
    person = teacher()
    anonymous = client.__class__()
    assert anonymous.get(reverse("events:catalogue")).status_code == 200  # cached while Redis is up
    on_private_redis.stop()

    with caplog.at_level(logging.WARNING):
        for path in (reverse("events:catalogue"), event.get_absolute_url(), reverse("events:catalogue_ics")):
            assert anonymous.get(path).status_code == 200, path
        response, seconds = _register(client, event, person)
    assert response.status_code in (200, 302) and seconds < 2
    print(f"FIGURE redis stopped: registration answered in {seconds:.2f} s")
    registration = Registration.objects.get(event=event, teacher=person)
    assert registration.status == Registration.Status.CONFIRMED
    notice = NoticeLog.objects.get(recipient=person)
    assert notice.status == NoticeLog.Status.PENDING
    assert any("not queued" in r.getMessage() for r in caplog.records)
    assert any("cache (Redis) cannot be reached" in r.getMessage() for r in caplog.records)

    on_private_redis.start()
    private_worker.start()  # its start-up sweep queues what waited
    outbox = settings.MEDIA_ROOT / "outbox"
    assert wait_for(lambda: NoticeLog.objects.get(pk=notice.pk).status == NoticeLog.Status.SENT, timeout=60)

    app.send_task("notices.tasks.requeue_stale_notices", kwargs={"older_than_minutes": 0}).get(timeout=30)
    time.sleep(2)
    mails = [m for m in captured(outbox) if m["X-Kvalifikacija-Notice"] == str(notice.pk)]
    assert len(mails) == 1


def test_only_the_broker_stopped_registration_returns_within_two_seconds(client, on_private_redis, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "b"}}
    event = EventFactory(outside_working_hours=True, seats=5)
    person = teacher()
    on_private_redis.stop()
    response, seconds = _register(client, event, person)
    assert response.status_code in (200, 302)
    print(f"FIGURE broker stopped: registration answered in {seconds:.2f} s")
    assert seconds < 2
    assert Registration.objects.filter(event=event, teacher=person).exists()
    assert NoticeLog.objects.get(recipient=person).status == NoticeLog.Status.PENDING


def test_the_cache_degrades_to_no_cache_and_recovers(on_private_redis, settings, caplog):
    cache.set("k", 1)
    assert cache.get("k") == 1
    on_private_redis.stop()
    with caplog.at_level(logging.WARNING):
        started = time.monotonic()
        assert cache.get("k", "miss") == "miss" and cache.add("a", 1) is False and cache.incr("v") is None
        cache.set("k", 2)
        cache.delete("k")
        assert time.monotonic() - started < 2
    assert [r.getMessage() for r in caplog.records].count(
        next(r.getMessage() for r in caplog.records if "cannot be reached" in r.getMessage())) == 1
    on_private_redis.start()
    ResilientRedisCache.RETRY_AFTER, previous = 0.0, ResilientRedisCache.RETRY_AFTER
    try:
        assert wait_for(lambda: cache.set("k", 3) is None and cache.get("k") == 3, timeout=10)
    finally:
        ResilientRedisCache.RETRY_AFTER = previous
