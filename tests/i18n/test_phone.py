"""On a phone: the catalogue's filters fold away so the first event is on the first screen; "My
events" shows the cancel button and the hours without sideways scrolling; the top bar shows how many
notices are unread (loaded with the user, no query of its own)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event
from tests import factories as f

PHONE = {"width": 375, "height": 667}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_catalogue_filters_fold_away_and_the_first_event_is_on_the_first_screen(page):
    for n in range(3):
        f.EventFactory(title=f"Renginys {n}", status=Event.Status.PUBLISHED)
    page.set_viewport_size(PHONE)
    page.goto("/renginiai/")
    assert not page.locator("#catalogue-filters").is_visible()
    first = page.locator(".event-card").first.bounding_box()
    assert first["y"] + 40 < PHONE["height"], f"the first event starts at {first['y']}px"
    page.locator("#filters-toggle").click()
    page.locator("#catalogue-filters-fold.show").wait_for()
    assert page.locator("#catalogue-filters").is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("#catalogue-filters").is_visible() and not page.locator("#filters-toggle").is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_my_events_shows_cancel_and_hours_on_a_phone_without_sideways_scrolling(page, sign_in):
    person = f.teacher()
    event = f.EventFactory(title="Įtraukusis ugdymas: ilgas pavadinimas, kuris netelpa vienoje eilutėje telefone",
                           academic_hours=24, status=Event.Status.PUBLISHED,
                           starts_on=timezone.localdate() + dt.timedelta(days=20),
                           ends_on=timezone.localdate() + dt.timedelta(days=21))
    f.RegistrationFactory(event=event, teacher=person, school=person.memberships.get().organisation)
    sign_in(person)
    page.set_viewport_size(PHONE)
    page.goto("/mano/renginiai/")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"scrolls sideways: {widths}"
    button = page.locator("form[action$='/atsisakyti/'] button, form button.btn-outline-danger").first
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.get_by_text("24\u00a0akad. val.").first.is_visible()


@pytest.mark.django_db
def test_top_bar_counts_unread_notices_without_a_query_of_its_own(client):
    person = f.teacher()
    client.force_login(person)
    with CaptureQueriesContext(connection) as none_unread:
        page = client.get("/").content.decode()
    assert 'id="nav-unread"' in page and "0 neperskaitytų pranešimų" in page
    for _ in range(3):
        f.NoticeLogFactory(recipient=person)
    f.NoticeLogFactory(recipient=person, read_at=timezone.now())
    f.NoticeLogFactory(recipient=f.teacher())
    with CaptureQueriesContext(connection) as three_unread:
        page = client.get("/").content.decode()
    assert '<span class="badge text-bg-warning">3</span>' in page
    assert "3 neperskaityti pranešimai" in page
    assert len(three_unread) == len(none_unread)
