"""One notices module for every app: render, record in the notice log, send once.

`notify` writes an outbox row whose unique key makes the notice idempotent, and enqueues its delivery
only after the surrounding transaction commits. `deliver` locks the row while sending, so a retried or
duplicated task sends nothing twice.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from kvalifikacija.queue import publish

from .models import NoticeLog, NoticePreference

logger = logging.getLogger(__name__)


class NoticeNotFailed(DomainError):
    default_message = _("Only a failed notice can be sent again.")

# Kinds a person may choose not to receive by e-mail; everything else concerns a decision or a seat.
OPTIONAL_KINDS = {
    "digest_monthly_plan",
    "digest_new_events",
    "digest_completed_programmes",
    "event_reminder",
    "survey_invitation",
    "recommendation",
}

# What each kind is called on the preferences page and in the notice log filter.
KIND_LABELS = {
    "digest_monthly_plan": _("Next month's plan of events (school heads)"),
    "digest_new_events": _("Newly published events (school heads)"),
    "digest_completed_programmes": _("Completed programmes with the school's participants (school heads)"),
    "event_reminder": _("Reminder the day before an event"),
    "survey_invitation": _("Invitations to evaluation and follow-up surveys"),
    "recommendation": _("Events recommended to me"),
    "report_back_overdue": _("Reminder to report back to the methodical group"),
    "registration_confirmed": _("Registration confirmed"),
    "registration_pending": _("Registration awaiting approval"),
    "registration_waitlisted": _("Placed on the waiting list"),
    "registration_promoted": _("Promoted from the waiting list"),
    "invoice_issued": _("Invoices and credit notes for fees"),
    "certificate_issued": _("Certificate issued"),
    "event_cancelled": _("Event cancelled"),
    "invitation": _("Invitation to the portal"),
    "leave_cover_needed": _("Lesson cover to agree (deputy)"),
    "leave_decision_needed": _("Request waiting for the director's decision"),
    "leave_decided": _("Request decided"),
    "leave_returned": _("Request returned for changes"),
    "loan_requested": _("Loan of equipment requested"),
    "loan_approved": _("Loan approved"),
    "loan_declined": _("Loan declined"),
    "material_published": _("Methodical material published"),
    "material_returned": _("Methodical material returned for changes"),
    "needs_survey_invitation": _("Invitation to the needs survey"),
    "outside_certificate_submitted": _("Certificate from another provider submitted"),
    "outside_certificate_decided": _("Certificate from another provider decided"),
    "seat_hold_expired": _("Held seat released"),
}


def kind_label(kind):
    """The kind's translated name; never its code (a kind without a label reads "other notice")."""
    return KIND_LABELS.get(kind, _("other notice"))


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


def notify(*, kind, recipient, key, context=None, link="", attachments=None) -> NoticeLog | None:
    """Record a notice to `recipient` and send it by e-mail after commit; a second call with the same
    key does nothing and returns None."""
    context = dict(context or {})
    context.setdefault("recipient", recipient)
    context.setdefault("site_url", settings.SITE_URL)
    context.setdefault("link", f"{settings.SITE_URL}{link}" if link.startswith("/") else link)
    if NoticeLog.objects.filter(key=key).exists():
        return None
    subject, text, html = render_notice(kind=kind, context=context, language=recipient.language)
    wanted = email_wanted(recipient, kind)
    try:
        with transaction.atomic():
            notice = NoticeLog.objects.create(
                key=key[:255],
                kind=kind,
                recipient=recipient,
                email=recipient.email,
                subject=subject[:300],
                body_text=text,
                body_html=html,
                link=link,
                attachments=attachments or [],
                status=NoticeLog.Status.PENDING if wanted else NoticeLog.Status.SKIPPED,
            )
    except IntegrityError:
        return None
    if wanted:
        _enqueue([notice.pk])
    return notice


def _attachment_payloads(notice):
    from django.core.files.storage import default_storage

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

    The outbox row is locked (SELECT ... FOR UPDATE) from the check until the commit that records it as
    sent, so a duplicated or redelivered task waits and then finds it sent. A notice already sent,
    skipped or given up on (failed) is left alone. An error is recorded on the row and re-raised so
    the task can retry.
    """
    with transaction.atomic():
        notice = NoticeLog.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None or notice.status != NoticeLog.Status.PENDING:
            return False
        notice.attempts += 1
        try:
            build_message(notice).send()
        except Exception as exc:
            # Recorded (and committed) before the error goes up to the task, which decides on a retry.
            error = exc
            notice.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            notice.save(update_fields=["attempts", "last_error"])
        else:
            error = None
            notice.status = NoticeLog.Status.SENT
            notice.sent_at = timezone.now()
            notice.next_attempt_at = None
            notice.last_error = ""
            notice.save(update_fields=["status", "sent_at", "attempts", "last_error", "next_attempt_at"])
    if error is not None:
        raise error
    return True


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
    from .tasks import deliver_notice

    ids = list(notice_ids)
    transaction.on_commit(lambda: [publish(deliver_notice, pk) for pk in ids])


def retry_notice(*, notice) -> NoticeLog:
    """Staff send a failed notice again from the dead letter: it becomes pending and is enqueued after commit."""
    with transaction.atomic():
        notice = NoticeLog.objects.select_for_update().get(pk=notice.pk)
        if notice.status != NoticeLog.Status.FAILED:
            raise NoticeNotFailed()
        notice.status = NoticeLog.Status.PENDING
        notice.next_attempt_at = None
        notice.save(update_fields=["status", "next_attempt_at"])
        _enqueue([notice.pk])
    return notice


def requeue_stale(*, older_than_minutes=10, limit=500) -> int:
    """Enqueue again pending notices whose delivery task was lost (a broker hiccup, a worker killed
    before it acknowledged); sending stays exactly-once because `deliver` locks the row."""
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
    return len(ids)


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
