"""Registration pages: wiring, messages and who may see or do what."""

import io

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from events.models import Event, Registration
from events.services import errors
from people.models import Role
from tests.factories import EventFactory, RegistrationFactory, SchoolFactory, member, teacher

pytestmark = pytest.mark.django_db


def free_event(**kwargs):
    """An event that needs no director's approval (free and outside working hours)."""
    return EventFactory(outside_working_hours=True, **kwargs)


def test_event_page_panel_shows_the_register_button_to_a_teacher(client):
    event = free_event(seats=5)
    client.force_login(teacher())
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'id="register-button"' in html
    assert reverse("events:register", args=[event.pk]) in html
    assert 'data-seats-left="5"' in html


def test_event_page_panel_asks_anonymous_people_to_sign_in(client):
    event = free_event()
    html = client.get(event.get_absolute_url()).content.decode()
    assert reverse("login") in html
    assert 'id="register-button"' not in html


def test_event_page_panel_tells_non_teachers_they_cannot_register(client):
    event = free_event()
    client.force_login(member(Role.DIRECTOR))
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'id="register-button"' not in html
    assert str(errors.NotATeacher.default_message) in html


def test_teacher_registers_and_sees_the_confirmed_status(client):
    event = free_event(seats=5)
    person = teacher()
    client.force_login(person)
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert response.redirect_chain[-1][0] == event.get_absolute_url()
    registration = Registration.objects.get(event=event, teacher=person)
    assert registration.status == Registration.Status.CONFIRMED
    assert 'id="cancel-registration"' in response.content.decode()


def test_full_event_puts_the_teacher_on_the_waiting_list_with_the_position(client):
    event = free_event(seats=1)
    RegistrationFactory(event=event)
    client.force_login(teacher())
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    html = response.content.decode()
    assert Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED).count() == 1
    assert "hx-get" in html  # the position refreshes itself
    panel = client.get(reverse("events:registration_panel", args=[event.pk]))
    assert panel.status_code == 200
    assert "1" in panel.content.decode()


def test_registering_twice_shows_a_clear_message(client):
    event = free_event()
    person = teacher()
    RegistrationFactory(event=event, teacher=person)
    client.force_login(person)
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert str(errors.AlreadyRegistered.default_message) in response.content.decode()


def test_registering_after_the_deadline_shows_a_clear_message(client):
    event = free_event(registration_deadline=timezone.localdate() - timezone.timedelta(days=1))
    client.force_login(teacher())
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert not Registration.objects.exists()
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()


def test_non_teacher_register_post_is_refused_with_a_message(client):
    event = free_event()
    client.force_login(member(Role.LECTURER))
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert not Registration.objects.exists()
    assert str(errors.NotATeacher.default_message) in response.content.decode()


def test_registration_needing_approval_goes_on_to_the_leave_request(client):
    event = EventFactory(outside_working_hours=False)
    client.force_login(teacher())
    response = client.post(reverse("events:register", args=[event.pk]))
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING
    try:
        expected = reverse("leave:create_for_registration", args=[registration.pk])
    except NoReverseMatch:
        expected = event.get_absolute_url()
    assert response["Location"] == expected


def test_draft_event_cannot_be_registered_for(client):
    event = free_event(status=Event.Status.DRAFT)
    client.force_login(teacher())
    assert client.post(reverse("events:register", args=[event.pk])).status_code == 404


