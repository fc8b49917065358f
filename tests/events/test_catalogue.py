import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.models import Event, Registration
from people.models import Role
from tests.factories import (
    CentreFactory,
    EventFactory,
    EventSessionFactory,
    ProviderFactory,
    RegistrationFactory,
    SubjectFactory,
    member,
    teacher,
)

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + dt.timedelta(days=10)


def titles(response):
    return [e.title for e in response.context["events"]]


def get(client, **params):
    return client.get(reverse("events:catalogue"), params)


def test_catalogue_lists_published_upcoming_events_by_date_not_drafts_cancelled_or_past(client):
    later = EventFactory(title="Vėlesnis", starts_on=SOON + dt.timedelta(days=5))
    sooner = EventFactory(title="Ankstesnis", starts_on=SOON)
    EventFactory(title="Juodraštis", status=Event.Status.DRAFT)
    EventFactory(title="Atšauktas", status=Event.Status.CANCELLED)
    EventFactory(title="Praėjęs", starts_on=timezone.localdate() - dt.timedelta(days=30))
    response = get(client)
    assert titles(response) == [sooner.title, later.title]


def test_free_text_filter_narrows(client):
    EventFactory(title="Įtraukusis ugdymas pradinėse klasėse")
    EventFactory(title="Skaitmeninis raštingumas")
    assert titles(get(client, q="įtraukusis")) == ["Įtraukusis ugdymas pradinėse klasėse"]


def test_form_filter_narrows(client):
    EventFactory(title="Kursai", form="kursai")
    EventFactory(title="Seminaras", form="seminaras")
    assert titles(get(client, form="kursai")) == ["Kursai"]


def test_date_range_filter_narrows(client):
    EventFactory(title="Pirmas", starts_on=SOON)
    EventFactory(title="Antras", starts_on=SOON + dt.timedelta(days=40))
    assert titles(get(client, date_from=SOON.isoformat(), date_to=(SOON + dt.timedelta(days=5)).isoformat())) == ["Pirmas"]
    assert titles(get(client, date_from=(SOON + dt.timedelta(days=30)).isoformat())) == ["Antras"]


def test_date_from_in_the_past_shows_completed_events(client):
    EventFactory(title="Įvykęs", status=Event.Status.COMPLETED, starts_on=timezone.localdate() - dt.timedelta(days=20))
    assert titles(get(client)) == []
    assert titles(get(client, date_from=(timezone.localdate() - dt.timedelta(days=60)).isoformat())) == ["Įvykęs"]


def test_subject_filter_narrows(client):
    maths = SubjectFactory(name="Matematika")
    e1 = EventFactory(title="Matematikai")
    e1.audience_subjects.add(maths, SubjectFactory(name="Fizika"))
    EventFactory(title="Kitiems")
    assert titles(get(client, subject=maths.pk)) == ["Matematikai"]


def test_provider_filter_matches_provider_or_organising_centre(client):
    university = ProviderFactory(name="Vilniaus universitetas")
    centre = CentreFactory()
    EventFactory(title="Universiteto", provider=university)
    EventFactory(title="Centro", organiser=centre)
    assert titles(get(client, provider=university.pk)) == ["Universiteto"]
    assert titles(get(client, provider=centre.pk)) == ["Centro"]


def test_free_only_filter_narrows(client):
    EventFactory(title="Nemokamas", fee=Decimal("0"))
    EventFactory(title="Mokamas", fee=Decimal("25"))
    assert titles(get(client, free="on")) == ["Nemokamas"]


def test_seats_left_filter_hides_full_events_and_keeps_unlimited(client):
    full = EventFactory(title="Pilnas", seats=1)
    RegistrationFactory(event=full, status=Registration.Status.CONFIRMED)
    EventFactory(title="Laisvas", seats=5, starts_on=SOON + dt.timedelta(days=1))
    EventFactory(title="Neribotas", seats=0, starts_on=SOON + dt.timedelta(days=2))
    assert titles(get(client, seats_left="on")) == ["Laisvas", "Neribotas"]


def test_outside_working_hours_filter_narrows(client):
    EventFactory(title="Vakare", outside_working_hours=True)
    EventFactory(title="Dieną")
    assert titles(get(client, outside_working_hours="on")) == ["Vakare"]


def test_delivery_mode_filter_narrows(client):
    EventFactory(title="Nuotolinis", delivery_mode="nuotolinis")
    EventFactory(title="Kontaktinis")
    assert titles(get(client, delivery_mode="nuotolinis")) == ["Nuotolinis"]


def test_pagination_links_keep_the_filters(client):
    for n in range(25):
        EventFactory(title=f"Kursai {n}", form="kursai")
    response = get(client, form="kursai")
    assert "form=kursai&amp;page=2" in response.content.decode()
    assert len(titles(client.get(reverse("events:catalogue"), {"form": "kursai", "page": 2}))) == 5


def _events(n, subjects):
    centre = CentreFactory()
    for i in range(n):
        event = EventFactory(organiser=centre, starts_on=SOON + dt.timedelta(days=i % 20))
        event.audience_subjects.add(*subjects)
        RegistrationFactory(event=event)


