"""Centre staff adding a person to an event by an address with no account: an invitation and a place,
or an error, as the centre chooses."""

import pytest
from django.urls import reverse

from events.models import Registration
from notices.models import NoticeLog
from people.models import Membership, Role, User
from tests import factories as f

pytestmark = pytest.mark.django_db


def _staff(client, event):
    client.force_login(f.member(Role.CENTRE_STAFF, event.organiser))


def test_unknown_address_is_invited_and_given_a_place(client):
    event = f.EventFactory()
    school = f.SchoolFactory()
    _staff(client, event)
    response = client.post(reverse("events:registrants", args=[event.pk]), {
        "action": "add", "email": "Nauja.Mokytoja@Mokykla.lt", "invite": "on", "first_name": "Nauja",
        "last_name": "Mokytoja", "school": school.pk})
    assert response.status_code == 302
    user = User.objects.get(email="nauja.mokytoja@mokykla.lt")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, organisation=school, role=Role.TEACHER, is_active=True).exists()
    assert Registration.objects.get(event=event).teacher == user
    assert NoticeLog.objects.filter(kind="invitation", recipient=user).count() == 1


def test_unknown_address_without_the_invite_choice_or_names_is_refused(client):
    event = f.EventFactory()
    _staff(client, event)
    response = client.post(reverse("events:registrants", args=[event.pk]), {"action": "add", "email": "x@y.lt"})
    assert response.status_code == 200 and not User.objects.filter(email="x@y.lt").exists()
    response = client.post(reverse("events:registrants", args=[event.pk]),
                           {"action": "add", "email": "x@y.lt", "invite": "on"})
    assert response.status_code == 200 and not User.objects.filter(email="x@y.lt").exists()
    assert not Registration.objects.exists()
