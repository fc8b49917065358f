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

    @property
    def may_be_paid(self) -> bool:
        """Only a commitment (an expense not yet paid or released) is marked paid."""
        return self.status == self.Status.COMMITTED and self.direction == self.Direction.EXPENSE


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


class InvoiceCounter(models.Model):
    """The last number used in the centre's invoice series for a year; locked while numbering."""

    issuer = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="unique_invoice_counter_per_year")]


class Invoice(models.Model):
    """An invoice (*sąskaita faktūra*) for participants' fees, to a school or a person, for one event or
    one month; or a credit note (*kreditinė sąskaita faktūra*) that takes back lines of an invoice.

    Both parties' details are copied here when it is issued; an issued invoice is never edited."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("invoice")
        CREDIT_NOTE = "credit_note", _("credit note")

    class Status(models.TextChoices):
        ISSUED = "issued", _("issued, not paid")
        PAID = "paid", _("paid")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INVOICE)
    issuer = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="invoices_issued",
                               verbose_name=_("seller"))
    series = models.CharField(_("series"), max_length=20)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=40, unique=True)
    credit_for = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="credit_notes", verbose_name=_("credit note for"))
    payer_school = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="invoices", verbose_name=_("paying school"))
    payer_person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="invoices", verbose_name=_("paying person"))
    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="invoices", verbose_name=_("event"))
    period = models.DateField(_("month"), null=True, blank=True, help_text=_("The first day of the month invoiced."))
    # Both parties as printed on the day of issue.
    issuer_name = models.CharField(_("seller"), max_length=300)
    issuer_code = models.CharField(_("legal entity code"), max_length=20, blank=True)
    issuer_address = models.CharField(_("address"), max_length=300, blank=True)
    issuer_bank_account = models.CharField(_("bank account"), max_length=60, blank=True)
    payer_name = models.CharField(_("payer"), max_length=300)
    payer_code = models.CharField(_("payer's code"), max_length=20, blank=True)
    payer_address = models.CharField(_("payer's address"), max_length=300, blank=True)
    payer_email = models.EmailField(_("payer's e-mail"), blank=True)
    issued_on = models.DateField(_("date of issue"))
    due_on = models.DateField(_("due on"))
    total = models.DecimalField(_("total, EUR"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ISSUED)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "series", "year", "sequence"], name="unique_invoice_sequence"),
            models.CheckConstraint(
                condition=(Q(payer_school__isnull=False, payer_person__isnull=True)
                           | Q(payer_school__isnull=True, payer_person__isnull=False)),
                name="invoice_has_one_payer",
            ),
            # One invoice per payer per event, and per payer per month.
            models.UniqueConstraint(fields=["issuer", "payer_school", "event"], name="one_invoice_per_school_event",
                                    condition=Q(kind="invoice", event__isnull=False, payer_school__isnull=False)),
            models.UniqueConstraint(fields=["issuer", "payer_person", "event"], name="one_invoice_per_person_event",
                                    condition=Q(kind="invoice", event__isnull=False, payer_person__isnull=False)),
            models.UniqueConstraint(fields=["issuer", "payer_school", "period"], name="one_invoice_per_school_month",
                                    condition=Q(kind="invoice", period__isnull=False, payer_school__isnull=False)),
            models.UniqueConstraint(fields=["issuer", "payer_person", "period"], name="one_invoice_per_person_month",
                                    condition=Q(kind="invoice", period__isnull=False, payer_person__isnull=False)),
        ]

    def __str__(self):
        return self.number

    @property
    def is_credit_note(self):
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def is_paid(self):
        return self.status == self.Status.PAID


class InvoiceLine(models.Model):
    """One participant's fee on an invoice (a positive amount) or taken back on a credit note (negative)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    registration = models.ForeignKey("events.Registration", on_delete=models.PROTECT, related_name="invoice_lines")
    is_credit = models.BooleanField(default=False)
    description = models.CharField(_("description"), max_length=400)
    participant = models.CharField(_("participant"), max_length=300)
    amount = models.DecimalField(_("amount, EUR"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["id"]
        constraints = [
            # A registration's fee is invoiced once, and taken back at most once.
            models.UniqueConstraint(fields=["registration", "is_credit"], name="one_invoice_line_per_registration"),
            models.CheckConstraint(condition=Q(is_credit=False, amount__gt=0) | Q(is_credit=True, amount__lt=0),
                                   name="invoice_line_sign_matches_kind"),
        ]

    def __str__(self):
        return f"{self.participant}: {self.amount}"
