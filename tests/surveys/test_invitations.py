"""Invitations to event surveys: the surveys app's one invitation job (each person once; one message a
day per person, listing every survey)."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Registration
from notices.models import NoticeLog
from people.models import Role
from surveys import services as periodic
from surveys.models import Invitation, Response, Survey
from tests.factories import CentreFactory, EventFactory, RegistrationFactory, member, teacher
from workflows.event_completion import complete_event

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def completed_event(days_ago):
    day = TODAY - dt.timedelta(days=days_ago)
    return EventFactory(starts_on=day, status=Event.Status.COMPLETED)


def survey(event, kind=Survey.Kind.EVALUATION, opens_on=TODAY, **kwargs):
    return Survey.objects.create(kind=kind, title="Renginio vertinimas", organiser=event.organiser, event=event,
                                 year=TODAY.year, opens_on=opens_on, **kwargs)


def test_attended_participants_are_invited_to_an_open_survey_once(django_capture_on_commit_callbacks):
    event = completed_event(2)
    attended = RegistrationFactory(event=event, status=Registration.Status.ATTENDED)
    answered = RegistrationFactory(event=event, status=Registration.Status.ATTENDED)
    RegistrationFactory(event=event, status=Registration.Status.NO_SHOW)
    open_survey = survey(event)
    Response.objects.create(survey=open_survey, respondent=answered.teacher)
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_survey_invitations(today=TODAY) == 1
        assert periodic.send_survey_invitations(today=TODAY) == 0
    assert [m.to for m in mail.outbox] == [[attended.teacher.email]]
    assert event.title in mail.outbox[0].subject


def test_a_follow_up_survey_invites_when_it_opens_months_later(django_capture_on_commit_callbacks):
    event = completed_event(120)
    registration = RegistrationFactory(event=event, status=Registration.Status.ATTENDED)
    follow_up = survey(event, kind=Survey.Kind.FOLLOW_UP, opens_on=TODAY + dt.timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_survey_invitations(today=TODAY) == 0
        assert periodic.send_survey_invitations(today=follow_up.opens_on) == 1
    notice = NoticeLog.objects.get(kind="survey_invitation")
    assert notice.recipient == registration.teacher
    assert "applied" in notice.body_text or "pritaik" in notice.body_text


def test_closed_or_inactive_surveys_invite_nobody(django_capture_on_commit_callbacks):
    event = completed_event(40)
    RegistrationFactory(event=event, status=Registration.Status.ATTENDED)
    survey(event, opens_on=TODAY - dt.timedelta(days=30), closes_on=TODAY - dt.timedelta(days=1))
    other = completed_event(3)
    RegistrationFactory(event=other, status=Registration.Status.ATTENDED)
    survey(other, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_survey_invitations(today=TODAY) == 0


def test_three_events_completed_the_same_day_make_one_invitation_per_person(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    day = today - dt.timedelta(days=1)
    person = teacher()
    other = teacher()
    events = [EventFactory(starts_on=day, registration_deadline=day - dt.timedelta(days=3)) for _ in range(3)]
    for event in events:
        RegistrationFactory(event=event, teacher=person)
    RegistrationFactory(event=events[0], teacher=other)
    for event in events:
        complete_event(event=event, by=member(Role.CENTRE_STAFF, event.organiser), assume_present=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_survey_invitations(today=today) == 2
        assert periodic.send_survey_invitations(today=today) == 0
        assert periodic.send_survey_invitations(today=today + dt.timedelta(days=1)) == 0
    notice = NoticeLog.objects.get(kind="survey_invitation", recipient=person)
    for event in events:
        survey = Survey.objects.get(event=event, kind=Survey.Kind.EVALUATION)
        assert event.title in notice.body_text
        assert reverse("surveys:answer", args=[survey.pk]) in notice.body_text
    assert notice.link == reverse("surveys:my_surveys")
    assert "3" in notice.subject
    single = NoticeLog.objects.get(kind="survey_invitation", recipient=other)
    assert events[0].title in single.subject
    assert Invitation.objects.filter(person=person).count() == 3
    assert [m.to for m in mail.outbox].count([person.email]) == 1


def test_two_centres_needs_surveys_the_same_day_make_one_message_naming_both(django_capture_on_commit_callbacks):
    person = teacher()
    needs = [
        Survey.objects.create(kind=Survey.Kind.NEEDS, title=f"{name} poreikių apklausa", organiser=CentreFactory(),
                              year=TODAY.year, opens_on=TODAY, closes_on=TODAY + dt.timedelta(days=20))
        for name in ("Alytaus", "Varėnos")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        periodic.send_survey_invitations(today=TODAY)
    notice = NoticeLog.objects.get(kind="needs_survey_invitation", recipient=person)
    for one in needs:
        assert one.title in notice.body_text
        assert reverse("surveys:answer", args=[one.pk]) in notice.body_text
    assert "2" in notice.subject
    assert notice.link == reverse("surveys:my_surveys")
    assert [m.to for m in mail.outbox].count([person.email]) == 1


def test_a_survey_opening_later_the_same_day_is_its_own_invitation(django_capture_on_commit_callbacks):
    first = completed_event(2)
    registration = RegistrationFactory(event=first, status=Registration.Status.ATTENDED)
    survey(first)
    assert periodic.send_survey_invitations(today=TODAY) == 1
    second = completed_event(1)
    RegistrationFactory(event=second, teacher=registration.teacher, status=Registration.Status.ATTENDED)
    survey(second)
    assert periodic.send_survey_invitations(today=TODAY) == 1
    assert NoticeLog.objects.filter(recipient=registration.teacher).count() == 2


def test_invitations_sent_before_the_upgrade_are_carried_over_and_not_repeated():
    carry_over = importlib.import_module("surveys.migrations.0003_invitations").carry_over_sent_invitations
    event = completed_event(2)
    registration = RegistrationFactory(event=event, status=Registration.Status.ATTENDED)
    open_survey = survey(event)
    NoticeLog.objects.create(key=f"survey_invitation:{open_survey.pk}:{registration.teacher_id}",
                             kind="survey_invitation", recipient=registration.teacher,
                             email=registration.teacher.email, subject="Įvertinkite renginį", body_text="…")
    carry_over(django_apps, None)
    assert Invitation.objects.get(survey=open_survey).person == registration.teacher
    assert periodic.send_survey_invitations(today=TODAY) == 0
