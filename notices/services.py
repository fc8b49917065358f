"""One notices module for every app: render, record in the notice log, send once.

`notify` writes an outbox row whose unique key makes the notice idempotent, and enqueues its delivery
only after the surrounding transaction commits. `deliver` locks the row while sending, so a retried or
duplicated task sends nothing twice.
"""

import hashlib
import logging
from contextlib import nullcontext
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from kvalifikacija.queue import publish

from .kinds import OPTIONAL
from .models import NoticeLog, NoticePreference

logger = logging.getLogger(__name__)


class NoticeNotFailed(DomainError):
    default_message = _("Only a failed notice, or one that may not have been sent, can be sent again.")

# Kinds a person may choose not to receive by e-mail (see notices.kinds.NoticeKind).
OPTIONAL_KINDS = {kind.value for kind in OPTIONAL}


def render_text(template_name, context) -> str:
    """A plain-text template rendered without HTML escaping (a title with quotes or < stays as typed)."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def render_notice(*, kind, context, language):
    """Render subject, text and optional HTML from `notices/email/<kind>.*` in the recipient's language;
    the subject and the text are plain text (never HTML-escaped), the HTML part is escaped as usual."""
    with translation.override(language):
        subject = " ".join(render_text(f"notices/email/{kind}.subject.txt", context).split())
        text = render_text(f"notices/email/{kind}.txt", context)
        try:
            html = render_to_string(f"notices/email/{kind}.html", context)
        except TemplateDoesNotExist:
            html = ""
    return subject, text, html


def email_wanted(user, kind) -> bool:
    if kind not in OPTIONAL_KINDS:
        return True
    return not NoticePreference.objects.filter(user=user, kind=kind, email_enabled=False).exists()


def notify(*, kind, recipient, key, context=None, link="", attachments=None, centre_id=None) -> NoticeLog | None:
    """Record a notice to `recipient` and send it by e-mail after commit; a second call with the same
    key does nothing and returns None. `centre_id`: the education centre whose work it is about (its
    staff see it in the notice log; another centre's do not)."""
    context = dict(context or {})
    context.setdefault("recipient", recipient)
    context.setdefault("site_url", settings.SITE_URL)
    context.setdefault("link", f"{settings.SITE_URL}{link}" if link.startswith("/") else link)
    # Inside a transaction a duplicate is looked for first (its rendering is saved and the insert needs a
    # savepoint); outside one (after a sign-up's commit) the insert alone decides, in one round trip.
    in_transaction = transaction.get_connection().in_atomic_block
    if in_transaction and NoticeLog.objects.filter(key=key).exists():
        return None
    subject, text, html = render_notice(kind=kind, context=context, language=recipient.language)
    wanted = email_wanted(recipient, kind)
    try:
        with transaction.atomic() if in_transaction else nullcontext():
            notice = NoticeLog.objects.create(
                key=key[:255],
                kind=kind,
                recipient=recipient,
                email=recipient.email,
                subject=subject[:300],
                body_text=text,
                body_html=html,
                link=link,
                centre_id=centre_id,
                attachments=attachments or [],
                status=NoticeLog.Status.PENDING if wanted else NoticeLog.Status.SKIPPED,
            )
    except IntegrityError:
        return None
    if wanted:
        _enqueue([notice.pk])
    return notice


def _attachment_payloads(notice):
    for item in notice.attachments:
        with default_storage.open(item["path"], "rb") as handle:
            yield item["name"], handle.read(), item.get("mimetype", "application/octet-stream")


def message_id(notice) -> str:
    """A stable Message-ID: should a send ever be repeated (a crash between the SMTP server accepting
    the message and our commit), mail systems see the same message, not a new one."""
    digest = hashlib.sha256(notice.key.encode()).hexdigest()[:24]
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "kvalifikacija.lt"
    return f"<notice-{notice.pk}-{digest}@{domain}>"


def build_message(notice) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=notice.subject, body=notice.body_text, to=[notice.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
        headers={"Message-ID": message_id(notice), "X-Kvalifikacija-Notice": str(notice.pk)},
    )
    if notice.body_html:
        message.attach_alternative(notice.body_html, "text/html")
    for name, content, mimetype in _attachment_payloads(notice):
        message.attach(name, content, mimetype)
    return message


def deliver(notice_id) -> bool:
    """Send one notice if it has not been sent; returns True when this call sent it.

    Two commits around the mail server: the row is locked (SELECT ... FOR UPDATE), checked and recorded
    as "sending" with the time, and that is committed BEFORE the message is handed over; the answer is
    recorded after. A duplicated or redelivered task that finds the row "sending" within
    NOTICE_SENDING_WINDOW_SECONDS leaves it to the attempt in flight; one that finds it "sending" for
    longer knows the worker stopped between the server's acceptance and our commit (the message may
    have gone), and marks it "maybe sent (check)" instead of sending it a second time (see
    `settle_interrupted_sends`). A refused send goes back to "waiting" with its error recorded, and
    the error is re-raised so the task can retry. A notice sent, skipped or failed is left alone.
    """
    now = timezone.now()
    with transaction.atomic():
        notice = NoticeLog.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None:
            return False
        if notice.status == NoticeLog.Status.SENDING:
            if notice.sending_at is None or notice.sending_at < now - _sending_window():
                _mark_unconfirmed(NoticeLog.objects.filter(pk=notice.pk))
            return False
        if notice.status != NoticeLog.Status.PENDING:
            return False
        notice.attempts += 1
        notice.status = NoticeLog.Status.SENDING
        notice.sending_at = now
        notice.save(update_fields=["attempts", "status", "sending_at"])
    # Committed: from here on a crash leaves a visible "sending" row, never a silent "waiting" one.
    in_flight = NoticeLog.objects.filter(pk=notice.pk, status=NoticeLog.Status.SENDING)
    try:
        build_message(notice).send()
    except Exception as exc:
        # Refused by the mail server (or never reached it): not sent, so it waits for the retry.
        in_flight.update(status=NoticeLog.Status.PENDING, last_error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    in_flight.update(status=NoticeLog.Status.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error="")
    return True


def _sending_window() -> timedelta:
    return timedelta(seconds=settings.NOTICE_SENDING_WINDOW_SECONDS)


INTERRUPTED = _("The worker stopped after handing the message to the mail server and before recording "
                "the answer: it may have been sent. Check with the recipient before sending it again.")


def _mark_unconfirmed(notices) -> int:
    return notices.update(status=NoticeLog.Status.UNCONFIRMED, next_attempt_at=None, last_error=str(INTERRUPTED))


def settle_interrupted_sends(*, now=None) -> int:
    """Sends interrupted between the mail server and our commit: a "sending" row older than
    NOTICE_SENDING_WINDOW_SECONDS becomes "maybe sent (check)" for staff to decide on; when
    NOTICE_RESEND_UNCONFIRMED_AFTER_HOURS is set, such a notice that old is sent again by itself (the
    same Message-ID, so a mail system that got the first one may drop the second). Returns how many
    were sent again."""
    now = now or timezone.now()
    _mark_unconfirmed(NoticeLog.objects.filter(status=NoticeLog.Status.SENDING, sending_at__lt=now - _sending_window()))
    hours = settings.NOTICE_RESEND_UNCONFIRMED_AFTER_HOURS
    if hours is None:
        return 0
    ids = list(NoticeLog.objects.filter(status=NoticeLog.Status.UNCONFIRMED,
                                        sending_at__lt=now - timedelta(hours=hours)).values_list("pk", flat=True))
    if ids:
        NoticeLog.objects.filter(pk__in=ids, status=NoticeLog.Status.UNCONFIRMED).update(
            status=NoticeLog.Status.PENDING, next_attempt_at=now)
        _enqueue(ids)
    return len(ids)


def schedule_retry(notice_id, countdown) -> None:
    """Note on the row when the next attempt is due, so the sweep does not hurry it."""
    NoticeLog.objects.filter(pk=notice_id, status=NoticeLog.Status.PENDING).update(
        next_attempt_at=timezone.now() + timedelta(seconds=countdown)
    )


def mark_failed(notice_id, error) -> None:
    """The dead letter: a notice that exhausted its retries is visible to staff as failed."""
    NoticeLog.objects.filter(pk=notice_id).exclude(status=NoticeLog.Status.SENT).update(
        status=NoticeLog.Status.FAILED, last_error=f"{type(error).__name__}: {error}"[:2000]
        if isinstance(error, BaseException) else str(error)[:2000], next_attempt_at=None,
    )


def _enqueue(notice_ids):
    from .tasks import deliver_notice  # noqa: PLC0415 - task: the tasks module imports this service

    ids = list(notice_ids)
    transaction.on_commit(lambda: [publish(deliver_notice, pk) for pk in ids])


def retry_notice(*, notice) -> NoticeLog:
    """Staff send a failed notice (the dead letter) or one that may not have been sent (its worker
    stopped mid-send) again: it becomes pending and is enqueued after commit."""
    with transaction.atomic():
        notice = lock_row(notice, still="may_be_retried", refusal=NoticeNotFailed())
        notice.status = NoticeLog.Status.PENDING
        notice.next_attempt_at = None
        notice.save(update_fields=["status", "next_attempt_at"])
        _enqueue([notice.pk])
    return notice


def requeue_stale(*, older_than_minutes=10, limit=500) -> int:
    """Enqueue again pending notices whose delivery task was lost (a broker hiccup, a worker killed
    before it acknowledged); sending stays exactly-once because `deliver` locks the row. Sends
    interrupted mid-way are settled too (`settle_interrupted_sends`), never resent blindly."""
    now = timezone.now()
    cutoff = now - timedelta(minutes=older_than_minutes)
    ids = list(
        NoticeLog.objects.filter(status=NoticeLog.Status.PENDING, created_at__lte=cutoff)
        .exclude(next_attempt_at__gt=cutoff)
        .order_by("created_at").values_list("pk", flat=True)[:limit]
    )
    if ids:
        # Mark them so the next sweep gives this enqueue time to work.
        NoticeLog.objects.filter(pk__in=ids).update(next_attempt_at=now)
        _enqueue(ids)
    return len(ids) + settle_interrupted_sends(now=now)


def mark_read(*, user, notice_ids=None) -> int:
    """Mark the person's own notices read (all unread ones when no ids are given)."""
    notices = NoticeLog.objects.filter(recipient=user, read_at__isnull=True)
    if notice_ids is not None:
        notices = notices.filter(pk__in=notice_ids)
    return notices.update(read_at=timezone.now())


def unread_count(user) -> int:
    return NoticeLog.objects.filter(recipient=user, read_at__isnull=True).count()


def set_email_preferences(*, user, enabled_kinds) -> None:
    """Store which optional kinds the person receives by e-mail; the others still reach the inbox."""
    enabled = set(enabled_kinds)
    with transaction.atomic():
        for kind in OPTIONAL_KINDS:
            NoticePreference.objects.update_or_create(
                user=user, kind=kind, defaults={"email_enabled": kind in enabled}
            )


def email_preferences(user) -> set:
    """The optional kinds the person receives by e-mail."""
    disabled = set(
        NoticePreference.objects.filter(user=user, email_enabled=False).values_list("kind", flat=True)
    )
    return {kind for kind in OPTIONAL_KINDS if kind not in disabled}