def test_teacher_cancels_own_place(client):
    registration = RegistrationFactory(event=free_event())
    client.force_login(registration.teacher)
    client.post(reverse("events:cancel_registration", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_teacher_cannot_cancel_another_teachers_place(client):
    registration = RegistrationFactory()
    client.force_login(teacher())
    response = client.post(reverse("events:cancel_registration", args=[registration.pk]))
    assert response.status_code in (403, 404)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_my_events_lists_upcoming_waiting_past_and_cancelled(client):
    person = teacher()
    today = timezone.localdate()
    upcoming = RegistrationFactory(teacher=person, event=EventFactory(title="Būsimas renginys"))
    waiting = RegistrationFactory(teacher=person, event=EventFactory(title="Laukiamas renginys"),
                                  status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now())
    past_event = EventFactory(title="Praėjęs renginys", starts_on=today - timezone.timedelta(days=10),
                              status=Event.Status.COMPLETED, academic_hours=8)
    RegistrationFactory(teacher=person, event=past_event, status=Registration.Status.ATTENDED)
    RegistrationFactory(teacher=person, event=EventFactory(title="Atšauktas renginys"),
                        status=Registration.Status.CANCELLED)
    client.force_login(person)
    response = client.get(reverse("events:my_events"))
    assert response.status_code == 200
    ctx = response.context
    assert [r.event.title for r in ctx["upcoming"]] == [upcoming.event.title]
    assert [r.event.title for r in ctx["waiting"]] == [waiting.event.title]
    assert ctx["waiting"][0].position == 1
    assert [r.event.title for r in ctx["past"]] == ["Praėjęs renginys"]
    assert [r.event.title for r in ctx["cancelled"]] == ["Atšauktas renginys"]
    if past_event.starts_on.year == today.year:
        assert ctx["hours_this_year"] == 8


def test_my_events_needs_sign_in(client):
    assert client.get(reverse("events:my_events")).status_code == 302


# --- Registrants -------------------------------------------------------------------------------------

def test_teacher_cannot_see_an_events_registrants(client):
    event = EventFactory()
    client.force_login(teacher())
    assert client.get(reverse("events:registrants", args=[event.pk])).status_code == 403
    assert client.get(reverse("events:registrants_csv", args=[event.pk])).status_code == 403
    assert client.get(reverse("events:attendance_sheet", args=[event.pk])).status_code == 403


def test_staff_of_another_centre_cannot_see_registrants(client):
    event = EventFactory()
    client.force_login(member(Role.CENTRE_STAFF))
    assert client.get(reverse("events:registrants", args=[event.pk])).status_code == 403


def test_lecturer_of_another_event_cannot_see_registrants(client):
    event = EventFactory()
    other = EventFactory(organiser=event.organiser)
    lecturer = member(Role.LECTURER, event.organiser)
    other.lecturers.add(lecturer)
    client.force_login(lecturer)
    assert client.get(reverse("events:registrants", args=[event.pk])).status_code == 403
    assert client.get(reverse("events:attendance", args=[event.pk])).status_code == 403


def test_lecturer_of_the_event_sees_registrants_but_cannot_change_them(client):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    lecturer = member(Role.LECTURER, event.organiser)
    event.lecturers.add(lecturer)
    client.force_login(lecturer)
    assert client.get(reverse("events:registrants", args=[event.pk])).status_code == 200
    response = client.post(reverse("events:registrants", args=[event.pk]),
                           {"action": "to_waiting", "registration": registration.pk})
    assert response.status_code == 403


def _staff_client(client, event):
    staff = member(Role.CENTRE_STAFF, event.organiser)
    client.force_login(staff)
    return staff


def test_registrants_list_shows_school_and_status(client):
    school = SchoolFactory(name="Šilelio gimnazija")
    event = EventFactory(seats=1)
    RegistrationFactory(event=event, teacher=teacher(school), school=school)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now())
    _staff_client(client, event)
    html = client.get(reverse("events:registrants", args=[event.pk])).content.decode()
    assert "Šilelio gimnazija" in html
    assert str(Registration.Status.WAITLISTED.label) in html


@pytest.mark.parametrize("rows", [3, 30])
def test_registrants_list_uses_a_constant_number_of_queries(client, django_assert_max_num_queries, rows):
    event = EventFactory(seats=10)
    school = SchoolFactory()
    for n in range(rows):
        RegistrationFactory(event=event, teacher=teacher(school), school=school,
                            status=Registration.Status.CONFIRMED if n < 10 else Registration.Status.WAITLISTED,
                            waitlisted_at=None if n < 10 else timezone.now())
    _staff_client(client, event)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:registrants", args=[event.pk]))
    assert response.status_code == 200
    assert len(response.context["rows"]) == rows


def test_staff_adds_a_person_by_hand(client):
    event = EventFactory()
    person = teacher()
    _staff_client(client, event)
    response = client.post(reverse("events:registrants", args=[event.pk]), {"action": "add", "email": person.email})
    assert response.status_code == 302
    assert Registration.objects.get(event=event).teacher == person


def test_adding_an_unknown_email_keeps_the_input_and_explains(client):
    event = EventFactory()
    _staff_client(client, event)
    response = client.post(reverse("events:registrants", args=[event.pk]),
                           {"action": "add", "email": "nera@example.lt"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "nera@example.lt" in html
    assert "invalid-feedback" in html


def test_staff_moves_between_confirmed_and_waiting(client):
    event = EventFactory(seats=1)
    holder = RegistrationFactory(event=event)
    _staff_client(client, event)
    client.post(reverse("events:registrants", args=[event.pk]), {"action": "to_waiting", "registration": holder.pk})
    holder.refresh_from_db()
    assert holder.status == Registration.Status.WAITLISTED
    client.post(reverse("events:registrants", args=[event.pk]), {"action": "to_confirmed", "registration": holder.pk})
    holder.refresh_from_db()
    assert holder.status == Registration.Status.CONFIRMED


def test_staff_cancels_a_place_from_the_list(client):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    _staff_client(client, event)
    response = client.post(reverse("events:cancel_registration", args=[registration.pk]))
    assert response["Location"] == reverse("events:registrants", args=[event.pk])
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_staff_raising_seats_from_the_list_promotes(client):
    event = EventFactory(seats=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now())
    _staff_client(client, event)
    client.post(reverse("events:registrants", args=[event.pk]), {"action": "seats", "seats": "2"})
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_csv_export_has_lithuanian_letters_and_every_registrant(client):
    school = SchoolFactory(name="Žiburio pagrindinė mokykla")
    event = EventFactory()
    RegistrationFactory(event=event, teacher=teacher(school, last_name="Čepulienė"), school=school)
    _staff_client(client, event)
    response = client.get(reverse("events:registrants_csv", args=[event.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Čepulienė" in text and "Žiburio pagrindinė mokykla" in text
    assert len(text.strip().splitlines()) == 2


def test_xlsx_export_opens_with_the_registrants(client):
    from openpyxl import load_workbook

    event = EventFactory()
    RegistrationFactory(event=event, teacher=teacher(last_name="Šimkienė"))
    _staff_client(client, event)
    response = client.get(reverse("events:registrants_xlsx", args=[event.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Šimkienė" in values


def test_exports_show_registration_times_in_local_time_with_the_zone_named(client):
    import datetime as dt

    from django.utils import timezone

    event = EventFactory()
    registration = RegistrationFactory(event=event, teacher=teacher(last_name="Laikaitė"))
    at_utc = dt.datetime(2026, 3, 2, 22, 30, tzinfo=dt.UTC)  # 00:30 on 3 March in Vilnius
    type(registration).objects.filter(pk=registration.pk).update(created_at=at_utc)
    _staff_client(client, event)
    text = client.get(reverse("events:registrants_csv", args=[event.pk])).content.decode("utf-8-sig")
    assert "2026-03-03 00:30" in text and "2026-03-02 22:30" not in text
    assert timezone.get_current_timezone_name() == "Europe/Vilnius" and "(Europe/Vilnius)" in text


def test_attendance_sheet_pdf_lists_participants_with_lithuanian_letters(client):
    from pypdf import PdfReader

    event = EventFactory(title="Įtraukusis ugdymas")
    RegistrationFactory(event=event, teacher=teacher(last_name="Žemaitytė"))
    _staff_client(client, event)
    response = client.get(reverse("events:attendance_sheet", args=[event.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Žemaitytė" in text
    assert "Įtraukusis ugdymas" in text


def test_lecturer_events_lists_own_events_only(client):
    lecturer = member(Role.LECTURER)
    mine = EventFactory(title="Mano paskaita")
    EventFactory(title="Kito paskaita")
    mine.lecturers.add(lecturer)
    RegistrationFactory(event=mine)
    client.force_login(lecturer)
    response = client.get(reverse("events:lecturer_events"))
    html = response.content.decode()
    assert "Mano paskaita" in html and "Kito paskaita" not in html
    assert response.context["upcoming"][0].confirmed == 1


def test_lecturer_events_is_for_lecturers(client):
    client.force_login(teacher())
    assert client.get(reverse("events:lecturer_events")).status_code == 403
