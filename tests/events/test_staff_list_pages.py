"""The staff lists of issue 18 are paginated: the event's registrants (100 a page) and the director's
queue (50 a page). Later pages show the rest, numbers and ranks continue across pages, the counts in
the header are of every row, actions taken on a later page work and come back to it, and a bad page
number answers a page, never an error."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events.exports import registrants_of, registrants_page
from events.models import Registration
from events.views.registration import REGISTRANTS_PAGE_SIZE
from leave.views.decisions import DIRECTOR_QUEUE_PAGE_SIZE
from tests.events.test_signed_in_pages import district, grow  # noqa: F401  (the fixture and the rows)
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

FIRST_CELLS = re.compile(r"<tr>\s*<td(?: class=\"fw-bold\")?>(\d+)</td>")


def numbers(response):
    """The row numbers (registrants) or ranks (director's queue) shown on the page, in order."""
    assert response.status_code == 200
    return [int(n) for n in FIRST_CELLS.findall(response.content.decode())]


def test_the_registrants_are_shown_a_page_at_a_time_numbered_across_pages(client, district):  # noqa: F811
    grow(district, REGISTRANTS_PAGE_SIZE + 20)
    client.force_login(district["centre_staff"])
    url = reverse("events:registrants", args=[district["busy"].pk])
    first, second = client.get(url), client.get(url, {"page": 2})
    assert numbers(first) == list(range(1, REGISTRANTS_PAGE_SIZE + 1))
    assert numbers(second) == list(range(REGISTRANTS_PAGE_SIZE + 1, REGISTRANTS_PAGE_SIZE + 21))
    shown = {r.pk for r in first.context["rows"]} | {r.pk for r in second.context["rows"]}
    assert shown == set(Registration.objects.filter(event=district["busy"]).values_list("pk", flat=True))
    taken = Registration.objects.filter(event=district["busy"], status__in=Registration.SEAT_HOLDING).count()
    assert taken > REGISTRANTS_PAGE_SIZE
    for page in (first, second):  # the header counts every registrant, not the page's
        header = re.search(r'<p id="registrant-counts">(.*?)</p>', page.content.decode(), re.S).group(1)
        assert re.findall(r"\d+", header)[:3] == [str(taken), "1500", str(1500 - taken)]
        assert page.context["taken"] == taken
    assert "?page=2" in first.content.decode() and "?page=1" in second.content.decode()


def test_an_action_on_a_later_page_of_registrants_works_and_comes_back_to_it(client, district):  # noqa: F811
    grow(district, REGISTRANTS_PAGE_SIZE + 5)
    client.force_login(district["centre_staff"])
    url = reverse("events:registrants", args=[district["busy"].pk])
    last = client.get(url, {"page": 2}).context["rows"][-1]
    assert "to_waiting" in last.staff_actions
    response = client.post(f"{url}?page=2", {"action": "to_waiting", "registration": last.pk})
    assert response.status_code == 302 and response["Location"] == f"{url}?page=2"
    last.refresh_from_db()
    assert last.status == Registration.Status.WAITLISTED
    cancel = reverse("events:cancel_registration", args=[client.get(url, {"page": 2}).context["rows"][0].pk])
    assert f'action="{cancel}"' in client.get(url, {"page": 2}).content.decode()
    assert f'name="next" value="{url}?page=2"' in client.get(url, {"page": 2}).content.decode()


def test_the_directors_queue_is_paged_and_the_rank_continues(client, district):  # noqa: F811
    grow(district, DIRECTOR_QUEUE_PAGE_SIZE + 10)
    client.force_login(district["director"])
    url = reverse("leave:director_queue")
    first, second = client.get(url), client.get(url, {"page": 2})
    assert numbers(first) == list(range(1, DIRECTOR_QUEUE_PAGE_SIZE + 1))
    assert numbers(second) == list(range(DIRECTOR_QUEUE_PAGE_SIZE + 1, DIRECTOR_QUEUE_PAGE_SIZE + 11))
    first_ids = {row.request.pk for row in first.context["rows"]}
    second_ids = {row.request.pk for row in second.context["rows"]}
    assert not first_ids & second_ids and len(first_ids | second_ids) == DIRECTOR_QUEUE_PAGE_SIZE + 10
    decide = reverse("leave:decide", args=[second.context["rows"][0].request.pk])
    assert decide in second.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "2.5", "%00", "1" * 40])
def test_a_bad_page_number_answers_a_page_not_an_error(client, district, page):  # noqa: F811
    grow(district, 3)
    client.force_login(district["centre_staff"])
    registrants = client.get(reverse("events:registrants", args=[district["busy"].pk]), {"page": page})
    assert numbers(registrants) == [1, 2, 3]
    client.force_login(district["director"])
    assert numbers(client.get(reverse("leave:director_queue"), {"page": page})) == [1, 2, 3]


def test_a_page_of_registrants_has_the_rows_and_waiting_list_places_of_the_whole_list(django_assert_num_queries):
    """The registrants page reads only its own rows, yet shows what the whole list (the exports') shows."""
    event = EventFactory(seats=0)
    statuses = ([Registration.Status.CONFIRMED] * 4 + [Registration.Status.PENDING] * 2
                + [Registration.Status.WAITLISTED] * 7 + [Registration.Status.CANCELLED] * 2
                + [Registration.Status.ATTENDED])
    start = timezone.now()
    for n, status in enumerate(statuses):
        waiting = status == Registration.Status.WAITLISTED
        RegistrationFactory(event=event, status=status,
                            waitlisted_at=start - dt.timedelta(minutes=n) if waiting else None)
    whole = registrants_of(event)
    pages = []
    for number in (1, 2, 3, 4):
        with django_assert_num_queries(2):  # the counts and the page's rows
            pages.append(registrants_page(event, number, size=5))
    shown = [row for page, _ in pages for row in page.object_list]
    assert [(r.pk, r.position) for r in shown] == [(r.pk, r.position) for r in whole]
    assert [r.position for r in whole if r.position] == [1, 2, 3, 4, 5, 6, 7]
    counts = pages[0][1]
    assert counts == {status: statuses.count(status) for status in Registration.Status.values}
    assert registrants_page(event, "999", size=5)[0].number == 4  # a bad number answers the last page
