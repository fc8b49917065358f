import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Programme, YearPlan
from people.models import Role
from tests.factories import (
    CentreFactory,
    EventFactory,
    ProgrammeFactory,
    UserFactory,
    YearPlanFactory,
    member,
    teacher,
)

pytestmark = pytest.mark.django_db

DAY = timezone.localdate() + dt.timedelta(days=30)


def event_post(**overrides):
    data = {
        "title": "Seminaras „Ąžuolas ir šaknys“", "form": "seminaras", "delivery_mode": "kontaktinis",
        "place": "Švietimo centras", "academic_hours": "6", "seats": "25", "fee": "0",
        "registration_deadline": (DAY - dt.timedelta(days=3)).isoformat(), "plan_year": str(DAY.year),
        "attendance_threshold": "80",
        "sessions-TOTAL_FORMS": "1", "sessions-INITIAL_FORMS": "0", "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-date": DAY.isoformat(), "sessions-0-start_time": "10:00", "sessions-0-end_time": "15:00",
    }
    data.update(overrides)
    return data


STAFF_PAGES = ["events:programme_list", "events:programme_create", "events:staff_event_list",
               "events:staff_event_create", "events:staff_event_import", "events:plan_manage"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_centre_staff_pages_open_for_staff(client, staff, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_a_teacher_gets_403_on_staff_pages(client, name):
    client.force_login(teacher())
    assert client.get(reverse(name)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("events:staff_event_list"))
    assert response.status_code == 302 and "/prisijungti/" in response["Location"]


def test_staff_of_another_centre_gets_403_on_an_event(client, staff):
    other = EventFactory(organiser=CentreFactory())
    for name in ("staff_event_edit", "staff_event_copy", "staff_event_cancel", "staff_event_publish"):
        assert client.get(reverse(f"events:{name}", args=[other.pk])).status_code == 403
    assert client.post(reverse("events:staff_event_cancel", args=[other.pk]), {"reason": "x"}).status_code == 403


def test_a_lecturer_cannot_publish(client, centre):
    event = EventFactory(organiser=centre, status=Event.Status.DRAFT)
    client.force_login(member(Role.LECTURER, centre))
    assert client.post(reverse("events:staff_event_publish", args=[event.pk])).status_code == 403


def test_staff_create_an_event_with_sessions(client, staff, centre):
    data = event_post(**{"sessions-TOTAL_FORMS": "2", "sessions-1-date": (DAY + dt.timedelta(days=7)).isoformat(),
                         "sessions-1-start_time": "09:00", "sessions-1-end_time": "12:00"})
    response = client.post(reverse("events:staff_event_create"), data)
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.organiser == centre and event.status == Event.Status.DRAFT and event.created_by == staff
    assert (event.starts_on, event.ends_on) == (DAY, DAY + dt.timedelta(days=7))
    assert event.sessions.count() == 2


@pytest.mark.parametrize("overrides, field", [
    ({"sessions-0-end_time": "09:00"}, "end"),
    ({"registration_deadline": DAY.isoformat()}, "deadline"),
    ({"academic_hours": "0"}, "hours"),
    ({"seats": "-1"}, "seats"),
    ({"sessions-0-date": "", "sessions-0-start_time": "", "sessions-0-end_time": ""}, "session"),
])
def test_invalid_event_is_not_saved_and_keeps_what_was_typed(client, staff, overrides, field):
    response = client.post(reverse("events:staff_event_create"), event_post(**overrides))
    assert response.status_code == 200
    assert not Event.objects.exists()
    html = response.content.decode()
    assert "Ąžuolas ir šaknys" in html
    assert "is-invalid" in html or "alert-danger" in html


def test_new_event_from_a_programme_starts_with_its_data(client, staff, centre):
    programme = ProgrammeFactory(owner=centre, title="Kūrybiškumo ugdymas", academic_hours=40)
    response = client.get(reverse("events:staff_event_create"), {"programme": programme.pk})
    form = response.context["form"]
    assert form.initial["title"] == "Kūrybiškumo ugdymas" and form.initial["academic_hours"] == 40


def test_editing_a_published_event_marks_the_built_plan_out_of_date(client, staff, centre):
    event = EventFactory(organiser=centre, starts_on=DAY, registration_deadline=DAY - dt.timedelta(days=3))
    plan = YearPlanFactory(organiser=centre, year=event.plan_year, built_at=timezone.now(),
                           build_status=YearPlan.BuildStatus.READY)
    session = event.sessions.get()
    data = event_post(title="Pakeistas pavadinimas", **{
        "sessions-INITIAL_FORMS": "1", "sessions-0-id": str(session.pk), "sessions-0-event": str(event.pk),
    })
    response = client.post(reverse("events:staff_event_edit", args=[event.pk]), data)
    assert response.status_code == 302
    event.refresh_from_db()
    plan.refresh_from_db()
    assert event.title == "Pakeistas pavadinimas" and plan.is_stale


def test_staff_publish_cancel_and_copy_through_views(client, staff, centre):
    event = EventFactory(organiser=centre, status=Event.Status.DRAFT)
    client.post(reverse("events:staff_event_publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    response = client.post(reverse("events:staff_event_copy", args=[event.pk]),
                           {"first_date": (DAY + dt.timedelta(days=60)).isoformat()})
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == reverse("events:staff_event_edit", args=[copy.pk])
    response = client.post(reverse("events:staff_event_cancel", args=[event.pk]), {"reason": ""})
    assert response.status_code == 200  # the reason is required
    client.post(reverse("events:staff_event_cancel", args=[event.pk]), {"reason": "Per mažai dalyvių"})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED and event.cancel_reason == "Per mažai dalyvių"


def test_completing_a_future_event_shows_a_message_not_an_error(client, staff, centre):
    event = EventFactory(organiser=centre, starts_on=DAY)
    response = client.post(reverse("events:staff_event_complete", args=[event.pk]), follow=True)
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_staff_create_edit_and_archive_a_programme(client, staff, centre):
    no_modules = {"modules-TOTAL_FORMS": "0", "modules-INITIAL_FORMS": "0"}
    response = client.post(reverse("events:programme_create"), {
        "title": "Įtraukiojo ugdymo pagrindai", "registry_code": "P2026-001", "academic_hours": "40", **no_modules,
    })
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert programme.owner == centre
    client.post(reverse("events:programme_edit", args=[programme.pk]),
                {"title": "Įtraukiojo ugdymo pagrindai II", "academic_hours": "0", **no_modules})
    programme.refresh_from_db()
    assert programme.title == "Įtraukiojo ugdymo pagrindai"  # hours 0 refused
    client.post(reverse("events:programme_archive", args=[programme.pk]))
    programme.refresh_from_db()
    assert programme.is_archived


def test_another_centres_programme_is_403(client, staff):
    programme = ProgrammeFactory(owner=CentreFactory())
    assert client.get(reverse("events:programme_edit", args=[programme.pk])).status_code == 403


def test_staff_event_list_query_count_is_constant(client, staff, centre, django_assert_max_num_queries):
    for _ in range(3):
        EventFactory(organiser=centre)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("events:staff_event_list"))
    for _ in range(27):
        EventFactory(organiser=centre)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("events:staff_event_list"))
    assert len(response.context["events"]) == 30


def test_programme_list_query_count_is_constant(client, staff, centre, django_assert_max_num_queries):
    for _ in range(3):
        ProgrammeFactory(owner=centre)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("events:programme_list"))
    for _ in range(27):
        ProgrammeFactory(owner=centre)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("events:programme_list"))


def test_users_without_roles_get_403(client):
    client.force_login(UserFactory())
    assert client.get(reverse("events:plan_manage")).status_code == 403


def test_creating_or_copying_an_event_in_the_past_needs_the_confirmation_box(client, staff, centre):
    past = timezone.localdate() - dt.timedelta(days=10)
    data = event_post(**{"sessions-0-date": past.isoformat(), "registration_deadline": "",
                         "plan_year": str(past.year)})
    response = client.post(reverse("events:staff_event_create"), data)
    assert response.status_code == 200 and not Event.objects.exists()
    assert response.context["form"].errors["confirm_past"]
    assert 'name="confirm_past"' in response.content.decode()
    response = client.post(reverse("events:staff_event_create"), {**data, "confirm_past": "on"})
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_on == past
    response = client.post(reverse("events:staff_event_copy", args=[event.pk]), {"first_date": past.isoformat()})
    assert response.status_code == 200 and Event.objects.count() == 1
    assert response.context["form"].errors["confirm_past"]
    response = client.post(reverse("events:staff_event_copy", args=[event.pk]),
                           {"first_date": past.isoformat(), "confirm_past": "on"})
    assert response.status_code == 302 and Event.objects.count() == 2
