"""Small builders shared by the certificate tests."""

import datetime as dt

from events.models import Event, Registration
from people.models import Role
from tests.factories import CentreFactory, EventFactory, RegistrationFactory, SchoolFactory, member, teacher


def completed_event(*, attendees=2, school=None, organiser=None, **kwargs):
    """A completed event with `attendees` registrations marked attended (at `school`)."""
    organiser = organiser or CentreFactory(
        accreditation_order="V-1234", accreditation_date=dt.date(2022, 5, 10),
        accreditation_expires=dt.date(2027, 5, 10),
    )
    start = dt.date(2026, 3, 10)
    defaults = {"status": Event.Status.COMPLETED, "starts_on": start, "ends_on": start + dt.timedelta(days=1),
                "registration_deadline": start - dt.timedelta(days=3), "plan_year": 2026, "academic_hours": 12}
    defaults.update(kwargs)
    event = EventFactory(organiser=organiser, **defaults)
    school = school or SchoolFactory()
    registrations = [
        RegistrationFactory(event=event, school=school, status=Registration.Status.ATTENDED)
        for _ in range(attendees)
    ]
    return event, registrations


def staff_of(event):
    return member(Role.CENTRE_STAFF, event.organiser)


def named_teacher(school, first="Žydrūnė", last="Šėmaitė-Ąžuolienė"):
    return teacher(school, first_name=first, last_name=last)
