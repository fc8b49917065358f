"""Reliability on a real Redis broker with a real Celery worker (as in CI).

- A digest run twice through the worker reaches every head exactly once.
- A worker killed (SIGKILL) mid-run and restarted loses nothing and duplicates nothing.
- A failing SMTP server is retried with backoff and the notice then lands in the dead letter.
"""

import collections
import datetime as dt
import time

import pytest

from events import tasks as event_tasks
from events.models import Event
from notices import services, tasks
from notices.models import NoticeLog
from notices.testing import captured
from people.models import Role
from tests.factories import EventFactory, SchoolFactory, UserFactory, member

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def _worker_env(request, monkeypatch):
    """Environment for the worker process, set before it starts: short retries, and what a test's
    `worker_env` parameter asks for (a slow or failing SMTP)."""
    callspec = getattr(request.node, "callspec", None)
    env = {"KV_NOTICE_RETRY_BASE_SECONDS": "0.2", "KV_NOTICE_MAX_RETRIES": "3"}
    env.update(callspec.params.get("worker_env", {}) if callspec else {})
    for name, value in env.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def notice_worker(_worker_env, celery_worker_process):
    return celery_worker_process


@pytest.fixture
def outbox(settings):
    return settings.MEDIA_ROOT / "outbox"


def wait_for(condition, timeout=90, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message}")


def sent_per_notice(outbox):
    return collections.Counter(int(m["X-Kvalifikacija-Notice"]) for m in captured(outbox))


def test_a_digest_run_twice_through_the_worker_reaches_every_head_once(notice_worker, outbox):
    schools = [SchoolFactory() for _ in range(3)]
    heads = [member(role, school) for school in schools for role in (Role.DIRECTOR, Role.DEPUTY)]
    EventFactory(starts_on=dt.date(2026, 4, 8), status=Event.Status.PUBLISHED)
    EventFactory(starts_on=dt.date(2026, 4, 20), status=Event.Status.PUBLISHED)
    first = event_tasks.send_monthly_plan_digest.delay(today="2026-03-20")
    second = event_tasks.send_monthly_plan_digest.delay(today="2026-03-20")
    assert sorted([first.get(timeout=120), second.get(timeout=120)]) == [0, len(heads)]
    wait_for(lambda: NoticeLog.objects.filter(status=NoticeLog.Status.SENT).count() == len(heads), message="sending")
    per_recipient = collections.Counter(m["To"] for m in captured(outbox))
    assert per_recipient == {head.email: 1 for head in heads}
    assert all(m.get_content_type() == "multipart/mixed" for m in captured(outbox))  # the plan PDF


SENDING_WINDOW = 3  # seconds; the worker's NOTICE_SENDING_WINDOW_SECONDS in the test below


@pytest.mark.parametrize("worker_env", [{"KV_CAPTURE_DELAY": "0.5", "NOTICE_SENDING_WINDOW_SECONDS": str(SENDING_WINDOW)}])
def test_killing_the_worker_mid_run_loses_and_duplicates_no_notice(worker_env, notice_worker, outbox):
    """A notice whose send the kill interrupted is never sent a second time blindly: it is either sent
    once or left as "maybe sent (check)" for staff (the mail server may have taken it). Every other
    notice is sent exactly once; none stays waiting."""
    people = [UserFactory() for _ in range(16)]
    event = EventFactory()
    notices = [
        services.notify(kind="registration_confirmed", recipient=person, key=f"kill-test:{person.pk}",
                        context={"event": event})
        for person in people
    ]
    wait_for(lambda: len(captured(outbox)) >= 3, message="the first messages")
    notice_worker.kill()
    assert len(captured(outbox)) < len(notices), "the worker finished before it was killed"
    time.sleep(SENDING_WINDOW + 0.5)  # the interrupted sends are now older than the sending window
    notice_worker.start()
    # Tasks the dead worker had taken stay unacknowledged in Redis until the visibility timeout;
    # the periodic sweep re-enqueues their notices now and settles the interrupted sends.
    tasks.requeue_stale_notices.delay(older_than_minutes=0).get(timeout=60)
    unfinished = (NoticeLog.Status.PENDING, NoticeLog.Status.SENDING)
    wait_for(lambda: not NoticeLog.objects.filter(status__in=unfinished).exists(), message="all settled")
    # Every task, redelivered or duplicated by the sweep, found its notice settled and sent nothing twice.
    tasks.requeue_stale_notices.delay(older_than_minutes=0).get(timeout=60)
    for notice in notices:
        tasks.deliver_notice.delay(notice.pk).get(timeout=60)
    statuses = dict(NoticeLog.objects.filter(pk__in=[n.pk for n in notices]).values_list("pk", "status"))
    unconfirmed = {pk for pk, status in statuses.items() if status == NoticeLog.Status.UNCONFIRMED}
    assert set(statuses.values()) <= {NoticeLog.Status.SENT, NoticeLog.Status.UNCONFIRMED}
    assert len(unconfirmed) <= 2, "only the sends in flight when it was killed (concurrency 2) are in doubt"
    sent = sent_per_notice(outbox)
    assert all(count == 1 for count in sent.values()), "a notice was sent twice"
    assert {pk for pk, status in statuses.items() if status == NoticeLog.Status.SENT} <= set(sent)
    assert set(statuses) - unconfirmed <= set(sent), "a notice was lost"


@pytest.mark.parametrize("worker_env", [{"KV_CAPTURE_FAIL_FIRST": "-1"}])
def test_a_failing_smtp_is_retried_with_backoff_and_then_recorded_as_failed(worker_env, notice_worker, outbox):
    notice = services.notify(kind="registration_confirmed", recipient=UserFactory(), key="smtp-down",
                             context={"event": EventFactory()})
    wait_for(lambda: NoticeLog.objects.get(pk=notice.pk).status == NoticeLog.Status.FAILED, message="the dead letter")
    notice.refresh_from_db()
    assert notice.attempts == 4  # the first try and three retries
    assert "SMTPServerDisconnected" in notice.last_error
    assert captured(outbox) == []


@pytest.mark.parametrize("worker_env", [{"KV_CAPTURE_FAIL_FIRST": "2"}])
def test_smtp_back_after_two_failures_sends_the_notice_once(worker_env, notice_worker, outbox):
    notice = services.notify(kind="registration_confirmed", recipient=UserFactory(), key="smtp-flaky",
                             context={"event": EventFactory()})
    wait_for(lambda: NoticeLog.objects.get(pk=notice.pk).status == NoticeLog.Status.SENT, message="sending")
    notice.refresh_from_db()
    assert notice.attempts == 3 and notice.last_error == ""
    assert sent_per_notice(outbox) == {notice.pk: 1}
