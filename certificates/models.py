"""Certificates the centre issues, lecturers' statements, and teachers' outside certificates."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from . import permissions


def new_verification_code():
    # 20 random bytes: not guessable, short enough for a QR code and a printed address.
    return secrets.token_urlsafe(20)


class CertificateCounter(models.Model):
    """The last number used in an issuer's series for a year; locked while numbering."""

    issuer = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="unique_counter_per_year")]


class Certificate(models.Model):
    """An issued certificate (*pažymėjimas*) or a lecturer's statement (*pažyma*).

    What is printed is copied here at issue time, so a later edit of the event or the person never
    changes a document already issued.
    """

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("certificate")
        STATEMENT = "statement", _("lecturer's statement")

    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        REVOKED = "revoked", _("revoked")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CERTIFICATE)
    number = models.CharField(_("number"), max_length=40, unique=True)
    series_year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    verification_code = models.CharField(max_length=64, unique=True, default=new_verification_code, editable=False)
    issuer = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="certificates_issued")
    # The issuer as printed on the day of issue.
    issuer_name = models.CharField(_("issuer"), max_length=300, blank=True)
    issuer_legal_code = models.CharField(_("legal entity code"), max_length=20, blank=True)
    issuer_address = models.CharField(_("address"), max_length=300, blank=True)
    issuer_accreditation = models.CharField(_("accreditation"), max_length=300, blank=True)
    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="certificates")
    registration = models.ForeignKey("events.Registration", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="certificates")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates",
                               verbose_name=_("holder"))
    holder_name = models.CharField(_("participant"), max_length=300)
    holder_workplace = models.CharField(_("workplace"), max_length=300, blank=True)
    title = models.CharField(_("programme or event"), max_length=300)
    module_title = models.CharField(_("programme module"), max_length=300, blank=True)
    registry_code = models.CharField(_("registry code"), max_length=60, blank=True)
    form = models.CharField(_("form"), max_length=60, blank=True)
    delivery_mode = models.CharField(_("delivery mode"), max_length=60, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    academic_hours = models.PositiveSmallIntegerField(_("academic hours"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    lecturers = models.CharField(_("lecturers"), max_length=500, blank=True)
    competences = models.TextField(pgettext_lazy("certificate", "competences developed"), blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_position = models.CharField(_("signatory's position"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"))
    issued_place = models.CharField(_("place of issue"), max_length=120, blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VALID)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    # What the public check page says about the revocation (the internal reason above stays private).
    public_reason = models.CharField(_("public reason"), max_length=300, blank=True)
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="replaced_by")
    pdf = models.FileField(upload_to="certificates/%Y/", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-series_year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "series_year", "sequence"], name="unique_certificate_sequence"),
            # One valid certificate per participant and event (a statement for a lecturer is its own kind).
            models.UniqueConstraint(
                fields=["event", "holder", "kind"], condition=Q(status="valid"), name="one_valid_certificate_per_event"
            ),
            models.CheckConstraint(condition=Q(academic_hours__gt=0), name="certificate_hours_positive"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_valid(self):
        return self.status == self.Status.VALID


class IssuingBatch(models.Model):
    """One request by centre staff to issue an event's certificates in the background, with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("issuing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="certificate_batches")
    kind = models.CharField(max_length=20, choices=Certificate.Kind.choices, default=Certificate.Kind.CERTIFICATE)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("issuing run")
        verbose_name_plural = _("issuing runs")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.event} {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self):
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.done / self.total))


class OutsideCertificate(models.Model):
    """A teacher's own upload from another provider (also abroad); it counts once recognised."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for recognition")
        RECOGNISED = "recognised", _("recognised")
        DECLINED = "declined", pgettext_lazy("outside certificate", "declined")

    STATUS_BADGES = {Status.PENDING: "warning", Status.RECOGNISED: "success", Status.DECLINED: "secondary"}

    teacher = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="outside_certificates", verbose_name=_("teacher"))
    provider_name = models.CharField(_("provider"), max_length=300)
    title = models.CharField(_("title"), max_length=300)
    country = models.CharField(_("country"), max_length=2, default="LT")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    academic_hours = models.PositiveSmallIntegerField(_("academic hours"))
    certificate_number = models.CharField(_("certificate number"), max_length=80, blank=True)
    file = models.FileField(_("file"), upload_to="outside/%Y/")
    content_type = models.CharField(max_length=80)
    leave_request = models.ForeignKey("leave.LeaveRequest", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="outside_certificates")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    recognised_hours = models.PositiveSmallIntegerField(
        _("recognised academic hours"), null=True, blank=True,
        help_text=_("Set when the deputy counts a different number of academic hours than written on the "
                    "certificate (e.g. 25 astronomical hours = 33 academic hours)."),
    )
    hours_correction_reason = models.TextField(_("reason for the corrected hours"), blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outside certificate")
        verbose_name_plural = _("outside certificates")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(academic_hours__gt=0), name="outside_hours_positive"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="outside_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.title} ({self.provider_name})"

    @property
    def is_pending(self) -> bool:
        """Waiting for the school's decision: only then is it decided or withdrawn."""
        return self.status == self.Status.PENDING

    def allowed_actions(self, user) -> frozenset:
        """What `user` may do with the upload now: the teacher withdraws it while it is pending."""
        if self.is_pending and permissions.can_withdraw_outside_certificate(user, self):
            return frozenset({"withdraw"})
        return frozenset()

    @property
    def counted_hours(self) -> int:
        """The academic hours that count once recognised: the deputy's correction, else the written hours."""
        return self.recognised_hours if self.recognised_hours is not None else self.academic_hours

    @property
    def hours_corrected(self) -> bool:
        return self.recognised_hours is not None and self.recognised_hours != self.academic_hours
