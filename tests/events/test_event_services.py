import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from events.models import Event, EventSession, Registration, YearPlan
from events.services import events as services
from people.models import Role
from tests.factories import (
    CentreFactory,
    EventFactory,
    EventSessionFactory,
    RegistrationFactory,
    SubjectFactory,
    UserFactory,
    YearPlanFactory,
    member,
)

pytestmark = pytest.mark.django_db

D = dt.date(2030, 3, 10)


def session(day=D, start=dt.time(10), end=dt.time(15)):
    return {"date": day, "start_time": start, "end_time": end}


def test_valid_event_has_no_errors():
    assert services.validate_event(academic_hours=6, seats=20, fee=0, registration_deadline=D - dt.timedelta(days=1),
                                   sessions=[session()]) == {}


def test_session_must_end_after_it_starts():
    errors = services.validate_event(academic_hours=6, seats=20, sessions=[session(start=dt.time(15), end=dt.time(10))])
    assert errors == {"sessions": [services.MSG_END_AFTER_START]}


def test_session_ending_when_it_starts_is_rejected():
    errors = services.validate_event(academic_hours=6, seats=20, sessions=[session(start=dt.time(10), end=dt.time(10))])
    assert "sessions" in errors


def test_registration_deadline_must_be_before_the_first_session():
    errors = services.validate_event(academic_hours=6, seats=20, registration_deadline=D,
                                     sessions=[session(D + dt.timedelta(days=3)), session(D)])
    assert errors == {"registration_deadline": [services.MSG_DEADLINE_BEFORE_FIRST]}


def test_academic_hours_must_be_positive():
    assert services.validate_event(academic_hours=0, seats=1, sessions=[session()]) == {
        "academic_hours": [services.MSG_HOURS_POSITIVE]}


def test_seats_cannot_be_negative_but_zero_means_unlimited():
    assert services.validate_event(academic_hours=6, seats=-1, sessions=[session()]) == {
        "seats": [services.MSG_SEATS_NOT_NEGATIVE]}
    assert services.validate_event(academic_hours=6, seats=0, sessions=[session()]) == {}


def test_an_event_needs_a_session():
    assert services.validate_event(academic_hours=6, seats=1, sessions=[]) == {"sessions": [services.MSG_NEEDS_SESSION]}


def test_create_event_with_errors_saves_nothing():
    centre = CentreFactory()
    with pytest.raises(services.EventInvalid) as caught:
        services.create_event(organiser=centre, title="Blogas", academic_hours=0, seats=-5,
                              sessions=[session(start=dt.time(12), end=dt.time(9))])
    assert set(caught.value.errors) == {"academic_hours", "seats", "sessions"}
    assert not Event.objects.exists() and not EventSession.objects.exists()


def test_create_event_keeps_dates_in_step_with_sessions():
    centre = CentreFactory()
    subject = SubjectFactory(name="Matematika")
    event = services.create_event(
        organiser=centre, title="Matematikos dirbtuvės", academic_hours=12, seats=20,
        sessions=[session(D + dt.timedelta(days=7)), session(D)], subjects=[subject],
    )
    assert (event.starts_on, event.ends_on, event.plan_year) == (D, D + dt.timedelta(days=7), 2030)
    assert list(event.audience_subjects.all()) == [subject]


def test_sync_dates_follows_added_and_removed_sessions():
    event = EventFactory(starts_on=D)
    EventSessionFactory(event=event, date=D + dt.timedelta(days=2))
    services.sync_dates(event)
    event.refresh_from_db()
    assert event.ends_on == D + dt.timedelta(days=2)
    event.sessions.filter(date=D).delete()
    services.sync_dates(event)
    event.refresh_from_db()
    assert event.starts_on == D + dt.timedelta(days=2)


def test_publish_makes_a_draft_public():
    event = EventFactory(status=Event.Status.DRAFT)
    services.publish_event(event=event, by=UserFactory())
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED and event.published_at


def test_publishing_twice_is_refused():
    event = EventFactory(status=Event.Status.PUBLISHED)
    with pytest.raises(services.NotAllowedInStatus):
        services.publish_event(event=event, by=UserFactory())


def test_a_draft_without_sessions_cannot_be_published():
    event = EventFactory(status=Event.Status.DRAFT, with_session=False)
    with pytest.raises(services.EventInvalid):
        services.publish_event(event=event, by=UserFactory())


