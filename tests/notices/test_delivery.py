"""The outbox: a notice is recorded once, sent once, retried with backoff and then dead-lettered."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from events import tasks as event_tasks
from kvalifikacija.celery import app
from leave import tasks as leave_tasks
from notices import services, tasks
from notices.models import NoticeLog
from surveys import tasks as survey_tasks
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def _notify(user, key="k1", kind="registration_confirmed"):
    return services.notify(kind=kind, recipient=user, key=key, context={"event": EventFactory()}, link="/renginiai/")


def test_a_notice_with_the_same_key_is_recorded_and_sent_once(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(user)
        second = _notify(user)
    assert first is not None and second is None
    assert NoticeLog.objects.count() == 1
    assert len(mail.outbox) == 1
    first.refresh_from_db()
    assert first.status == NoticeLog.Status.SENT and first.attempts == 1


def test_delivery_waits_for_the_commit(django_capture_on_commit_callbacks):
    user, event = UserFactory(), EventFactory()  # made first: a new event refreshes page caches after commit
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(kind="registration_confirmed", recipient=user, key="k1", context={"event": event},
                        link="/renginiai/")
    assert len(mail.outbox) == 0
    assert len(callbacks) == 1


def test_delivering_a_sent_notice_again_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notify(UserFactory())
    assert services.deliver(notice.pk) is False
    assert len(mail.outbox) == 1


def test_the_message_carries_a_stable_message_id(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notify(UserFactory())
    assert mail.outbox[0].extra_headers["Message-ID"] == services.message_id(notice)
    assert mail.outbox[0].extra_headers["X-Kvalifikacija-Notice"] == str(notice.pk)


def test_a_notice_is_rendered_in_the_recipients_language(django_capture_on_commit_callbacks):
    english = UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notify(english)
    assert notice.subject.startswith("Registration confirmed")


def test_an_optional_kind_turned_off_stays_in_the_inbox_but_is_not_emailed(django_capture_on_commit_callbacks):
    user = UserFactory()
    services.set_email_preferences(user=user, enabled_kinds=["event_reminder"])
    assert services.email_preferences(user) == {"event_reminder"}
    with django_capture_on_commit_callbacks(execute=True):
        quiet = services.notify(kind="survey_invitation", recipient=user, key="c",
                                context={"event": EventFactory(), "survey": None})
    quiet.refresh_from_db()
    assert quiet.status == NoticeLog.Status.SKIPPED
    assert len(mail.outbox) == 0
    assert services.unread_count(user) == 1


def test_a_mandatory_kind_is_emailed_whatever_the_preferences(django_capture_on_commit_callbacks):
    user = UserFactory()
    services.set_email_preferences(user=user, enabled_kinds=[])
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notify(user)
    notice.refresh_from_db()
    assert notice.status == NoticeLog.Status.SENT


@override_settings(EMAIL_BACKEND="tests.notices.test_delivery.BrokenBackend")
def test_smtp_down_without_a_broker_dead_letters_the_notice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notify(UserFactory())
    notice.refresh_from_db()
    assert notice.status == NoticeLog.Status.FAILED
    assert "SMTPServerDisconnected" in notice.last_error
    assert notice.attempts == 1


def test_retry_delays_grow_and_all_stay_below_the_brokers_visibility_timeout(settings, monkeypatch):
    monkeypatch.setattr(tasks, "RETRY_BASE_SECONDS", 60)
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility == settings.CELERY_VISIBILITY_TIMEOUT == 15 * 60
    delays = [tasks.retry_countdown(n) for n in range(tasks.deliver_notice.max_retries + 5)]
    assert delays[0] == 60 and delays[1] == 120
    assert all(later >= earlier for earlier, later in zip(delays, delays[1:], strict=False))
    assert max(delays) < visibility


def test_delivery_and_periodic_tasks_acknowledge_late_and_requeue_on_worker_loss():
    for module, name in [(tasks, "deliver_notice"), (tasks, "requeue_stale_notices"),
                         (event_tasks, "send_monthly_plan_digest"), (event_tasks, "send_new_events_digest"),
                         (event_tasks, "send_completed_programmes_digest"), (event_tasks, "send_event_reminders"),
                         (survey_tasks, "send_survey_invitations"),
                         (leave_tasks, "send_overdue_report_back_reminders")]:
        task = getattr(module, name)
        assert task.acks_late and task.reject_on_worker_lost, name


def test_every_scheduled_task_exists(settings):
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]


def test_staff_can_send_a_failed_notice_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notify(UserFactory())
    NoticeLog.objects.filter(pk=notice.pk).update(status=NoticeLog.Status.FAILED, sent_at=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_notice(notice=notice)
    notice.refresh_from_db()
    assert notice.status == NoticeLog.Status.SENT
    assert len(mail.outbox) == 1


def test_only_a_failed_notice_can_be_sent_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notify(UserFactory())
    with pytest.raises(services.NoticeNotFailed):
        services.retry_notice(notice=notice)


def test_the_sweep_requeues_only_old_pending_notices(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False):
        old = _notify(user, key="old")
        fresh = _notify(user, key="fresh")
        waiting = _notify(user, key="waiting")
    NoticeLog.objects.filter(pk__in=[old.pk, waiting.pk]).update(created_at=timezone.now() - timedelta(hours=1))
    NoticeLog.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now() + timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_stale(older_than_minutes=10) == 1
    assert NoticeLog.objects.get(pk=old.pk).status == NoticeLog.Status.SENT
    assert NoticeLog.objects.get(pk=fresh.pk).status == NoticeLog.Status.PENDING
    assert NoticeLog.objects.get(pk=waiting.pk).status == NoticeLog.Status.PENDING


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("down")