def test_catalogue_query_count_does_not_grow_with_events(client, django_assert_max_num_queries):
    subjects = [SubjectFactory(name="Istorija"), SubjectFactory(name="Geografija")]
    _events(3, subjects)
    with django_assert_max_num_queries(8) as few:
        assert client.get(reverse("events:catalogue")).status_code == 200
    _events(27, subjects)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("events:catalogue"), {"free": "on", "seats_left": "on"})
    assert len(response.context["events"]) == 20


def test_event_page_shows_seats_left_and_register_panel(client):
    event = EventFactory(title="Ąžuolų pamoka", seats=3)
    RegistrationFactory(event=event)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert response.context["event"].seats_left == 2
    assert b'id="registration-panel"' in response.content or b"registration" in response.content
    assert reverse("events:event_ics", args=[event.pk]).encode() in response.content


def test_online_link_is_shown_only_to_people_holding_a_seat(client):
    event = EventFactory(delivery_mode="nuotolinis", online_link="https://meet.example.lt/slapta")
    outsider = teacher()
    client.force_login(outsider)
    assert b"meet.example.lt/slapta" not in client.get(event.get_absolute_url()).content
    RegistrationFactory(event=event, teacher=outsider, status=Registration.Status.WAITLISTED,
                        waitlisted_at=timezone.now())
    assert b"meet.example.lt/slapta" not in client.get(event.get_absolute_url()).content
    Registration.objects.filter(teacher=outsider).update(status=Registration.Status.CONFIRMED)
    assert b"meet.example.lt/slapta" in client.get(event.get_absolute_url()).content
    client.logout()
    assert b"meet.example.lt/slapta" not in client.get(event.get_absolute_url()).content


def test_a_draft_is_hidden_from_the_public_but_shown_to_its_centre_staff(client):
    event = EventFactory(status=Event.Status.DRAFT)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(member(Role.CENTRE_STAFF, event.organiser))
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert reverse("events:staff_event_edit", args=[event.pk]).encode() in response.content


def test_feed_is_valid_icalendar_in_vilnius_time_and_honours_filters(client):
    e1 = EventFactory(title="Kursai Šiauliuose", form="kursai", starts_on=SOON)
    EventSessionFactory(event=e1, date=SOON + dt.timedelta(days=1))
    EventFactory(title="Seminaras", form="seminaras")
    response = client.get("/renginiai.ics", {"form": "kursai"})
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    vevents = cal.walk("VEVENT")
    assert len(vevents) == 2 and all("Kursai Šiauliuose" in str(v["summary"]) for v in vevents)
    assert str(vevents[0]["dtstart"].dt.tzinfo) == "Europe/Vilnius"
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Europe/Vilnius"


def test_feed_never_contains_the_online_link(client):
    EventFactory(online_link="https://meet.example.lt/slapta")
    assert b"slapta" not in client.get("/renginiai.ics").content


def test_one_event_feed_parses(client):
    event = EventFactory(title="Ąžuolyno konferencija")
    response = client.get(f"/renginiai/{event.pk}.ics")
    cal = Calendar.from_ical(response.content)
    assert str(cal.walk("VEVENT")[0]["summary"]) == "Ąžuolyno konferencija"


def test_a_drafts_feed_is_not_found(client):
    event = EventFactory(status=Event.Status.DRAFT)
    assert client.get(f"/renginiai/{event.pk}.ics").status_code == 404


def test_school_level_filter_keeps_events_for_that_level_and_for_every_level(client):
    primary = EventFactory(title="Pradinukų skaitymas", audience_levels=["primary"])
    everyone = EventFactory(title="Visiems mokytojams")
    EventFactory(title="Gimnazijos chemija", audience_levels=["secondary"])
    titles = {e.title for e in client.get("/renginiai/?level=primary").context["events"]}
    assert titles == {primary.title, everyone.title}


def test_role_filter_keeps_events_for_that_role_and_for_everyone(client):
    heads = EventFactory(title="Vadovų forumas", audience_roles=["director", "deputy"])
    everyone = EventFactory(title="Bendras seminaras")
    EventFactory(title="Tik mokytojams", audience_roles=["teacher"])
    titles = {e.title for e in client.get("/renginiai/?role=director").context["events"]}
    assert titles == {heads.title, everyone.title}


def test_the_event_page_names_its_audience_roles_and_levels(client):
    event = EventFactory(audience_roles=["teacher"], audience_levels=["preschool", "primary"])
    body = client.get(f"/renginiai/{event.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert event.audience_level_labels and all(label in body for label in event.audience_level_labels)


def test_a_page_number_past_the_end_shows_the_last_page(client):
    EventFactory(title="Vienintelis renginys")
    response = client.get("/renginiai/?page=7")
    assert response.status_code == 200
    assert [e.title for e in response.context["events"]] == ["Vienintelis renginys"]
    assert client.get("/renginiai/?page=abc").status_code == 200
