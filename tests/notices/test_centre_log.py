"""Two centres: each centre's staff see their centre's notices in the notice log (and those about no
centre's work), never the other centre's; the administrators see all."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from events.models import Registration
from events.services.seats import notify_outcome
from notices.models import NoticeLog
from people.models import Role
from tests.factories import CentreFactory, EventFactory, RegistrationFactory, UserFactory, member

from .test_views import log_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    north, south = CentreFactory(), CentreFactory()
    person = UserFactory()
    notices = {
        "north": log_notice(person, 1, subject="Šiaurės", centre=north, status=NoticeLog.Status.FAILED),
        "south": log_notice(person, 2, subject="Pietų", centre=south, status=NoticeLog.Status.FAILED),
        "none": log_notice(person, 3, subject="Prisijungimas", kind="password_reset"),
    }
    return north, south, notices


def subjects(response):
    return {notice.subject for notice in response.context["notices"]}


def test_a_centres_staff_see_only_their_centres_notices(client, two):
    north, _south, _notices = two
    client.force_login(member(Role.CENTRE_STAFF, north))
    response = client.get(reverse("notices:log"))
    assert subjects(response) == {"Šiaurės", "Prisijungimas"}
    assert response.context["failed_count"] == 1
    assert subjects(client.get(reverse("notices:log"), {"status": "failed"})) == {"Šiaurės"}


def test_administrators_see_every_centres_notices(client, two):
    client.force_login(member(Role.ADMINISTRATOR))
    assert subjects(client.get(reverse("notices:log"))) == {"Šiaurės", "Pietų", "Prisijungimas"}


def test_another_centres_notice_cannot_be_sent_again(client, two, django_capture_on_commit_callbacks):
    north, _south, notices = two
    client.force_login(member(Role.CENTRE_STAFF, north))
    assert client.post(reverse("notices:retry", args=[notices["south"].pk])).status_code == 404
    assert NoticeLog.objects.get(pk=notices["south"].pk).status == NoticeLog.Status.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("notices:retry", args=[notices["north"].pk])).status_code == 302
    assert NoticeLog.objects.get(pk=notices["north"].pk).status == NoticeLog.Status.SENT


def test_a_notice_about_a_centres_event_carries_the_centre(django_capture_on_commit_callbacks):
    CentreFactory()
    south = CentreFactory()
    registration = RegistrationFactory(event=EventFactory(organiser=south), status=Registration.Status.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        notify_outcome(registration)
    assert NoticeLog.objects.get(kind="registration_confirmed").centre == south


def test_old_notices_get_their_centre_from_what_they_are_about():
    migration = importlib.import_module("notices.migrations.0006_notice_centre")
    CentreFactory()
    south = CentreFactory()
    registration = RegistrationFactory(event=EventFactory(organiser=south))
    person = registration.teacher
    old = log_notice(person, 1, key=f"registration_confirmed:{registration.pk}:2026-01-01")
    account = log_notice(person, 2, kind="password_reset", key=f"password_reset:{person.pk}:x")
    migration.assign_centres(apps, None)
    assert NoticeLog.objects.get(pk=old.pk).centre == south
    assert NoticeLog.objects.get(pk=account.pk).centre is None
