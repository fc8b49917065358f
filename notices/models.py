"""The notice log: every notice sent, to whom, about what and when, so that none goes twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NoticeLog(models.Model):
    """An outbox row. Its unique `key` makes sending idempotent; its status is locked while sending."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("sending")
        SENT = "sent", pgettext_lazy("notice", "sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("not e-mailed (by choice)")

    key = models.CharField(max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="notices", verbose_name=_("recipient"))
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(pgettext_lazy("notice", "created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(pgettext_lazy("notice", "sent"), null=True, blank=True)
    # When the next delivery attempt is due (a retry is waiting); the sweep leaves such rows alone until then.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notice log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "-created_at"]), models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.kind} → {self.email}"


class NoticePreference(models.Model):
    """A person's choice not to receive an optional kind of notice by e-mail (it stays in the inbox)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences")
    kind = models.CharField(max_length=60)
    email_enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_notice_preference")]


class DigestCursor(models.Model):
    """Where a digest of one kind stopped: the next run covers what happened since `covered_until`.

    The row is locked while a digest runs, so two runs of the same digest never overlap.
    """

    kind = models.CharField(max_length=60, unique=True)
    covered_until = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_notices = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("digest cursor")
        verbose_name_plural = _("digest cursors")

    def __str__(self):
        return f"{self.kind} ({self.covered_until:%Y-%m-%d %H:%M})"
