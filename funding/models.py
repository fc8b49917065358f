"""Funding sources of the seven kinds, dated amendments, and money moving with the work."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from lithuanian.collation import lt_order


class FundingKind(models.TextChoices):
    TEACHING_FUNDS = "teaching_funds", _("teaching funds for qualification")
    PERSONAL = "personal", _("personal fees")
    OWN_FUNDS = "own_funds", _("institution's own funds")
    COMPETITION = "competition", _("Ministry and foundation competition funds")
    MUNICIPALITY = "municipality", _("municipality targeted funds")
    SPONSORS = "sponsors", _("sponsors")
    PROJECTS = "projects", _("won project funds")


# The kind in the genitive, as a Lithuanian document writes where money comes from: "Apmokėti iš
# mokymo lėšų". Documents are Lithuanian whatever the interface language, so this is not translated.
PAID_FROM = {
    FundingKind.TEACHING_FUNDS: "mokymo lėšų",
    FundingKind.PERSONAL: "asmeninių įmokų",
    FundingKind.OWN_FUNDS: "įstaigos lėšų",
    FundingKind.COMPETITION: "Švietimo, mokslo ir sporto ministerijos ir fondų konkursų lėšų",
    FundingKind.MUNICIPALITY: "savivaldybės tikslinių lėšų",
    FundingKind.SPONSORS: "rėmėjų lėšų",
    FundingKind.PROJECTS: "laimėtų projektų lėšų",
}


class FundingSource(models.Model):
    owner = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, related_name="funding_sources", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=FundingKind.choices)
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("planned amount, EUR"), max_digits=12, decimal_places=2)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["owner", "year", "kind", lt_order("name")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_amount_not_negative"),
            models.UniqueConstraint(fields=["owner", "year", "kind", "name"], name="unique_funding_source"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()}, {self.year})"

    @property
    def paid_from(self):
        """The kind in the genitive for documents: `mokymo lėšų` (*Apmokėti iš mokymo lėšų*)."""
        return PAID_FROM[self.kind]


class FundingAmendment(models.Model):
    """A dated change of a source's amount during the year; the amount itself is never overwritten."""

    source = models.ForeignKey(FundingSource, on_delete=models.CASCADE, related_name="amendments")
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("change, EUR"), max_digits=12, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["date", "id"]


class Expense(models.Model):
    """Money from a source tied to a registration, a leave request or an event.

    Committed when approved, spent when paid, released when cancelled. Income (fees the centre
    collects) adds to the source instead.
    """

    class Status(models.TextChoices):
        COMMITTED = "committed", _("committed")
        SPENT = "spent", _("spent")
        RELEASED = "released", _("released")

    class Direction(models.TextChoices):
        EXPENSE = "expense", _("expense")
        INCOME = "income", _("income")

    class Payer(models.TextChoices):
        SCHOOL = "school", _("the school")
        PERSON = "person", _("the person")

    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="expenses",
                               verbose_name=_("funding source"))
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.EXPENSE)
    amount = models.DecimalField(_("amount, EUR"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.COMMITTED)
    description = models.CharField(_("description"), max_length=300, blank=True)
    registration = models.ForeignKey("events.Registration", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="expenses")
    leave_request = models.ForeignKey("leave.LeaveRequest", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="expenses")
    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="expenses")
    teacher = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="expenses")
    committed_at = models.DateTimeField(auto_now_add=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=80, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("released by"))
    paid_at = models.DateTimeField(_("payment recorded at"), null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("payment recorded by"))
    override_reason = models.TextField(_("reason for overspending"), blank=True)
    payer = models.CharField(_("invoiced to"), max_length=10, choices=Payer.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["committed_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=Decimal("0")), name="expense_amount_positive"),
        ]
        indexes = [models.Index(fields=["source", "status"])]

    def __str__(self):
        return f"{self.amount} € – {self.description or self.source}"


class ReportExport(models.Model):
    """A district report file built on request; large ones are built by a Celery worker."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("report export", "waiting")
        RUNNING = "running", _("being built")
        READY = "ready", pgettext_lazy("report export", "ready")
        FAILED = "failed", _("failed")

    class Format(models.TextChoices):
        XLSX = "xlsx", _("spreadsheet (XLSX)")
        PDF = "pdf", _("PDF")

    year = models.PositiveSmallIntegerField(_("year"))
    school = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+", verbose_name=_("school"))
    fmt = models.CharField(_("format"), max_length=10, choices=Format.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(_("file"), upload_to="funding/exports/", blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.year} {self.fmt} ({self.status})"

    @property
    def is_done(self):
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def filename(self):
        return f"rajono-ataskaita-{self.year}.{self.fmt}"
