"""iCalendar feeds: all published events (honouring the catalogue's filters) and one event.

Each session is a VEVENT in Europe/Vilnius time; the online link is never in a public feed. Every text goes
through the icalendar library's own escaping (vText, also for the X-WR-CALNAME it would otherwise write
raw); single-line properties lose their control characters first (a CR or LF typed into a title, or an
Excel line break in an imported one, can neither break a line nor start a forged component)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vText
from icalendar import Event as VEvent

from kvalifikacija.text import single_line, strip_controls

VILNIUS = ZoneInfo("Europe/Vilnius")
PRODID = "-//Kvalifikacija//Renginiai//LT"


def _calendar(name):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(single_line(name)))
    cal.add("x-wr-timezone", "Europe/Vilnius")
    return cal


def _vevents(event, site_url, stamp):
    url = site_url.rstrip("/") + event.get_absolute_url()
    sessions = list(event.sessions.all())
    description = strip_controls("\n\n".join(filter(None, [event.description, url])))
    title = single_line(event.title)
    for number, session in enumerate(sessions, start=1):
        item = VEvent()
        item.add("uid", f"event-{event.pk}-session-{session.pk}@kvalifikacija")
        item.add("dtstamp", stamp)
        summary = title if len(sessions) == 1 else f"{title} ({number}/{len(sessions)})"
        if event.status == event.Status.CANCELLED:
            item.add("status", "CANCELLED")
        else:
            item.add("status", "CONFIRMED")
        item.add("summary", summary)
        item.add("dtstart", dt.datetime.combine(session.date, session.start_time, tzinfo=VILNIUS))
        item.add("dtend", dt.datetime.combine(session.date, session.end_time, tzinfo=VILNIUS))
        place = session.place or event.place
        if place:
            item.add("location", single_line(place))
        item.add("description", description)
        item.add("url", url)
        item.add("categories", [single_line(str(event.get_form_display()))])
        yield item


def events_calendar(events, *, name="Kvalifikacijos renginiai") -> bytes:
    """`events` should prefetch their sessions."""
    cal = _calendar(name)
    stamp = timezone.now().replace(microsecond=0)
    site_url = getattr(settings, "SITE_URL", "")
    for event in events:
        for item in _vevents(event, site_url, stamp):
            cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def event_calendar(event) -> bytes:
    return events_calendar([event], name=event.title)
