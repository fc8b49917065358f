"""Calendar lines and single-line fields: CR/LF payloads can neither break a line nor forge a component."""

import pytest
from django.core import mail
from icalendar import Calendar

from events.feeds import event_calendar, events_calendar
from notices.services import notify
from tests.factories import EventFactory, EventSessionFactory, UserFactory

pytestmark = pytest.mark.django_db
PAYLOADS = ["Seminaras\rBEGIN:VEVENT\rSUMMARY:Netikras\rEND:VEVENT", "Kursai\nBEGIN:VEVENT\nUID:x\nEND:VEVENT",
            "Excel\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR"]


def events_with_titles():
    events = []
    for title in PAYLOADS:
        event = EventFactory(title="x")
        type(event).objects.filter(pk=event.pk).update(title=title, place=title)  # past the input cleaning
        event.refresh_from_db()
        events.append(event)
    return events


def test_a_feed_of_hostile_titles_parses_to_exactly_its_sessions():
    events = events_with_titles()
    EventSessionFactory(event=events[0])
    expected = sum(e.sessions.count() for e in events)
    data = events_calendar([type(events[0]).objects.prefetch_related("sessions").get(pk=e.pk) for e in events])
    assert b"\rBEGIN" not in data and b"\nBEGIN:VEVENT\nUID:x" not in data
    calendars = Calendar.from_ical(data, multiple=True)
    assert len(calendars) == 1
    vevents = calendars[0].walk("VEVENT")
    assert len(vevents) == expected and expected >= 4
    assert all("\r" not in str(v["summary"]) and "\n" not in str(v["summary"]) for v in vevents)


def test_one_events_calendar_name_is_escaped():
    event = events_with_titles()[0]
    data = event_calendar(event)
    calendars = Calendar.from_ical(data, multiple=True)
    assert len(calendars) == 1 and len(calendars[0].walk("VEVENT")) == event.sessions.count()
    assert calendars[0]["X-WR-CALNAME"] == "Seminaras BEGIN:VEVENT SUMMARY:Netikras END:VEVENT"


def test_single_line_fields_are_cleaned_on_input_and_text_fields_keep_lines():
    event = EventFactory(title="Pirmas\r\nantras\x00", description="Eilutė 1\nEilutė 2")
    event.refresh_from_db()
    assert event.title == "Pirmas  antras " and event.description == "Eilutė 1\nEilutė 2"


def test_plain_text_mail_is_not_html_escaped(django_capture_on_commit_callbacks):
    person = UserFactory(first_name='Ona "<Oni>" & Co')
    event = EventFactory(title='Kas yra "gera" pamoka? <1 & 2>')
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind="registration_confirmed", recipient=person, key="t", context={"event": event})
    message = mail.outbox[0]
    assert 'Kas yra "gera" pamoka? <1 & 2>' in message.body and 'Ona "<Oni>" & Co' in message.body
    assert "&quot;" not in message.body and "&lt;" not in message.body and "&amp;" not in message.subject
