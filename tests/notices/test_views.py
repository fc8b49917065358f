"""Inbox and preferences for everybody; the notice log for staff only."""

import pytest
from django.urls import reverse

from notices.models import NoticeLog, NoticePreference
from people.models import Role
from tests.factories import UserFactory, member, teacher

pytestmark = pytest.mark.django_db


def log_notice(user, n=0, **kwargs):
    defaults = {"key": f"k-{user.pk}-{n}", "kind": "registration_confirmed", "recipient": user, "email": user.email,
                "subject": f"Pranešimas {n}", "body_text": "...", "link": "/renginiai/"}
    defaults.update(kwargs)
    return NoticeLog.objects.create(**defaults)


def test_the_inbox_shows_only_my_notices_with_the_unread_count(client):
    me, other = UserFactory(), UserFactory()
    log_notice(me, 1, subject="Mano pranešimas")
    log_notice(me, 2, subject="Perskaitytas", read_at="2026-01-01T10:00Z")
    log_notice(other, 1, subject="Svetimas pranešimas")
    client.force_login(me)
    response = client.get(reverse("notices:inbox"))
    assert response.status_code == 200
    assert response.context["unread_count"] == 1
    content = response.content.decode()
    assert "Mano pranešimas" in content and "Svetimas pranešimas" not in content


def test_nobody_opens_or_marks_another_persons_notice(client):
    me, other = UserFactory(), UserFactory()
    theirs = log_notice(other)
    client.force_login(me)
    assert client.post(reverse("notices:open", args=[theirs.pk])).status_code == 404
    client.post(reverse("notices:mark_read"), {"notice": [theirs.pk]})
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_a_notice_marks_it_read_and_follows_its_link(client):
    me = UserFactory()
    notice = log_notice(me)
    client.force_login(me)
    response = client.post(reverse("notices:open", args=[notice.pk]))
    assert response.status_code == 302 and response.url == "/renginiai/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_mark_all_read(client):
    me = UserFactory()
    for n in range(3):
        log_notice(me, n)
    client.force_login(me)
    client.post(reverse("notices:mark_read"))
    assert not NoticeLog.objects.filter(recipient=me, read_at__isnull=True).exists()


def test_the_inbox_needs_sign_in(client):
    response = client.get(reverse("notices:inbox"))
    assert response.status_code == 302 and "/prisijungti/" in response.url


def test_preferences_turn_optional_email_off_and_keep_the_choice(client):
    me = UserFactory()
    client.force_login(me)
    response = client.get(reverse("notices:preferences"))
    assert set(response.context["form"].initial["email_kinds"]) >= {"event_reminder", "survey_invitation"}
    response = client.post(reverse("notices:preferences"), {"email_kinds": ["event_reminder"]})
    assert response.status_code == 302
    assert NoticePreference.objects.get(user=me, kind="survey_invitation").email_enabled is False
    assert NoticePreference.objects.get(user=me, kind="event_reminder").email_enabled is True


def test_preferences_reject_an_unknown_kind(client):
    me = UserFactory()
    client.force_login(me)
    response = client.post(reverse("notices:preferences"), {"email_kinds": ["leave_decided"]})
    assert response.status_code == 200 and response.context["form"].errors


@pytest.mark.parametrize("role", [Role.TEACHER, Role.DIRECTOR, Role.DEPUTY, Role.LECTURER])
def test_only_staff_see_the_notice_log(client, role):
    client.force_login(member(role))
    assert client.get(reverse("notices:log")).status_code == 403


def test_a_teacher_cannot_retry_a_failed_notice(client):
    notice = log_notice(UserFactory(), status=NoticeLog.Status.FAILED)
    client.force_login(teacher())
    assert client.post(reverse("notices:retry", args=[notice.pk])).status_code == 403


@pytest.mark.parametrize("role", [Role.CENTRE_STAFF, Role.ADMINISTRATOR])
def test_staff_filter_the_log_by_who_what_when_and_status(client, role):
    rūta = UserFactory(first_name="Rūta", last_name="Žemaitytė", email="ruta@example.lt")
    jonas = UserFactory(first_name="Jonas", last_name="Petraitis", email="jonas@example.lt")
    log_notice(rūta, 1, subject="Rūtos digestas", kind="digest_new_events", status=NoticeLog.Status.SENT)
    log_notice(jonas, 1, subject="Jono klaida", status=NoticeLog.Status.FAILED, last_error="SMTP down")
    client.force_login(member(role))
    url = reverse("notices:log")
    subjects = lambda response: {n.subject for n in response.context["notices"]}  # noqa: E731
    assert subjects(client.get(url)) == {"Rūtos digestas", "Jono klaida"}
    assert subjects(client.get(url, {"who": "Žemait"})) == {"Rūtos digestas"}
    assert subjects(client.get(url, {"kind": "digest_new_events"})) == {"Rūtos digestas"}
    assert subjects(client.get(url, {"status": "failed"})) == {"Jono klaida"}
    assert subjects(client.get(url, {"created_from": "2000-01-01", "created_to": "2000-01-02"})) == set()
    response = client.get(url, {"status": "failed"})
    assert response.context["failed_count"] == 1
    assert "SMTP down" in response.content.decode()


def test_staff_retry_a_failed_notice_from_the_dead_letter(client, django_capture_on_commit_callbacks, mailoutbox):
    notice = log_notice(UserFactory(), status=NoticeLog.Status.FAILED, last_error="SMTP down")
    client.force_login(member(Role.CENTRE_STAFF))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notices:retry", args=[notice.pk]), {"next": "/pranesimai/zurnalas/?status=failed"})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeLog.Status.SENT and len(mailoutbox) == 1
    # A second click finds nothing to retry and says so.
    response = client.post(reverse("notices:retry", args=[notice.pk]), follow=True)
    content = response.content.decode()
    assert "Only a failed notice" in content or "tik nepavykusį" in content


def test_the_log_uses_a_constant_number_of_queries(client, django_assert_max_num_queries):
    staff = member(Role.CENTRE_STAFF)
    client.force_login(staff)
    people = [UserFactory() for _ in range(3)]
    for n, person in enumerate(people):
        log_notice(person, n)
    client.get(reverse("notices:log"))  # warm the session
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notices:log"))
    for n in range(30):
        log_notice(UserFactory(), 100 + n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("notices:log"))
    assert len(response.context["notices"]) == 33


def test_the_inbox_uses_a_constant_number_of_queries(client, django_assert_max_num_queries):
    me = UserFactory()
    client.force_login(me)
    log_notice(me, 0)
    client.get(reverse("notices:inbox"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notices:inbox"))
    for n in range(1, 24):
        log_notice(me, n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notices:inbox"))