def test_cancel_needs_a_reason():
    event = EventFactory()
    with pytest.raises(services.EventInvalid):
        services.cancel_event(event=event, by=UserFactory(), reason="  ")
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_cancel_calls_the_registration_hook_inside_its_transaction():
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    staff = member(Role.CENTRE_STAFF, event.organiser)
    with mock.patch("events.services.registration.on_event_cancelled",
                    wraps=services.registration.on_event_cancelled) as hook:
        services.cancel_event(event=event, by=staff, reason="Lektorius suserga")
    hook.assert_called_once()
    assert hook.call_args.kwargs["by"] == staff
    event.refresh_from_db()
    registration.refresh_from_db()
    assert event.status == Event.Status.CANCELLED and event.cancel_reason == "Lektorius suserga"
    assert registration.status == Registration.Status.CANCELLED


def test_cancel_is_rolled_back_when_the_hook_fails():
    event = EventFactory()
    with mock.patch("events.services.registration.on_event_cancelled", side_effect=RuntimeError("boom")):
        with pytest.raises(RuntimeError):
            services.cancel_event(event=event, by=UserFactory(), reason="Priežastis")
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_mark_completed_calls_the_registration_hook():
    event = EventFactory(starts_on=timezone.localdate() - dt.timedelta(days=1))
    registration = RegistrationFactory(event=event)
    with mock.patch("events.services.attendance.on_event_completed",
                    wraps=services.attendance.on_event_completed) as hook:
        services.mark_completed(event=event, by=UserFactory(), assume_present=True)
    hook.assert_called_once()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ATTENDED


def test_an_event_cannot_be_completed_before_it_starts():
    event = EventFactory(starts_on=timezone.localdate() + dt.timedelta(days=5))
    with pytest.raises(services.NotAllowedInStatus):
        services.mark_completed(event=event, by=UserFactory())


def test_copy_keeps_session_spacing_and_deadline_distance_as_a_draft():
    event = EventFactory(starts_on=D, registration_deadline=D - dt.timedelta(days=3), fee=Decimal("15"))
    EventSessionFactory(event=event, date=D + dt.timedelta(days=7), start_time=dt.time(9), end_time=dt.time(12))
    event.lecturers.add(UserFactory())
    copy = services.copy_event(event=event, first_date=dt.date(2031, 1, 5), by=UserFactory())
    assert copy.pk != event.pk and copy.status == Event.Status.DRAFT
    assert [s.date for s in copy.sessions.all()] == [dt.date(2031, 1, 5), dt.date(2031, 1, 12)]
    assert copy.registration_deadline == dt.date(2031, 1, 2)
    assert copy.plan_year == 2031 and copy.lecturers.count() == 1


def test_changing_a_published_event_marks_a_built_plan_out_of_date():
    event = EventFactory(starts_on=D)
    plan = YearPlanFactory(organiser=event.organiser, year=2030, built_at=timezone.now(),
                           build_status=YearPlan.BuildStatus.READY)
    services.cancel_event(event=event, by=UserFactory(), reason="Nėra dalyvių")
    plan.refresh_from_db()
    assert plan.is_stale


def test_a_plan_never_built_is_not_marked_out_of_date():
    event = EventFactory(status=Event.Status.DRAFT, starts_on=D)
    plan = YearPlanFactory(organiser=event.organiser, year=2030)
    services.publish_event(event=event, by=UserFactory())
    plan.refresh_from_db()
    assert not plan.is_stale


def test_archiving_a_programme_keeps_it_on_its_events():
    event = EventFactory(programme=None)
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory(owner=event.organiser)
    event.programme = programme
    event.save()
    services.archive_programme(programme=programme, by=UserFactory())
    programme.refresh_from_db()
    event.refresh_from_db()
    assert programme.is_archived and event.programme_id == programme.pk


def test_an_event_starting_in_the_past_is_created_or_copied_only_with_a_confirmation():
    from django.utils import translation

    centre = CentreFactory()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(services.EventInvalid) as caught:
        services.create_event(organiser=centre, title="Praėjęs", academic_hours=6, seats=10,
                              sessions=[session(yesterday)])
    assert caught.value.field == "confirm_past" and set(caught.value.errors) == {"confirm_past"}
    with translation.override("lt"):
        assert "praeityje" in str(caught.value)
    assert not Event.objects.exists()
    event = services.create_event(organiser=centre, title="Praėjęs", academic_hours=6, seats=10,
                                  sessions=[session(yesterday)], confirm_past=True)
    with pytest.raises(services.EventInvalid) as caught:
        services.copy_event(event=event, first_date=yesterday, by=UserFactory())
    assert caught.value.field == "confirm_past"
    assert Event.objects.count() == 1
    copy = services.copy_event(event=event, first_date=yesterday, by=UserFactory(), confirm_past=True)
    assert copy.starts_on == yesterday
    # today and later need no confirmation
    services.create_event(organiser=centre, title="Šiandien", academic_hours=6, seats=10,
                          sessions=[session(timezone.localdate())])
