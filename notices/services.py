"""One notices module for every app: render, record in the notice log, send once.

`notify` writes an outbox row whose unique key makes the notice idempotent, and enqueues its delivery
only after the surrounding transaction commits. `deliver` locks the row while sending, so a retried or
duplicated task sends nothing twice.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import NoticeLog, NoticePreference

logger = logging.getLogger(__name__)

# Kinds a person may choose not to receive by e-mail; everything else concerns a decision or a seat.
OPTIONAL_KINDS = {
    "digest_monthly_plan",
    "digest_new_events",
    "digest_completed_programmes",
    "event_reminder",
    "survey_invitation",
    "recommendation",
}


def render_notice(*, kind, context, language):
    """Render subject, text and optional HTML from `notices/email/<kind>.*` in the recipient's language."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"notices/email/{kind}.subject.txt", context).split())
        text = render_to_string(f"notices/email/{kind}.txt", context)
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
        from .tasks import deliver_notice

        transaction.on_commit(lambda: deliver_notice.delay(notice.pk))
    return notice


def _attachment_payloads(notice):
    from django.core.files.storage import default_storage

    for item in notice.attachments:
        with default_storage.open(item["path"], "rb") as handle:
            yield item["name"], handle.read(), item.get("mimetype", "application/octet-stream")


def deliver(notice_id) -> bool:
    """Send one notice if it has not been sent; returns True when this call sent it.

    The row is locked while sending; a notice already sent or skipped is left alone. An error is
    recorded on the row and re-raised so the task can retry.
    """
    with transaction.atomic():
        notice = NoticeLog.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None or notice.status in (NoticeLog.Status.SENT, NoticeLog.Status.SKIPPED):
            return False
        notice.attempts += 1
        message = EmailMultiAlternatives(
            subject=notice.subject, body=notice.body_text, to=[notice.email],
            from_email=settings.DEFAULT_FROM_EMAIL,
        )
        if notice.body_html:
            message.attach_alternative(notice.body_html, "text/html")
        try:
            for name, content, mimetype in _attachment_payloads(notice):
                message.attach(name, content, mimetype)
            message.send()
        except Exception as exc:
            notice.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            notice.save(update_fields=["attempts", "last_error"])
            raise
        notice.status = NoticeLog.Status.SENT
        notice.sent_at = timezone.now()
        notice.last_error = ""
        notice.save(update_fields=["status", "sent_at", "attempts", "last_error"])
    return True


def mark_failed(notice_id, error) -> None:
    """The dead letter: a notice that exhausted its retries is visible to staff as failed."""
    NoticeLog.objects.filter(pk=notice_id).exclude(status=NoticeLog.Status.SENT).update(
        status=NoticeLog.Status.FAILED, last_error=str(error)[:2000]
    )
