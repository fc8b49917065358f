"""A worker that dies between the mail server's acceptance and our commit must not make the notice go
twice: "sending" is committed before the message leaves, and a send left "sending" is marked "maybe
sent (check)" instead of being sent again blindly."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from notices import services
from notices.models import NoticeLog
from people.models import Role
from tests.factories import EventFactory, UserFactory, member

pytestmark = pytest.mark.django_db

SEEN = []


class WorkerKilled(BaseException):
    """What `kill -9` does to the task: nothing after this line runs, no `except Exception` sees it."""


class AcceptedThenKilled:
    """The mail server accepts the message, then the worker dies before the commit."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        mail.outbox.extend(messages)
        raise WorkerKilled


class Watching:
    """Records what the database says while the message is with the mail server."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        notice = NoticeLog.objects.get(pk=int(messages[0].extra_headers["X-Kvalifikacija-Notice"]))
        SEEN.append((notice.status, notice.sending_at is not None, connection.in_atomic_block))
        mail.outbox.extend(messages)
        return len(messages)


def _pending(key="k1"):
    return services.notify(kind="registration_confirmed", recipient=UserFactory(), key=key,
                           context={"event": EventFactory()}, link="/renginiai/")


def _killed_mid_send(notice):
    with override_settings(EMAIL_BACKEND="tests.notices.test_interrupted_send.AcceptedThenKilled"), \
            pytest.raises(WorkerKilled):
        services.deliver(notice.pk)
    notice.refresh_from_db()
    return notice


@pytest.mark.django_db(transaction=True)
@override_settings(EMAIL_BACKEND="tests.notices.test_interrupted_send.Watching")
def test_sending_is_committed_before_the_mail_server_gets_the_message():
    SEEN.clear()
    notice = _pending()
    NoticeLog.objects.filter(pk=notice.pk).update(status=NoticeLog.Status.PENDING, sent_at=None)
    mail.outbox.clear()
    SEEN.clear()
    assert services.deliver(notice.pk) is True
    assert SEEN == [(NoticeLog.Status.SENDING, True, False)]  # recorded, and no transaction left open
    notice.refresh_from_db()
    assert notice.status == NoticeLog.Status.SENT and notice.attempts >= 1


def test_a_send_in_flight_is_left_to_its_worker():
    notice = _killed_mid_send(_pending())
    assert notice.status == NoticeLog.Status.SENDING and notice.sending_at is not None
    assert services.deliver(notice.pk) is False  # a duplicated task while the first is still sending
    assert len(mail.outbox) == 1
    assert NoticeLog.objects.get(pk=notice.pk).status == NoticeLog.Status.SENDING


@override_settings(NOTICE_SENDING_WINDOW_SECONDS=300, NOTICE_RESEND_UNCONFIRMED_AFTER_HOURS=None)
def test_a_worker_killed_after_the_server_accepted_does_not_send_it_twice(django_capture_on_commit_callbacks):
    notice = _killed_mid_send(_pending())
    NoticeLog.objects.filter(pk=notice.pk).update(sending_at=timezone.now() - timedelta(minutes=6))
    # the broker hands the unacknowledged task out again
    assert services.deliver(notice.pk) is False
    notice.refresh_from_db()
    assert notice.status == NoticeLog.Status.UNCONFIRMED and notice.last_error == str(services.INTERRUPTED)
    # and the sweeps leave it for staff to decide
    with django_capture_on_commit_callbacks(execute=True):
        services.requeue_stale(older_than_minutes=0)
    assert len(mail.outbox) == 1
    assert NoticeLog.objects.get(pk=notice.pk).status == NoticeLog.Status.UNCONFIRMED


@override_settings(NOTICE_SENDING_WINDOW_SECONDS=300, NOTICE_RESEND_UNCONFIRMED_AFTER_HOURS=None)
def test_the_sweep_marks_a_send_left_sending_as_maybe_sent(django_capture_on_commit_callbacks):
    notice = _killed_mid_send(_pending())
    with django_capture_on_commit_callbacks(execute=True):
        services.requeue_stale(older_than_minutes=0)
    assert NoticeLog.objects.get(pk=notice.pk).status == NoticeLog.Status.SENDING  # still within the window
    NoticeLog.objects.filter(pk=notice.pk).update(sending_at=timezone.now() - timedelta(minutes=6))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_stale(older_than_minutes=0) == 0
    assert NoticeLog.objects.get(pk=notice.pk).status == NoticeLog.Status.UNCONFIRMED
    assert len(mail.outbox) == 1


@override_settings(NOTICE_SENDING_WINDOW_SECONDS=300, NOTICE_RESEND_UNCONFIRMED_AFTER_HOURS=24)
def test_with_a_resend_window_the_sweep_sends_it_again_once_after_the_window(django_capture_on_commit_callbacks):
    notice = _killed_mid_send(_pending())
    NoticeLog.objects.filter(pk=notice.pk).update(sending_at=timezone.now() - timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_stale(older_than_minutes=0) == 0  # marked, not yet resent
    assert NoticeLog.objects.get(pk=notice.pk).status == NoticeLog.Status.UNCONFIRMED
    NoticeLog.objects.filter(pk=notice.pk).update(sending_at=timezone.now() - timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_stale(older_than_minutes=0) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_stale(older_than_minutes=0) == 0
    notice.refresh_from_db()
    assert notice.status == NoticeLog.Status.SENT
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]


def test_a_refused_send_waits_for_its_retry_with_the_error_recorded(settings):
    settings.EMAIL_BACKEND = "tests.notices.test_delivery.BrokenBackend"
    notice = _pending()
    with pytest.raises(OSError):
        services.deliver(notice.pk)
    notice.refresh_from_db()
    assert notice.status == NoticeLog.Status.PENDING and notice.attempts == 1 and "down" in notice.last_error


def test_staff_see_a_maybe_sent_notice_and_may_send_it_again(client, django_capture_on_commit_callbacks):
    notice = _killed_mid_send(_pending())
    services.settle_interrupted_sends(now=timezone.now() + timedelta(hours=1))
    client.force_login(member(Role.CENTRE_STAFF))
    response = client.get(reverse("notices:log"))
    assert response.context["unconfirmed_count"] == 1
    assert reverse("notices:retry", args=[notice.pk]) in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notices:retry", args=[notice.pk]))
    assert NoticeLog.objects.get(pk=notice.pk).status == NoticeLog.Status.SENT
    assert len(mail.outbox) == 2
