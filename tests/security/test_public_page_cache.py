"""The anonymous page cache of the public pages never leaks one visitor's CSRF token or a signed-in
page to another, and a change to the events shows at once."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from tests import factories as f

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_the_catalogue_is_served_from_the_cache_without_queries(django_assert_num_queries):
    f.EventFactory(title="Kūrybiškumas pamokoje")
    first = Client().get("/renginiai/")
    assert "Kūrybiškumas pamokoje" in first.content.decode()
    with django_assert_num_queries(0):
        again = Client().get("/renginiai/")
    assert again.status_code == 200
    assert "Kūrybiškumas pamokoje" in again.content.decode()


def test_each_visitor_gets_a_working_csrf_token_of_their_own():
    event = f.EventFactory()
    Client().get(f"/renginiai/{event.pk}/")  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(f"/renginiai/{event.pk}/")
    tokens = set(TOKEN.findall(page.content.decode()))
    assert tokens and "__KV_CSRF_TOKEN__" not in page.content.decode()
    assert "csrftoken" in page.cookies
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302


def test_a_new_event_shows_at_once(django_capture_on_commit_callbacks):
    Client().get("/renginiai/")
    with django_capture_on_commit_callbacks(execute=True):  # the cache is told after the commit
        f.EventFactory(title="Naujas seminaras apie vertinimą")
    assert "Naujas seminaras apie vertinimą" in Client().get("/renginiai/").content.decode()


def test_a_registration_updates_the_seats_left_on_the_cached_event_page(django_capture_on_commit_callbacks):
    event = f.EventFactory(seats=5)
    before = Client().get(f"/renginiai/{event.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        f.RegistrationFactory(event=event)
    after = Client().get(f"/renginiai/{event.pk}/").content.decode()
    assert before != after


def test_signed_in_visitors_get_their_own_page_not_the_cached_one(client):
    event = f.EventFactory()
    Client().get(f"/renginiai/{event.pk}/")
    teacher = f.teacher(email="ruta@example.lt")
    client.force_login(teacher)
    page = client.get(f"/renginiai/{event.pk}/").content.decode()
    assert "atsijungti" in page  # the sign-out form of a signed-in page


def test_the_plan_page_is_cached_too(django_assert_num_queries):
    centre = f.CentreFactory()
    event = f.EventFactory(organiser=centre)
    f.YearPlanFactory(organiser=centre, year=event.plan_year, is_published=True)
    assert Client().get(f"/planas/{event.plan_year}/").status_code == 200
    with django_assert_num_queries(0):
        assert Client().get(f"/planas/{event.plan_year}/").status_code == 200


def test_the_cache_is_never_called_inside_the_transaction_that_changes_events(django_capture_on_commit_callbacks,
                                                                               monkeypatch):
    """A cache that fails cannot roll a registration back: the version is bumped only after the commit."""
    from events import page_cache

    calls = []
    monkeypatch.setattr(page_cache.cache, "incr", lambda *a, **k: calls.append(a) or 2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        f.RegistrationFactory()
        assert calls == []
    assert callbacks
