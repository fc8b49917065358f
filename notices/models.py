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
        # The worker stopped after handing the message to the mail server and before recording the
        # answer: it may have been sent. Never resent blindly (see notices.services.deliver).
        UNCONFIRMED = "unconfirmed", _("maybe sent (check)")

    STATUS_BADGES = {Status.PENDING: "warning", Status.SENDING: "warning", Status.SENT: "success",
                     Status.FAILED: "danger", Status.SKIPPED: "secondary", Status.UNCONFIRMED: "warning"}

    key = models.CharField(max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="notices", verbose_name=_("recipient"))
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    # The education centre whose work the notice is about (its event, survey, loan, invoice, material),
    # given by the caller; its staff see it in the notice log, another centre's staff do not. Empty for
    # notices about no centre's work (sign-in, invitations, a school's own matters).
    centre = models.ForeignKey("people.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("education centre"))
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(pgettext_lazy("notice", "created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(pgettext_lazy("notice", "sent"), null=True, blank=True)
    # When the latest attempt was recorded as "sending", committed before the message went to the mail server.
    sending_at = models.DateTimeField(_("handed to the mail server"), null=True, blank=True)
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

    @property
    def may_be_retried(self) -> bool:
        """Only a failed notice (the dead letter) or one that may not have been sent (its worker stopped
        mid-send) is sent again."""
        return self.status in (self.Status.FAILED, self.Status.UNCONFIRMED)

    @property
    def is_digest(self):
        """Digests list events in their body; the inbox shows it, not only the e-mail."""
        return self.kind.startswith("digest_")


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


class DutyRun(models.Model):
    """One run of a periodic duty (a digest, the reminders of a day) for one period, recorded before the
    work starts. The work runs in one transaction that also marks the run done, while the row is locked:
    a worker killed mid-run leaves the row "running" and unlocked (its transaction is gone, with every
    notice it had made), and the sweep or the next beat tick runs it again. See notices.duties."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", pgettext_lazy("periodic duty", "done")
        FAILED = "failed", _("failed")

    duty = models.CharField(_("duty"), max_length=80)
    period = models.CharField(_("period"), max_length=20)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    result = models.IntegerField(_("notices"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")
        ordering = ["-started_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["duty", "period"], name="unique_duty_period")]
        indexes = [models.Index(fields=["status", "started_at"])]

    def __str__(self):
        return f"{self.duty} {self.period} ({self.status})"
