"""The signed-in pages' cache (kvalifikacija.viewer_cache): every write bumps its tables after the commit,
whatever wrote it; a cached page changes when anything it read changes, is never another person's, and
carries this request's CSRF token."""

import os
import pickle
import uuid

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event, Registration
from kvalifikacija import cache as kv_cache
from kvalifikacija import viewer_cache
from kvalifikacija.cache import ResilientRedisCache
from leave.models import LeaveRequest
from people.models import Membership, Role
from tests.conftest import require
from tests.factories import (
    EventFactory,
    LeaveRequestFactory,
    RegistrationFactory,
    SchoolFactory,
    member,
    teacher,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def on(settings):
    settings.VIEWER_PAGE_CACHE_SECONDS = 60


def warm(client, url):
    """The first rendering learns the tables, the second is stored; returns the third (from the cache)."""
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_every_kind_of_write_bumps_its_table_after_the_commit(on, django_capture_on_commit_callbacks):
    event = EventFactory()
    before = viewer_cache.versions(["events_event", "events_registration"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Event.objects.filter(pk=event.pk).update(title="Be signalo")  # a queryset update sends no signal
        Event.objects.filter(pk=event.pk).update(place="Kaunas")
    assert viewer_cache.versions(["events_event"]) == {"events_event": before["events_event"]}  # not yet
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert viewer_cache.versions(["events_event"])["events_event"] != before["events_event"]
    with django_capture_on_commit_callbacks(execute=True), connection.cursor() as cursor:
        cursor.execute("DELETE FROM events_registration WHERE id = -1")  # raw SQL
    assert viewer_cache.versions(["events_registration"])["events_registration"] != before["events_registration"]


def test_with_the_cache_off_a_change_adds_no_commit_hook(django_capture_on_commit_callbacks):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Event.objects.filter(pk=event.pk).update(title="Be signalo")
    assert callbacks == []  # the hooks a change schedules stay exactly its own


def test_a_cached_page_changes_when_what_it_read_changes(client, on, django_capture_on_commit_callbacks):
    me = teacher()
    event = EventFactory(title="Kūrybiškumas pamokoje")
    RegistrationFactory(event=event, teacher=me)
    client.force_login(me)
    url = reverse("events:my_events")
    response, queries = warm(client, url)
    assert "Kūrybiškumas pamokoje" in response.content.decode()
    assert queries <= 2  # the session and the user: the page itself came from the cache
    Event.objects.filter(pk=event.pk).update(title="Kritinis mąstymas")  # not committed yet: still cached
    assert "Kūrybiškumas pamokoje" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Event.objects.filter(pk=event.pk).update(title="Kritinis mąstymas")
    page = client.get(url).content.decode()
    assert "Kritinis mąstymas" in page and "Kūrybiškumas pamokoje" not in page


def test_the_seats_left_on_a_cached_event_page_are_exact(client, on, django_capture_on_commit_callbacks):
    event = EventFactory(title="Kūrybiškumas pamokoje", seats=3)
    client.force_login(teacher())
    url = event.get_absolute_url()
    response, _queries = warm(client, url)
    assert response.context is None  # served from the cache
    for taken in range(1, 3):
        with django_capture_on_commit_callbacks(execute=True):
            RegistrationFactory(event=event)
        response = client.get(url)
        assert response.context["event"].seats_left == 3 - taken  # rendered afresh
    cached, fresh = warm(client, url)[0].content, client.get(url).content
    assert viewer_cache.TOKEN.sub(b"", cached) == viewer_cache.TOKEN.sub(b"", fresh)  # but for the CSRF tokens


def test_a_cached_page_is_never_another_persons(client, on):
    school = SchoolFactory()
    rūta, jonas = teacher(school, first_name="Rūta"), teacher(school, first_name="Jonas")
    event = EventFactory(title="Kūrybiškumas pamokoje")
    RegistrationFactory(event=event, teacher=rūta)
    for url in (reverse("events:my_events"), reverse("events:catalogue"), event.get_absolute_url()):
        client.force_login(rūta)
        mine = warm(client, url)[0].content.decode()
        client.force_login(jonas)
        theirs = warm(client, url)[0].content.decode()
        assert "Rūta" in mine and "Rūta" not in theirs and "Jonas" in theirs, url
    cancel = reverse("events:cancel_registration", args=[Registration.objects.get(teacher=rūta).pk])
    assert cancel not in theirs


def test_a_lost_role_shows_at_once(client, on, django_capture_on_commit_callbacks):
    director = member(Role.DIRECTOR)
    LeaveRequestFactory(school=director.memberships.get().organisation, status=LeaveRequest.Status.COVER_AGREED)
    client.force_login(director)
    url = reverse("leave:director_queue")
    assert warm(client, url)[0].status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.filter(user=director).update(is_active=False)
    assert client.get(url).status_code == 403


def test_the_cached_page_carries_this_requests_csrf_token(client, on):
    client.force_login(teacher())
    response, _queries = warm(client, reverse("events:catalogue"))
    page = response.content
    assert b'name="csrfmiddlewaretoken"' in page and viewer_cache.PLACEHOLDER not in page
    stored = [pickle.loads(value) for key, value in cache._cache.items() if "viewer-page" in key]
    assert stored and all(viewer_cache.PLACEHOLDER in content for content, _type in stored)


def test_requests_with_messages_to_show_and_anonymous_visitors_are_never_cached(client, on):
    request = RequestFactory().get("/")
    request.user = teacher()
    request.session = client.session
    request._messages = FallbackStorage(request)
    assert viewer_cache._cacheable(request)
    request._messages.add(messages.SUCCESS, "Jūsų registracija atšaukta.")
    assert len(get_messages(request)) == 1 and not viewer_cache._cacheable(request)
    anonymous = client.__class__()
    url = reverse("events:my_events")
    assert anonymous.get(url).status_code == 302


def test_pages_render_when_the_cache_is_down(client, on, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    EventFactory(title="Kūrybiškumas pamokoje")
    client.force_login(teacher())
    for name in ("get", "get_many", "set_many", "add", "incr", "set"):
        monkeypatch.setattr(cache, name, broken)
    for _ in range(3):
        response = client.get(reverse("events:catalogue"))
        assert response.status_code == 200 and "Kūrybiškumas pamokoje" in response.content.decode()


def test_the_catalogue_results_are_a_fragment_that_changes_with_the_seats(client, on, settings,
                                                                          django_capture_on_commit_callbacks):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # anonymous visitors: no whole-page cache, the fragment only
    event = EventFactory(title="Kūrybiškumas pamokoje", seats=3)
    url = reverse("events:catalogue")
    client.get(url)
    client.get(url)
    response = client.get(url)
    assert "events" not in response.context and "Kūrybiškumas pamokoje" in response.content.decode()  # cached
    with django_capture_on_commit_callbacks(execute=True):
        RegistrationFactory(event=event)
    response = client.get(url)
    assert response.context["events"][0].seats_left == 2
    with django_capture_on_commit_callbacks(execute=True):
        Event.objects.filter(pk=event.pk).update(title="Kritinis mąstymas")
    assert "Kritinis mąstymas" in client.get(url).content.decode()
    assert "Kritinis mąstymas" not in client.get(url, {"q": "kūrybiškumas"}).content.decode()


def test_redis_bumps_versions_in_one_script_leaving_missing_ones_missing_or_setting_them():
    url = os.environ.get("REDIS_URL")
    require(bool(url), "REDIS_URL is not set")
    redis = ResilientRedisCache(url, {"KEY_PREFIX": f"kv-test-{uuid.uuid4().hex}"})
    redis.set("kv:table-version:a", 10, None)
    redis.bump_versions({"kv:table-version:a": None, "kv:table-version:b": None, "kv:page-version": 2})
    redis.bump_versions({"kv:table-version:a": None, "kv:page-version": 2})
    assert redis.get("kv:table-version:a") == 12 and redis.get("kv:table-version:b") is None
    assert redis.get("kv:page-version") == 3  # set to 2 when missing, then one up
    assert redis._cache.get_client() is redis._cache.get_client(write=True)  # one client kept, not one per call
    redis.delete_many(["kv:table-version:a", "kv:page-version"])


def test_bumps_made_together_are_sent_once_at_the_end_and_never_lost(monkeypatch):
    sent = []
    monkeypatch.setattr(kv_cache, "_bump_now", sent.append)
    with kv_cache.bumps_together():
        kv_cache.bump_versions(["a", "b"])
        kv_cache.bump_versions(["b", "c"], missing=2)
        with kv_cache.bumps_together():
            kv_cache.bump_versions(["d"])
        assert sent == []
    assert sent == [{"a": None, "b": 2, "c": 2, "d": None}]
    with pytest.raises(RuntimeError), kv_cache.bumps_together():
        kv_cache.bump_versions(["e"])
        raise RuntimeError
    assert sent[-1] == {"e": None}
    kv_cache.bump_versions(["f"])
    assert sent[-1] == {"f": None}
