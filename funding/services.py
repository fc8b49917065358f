"""Money moves with the work: commit on approval, release on cancel, spend on payment.

A source never goes below zero unless its owner overrides with a written reason, which is recorded.
Amounts are Decimal euros rounded to the cent; a source's amount is never overwritten, changes are
dated amendments.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Registration
from kvalifikacija import audit
from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from kvalifikacija.text import required_text

from . import permissions
from .formatting import format_eur, to_money
from .models import Expense, FundingAmendment, FundingKind, FundingSource

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)
# Where a centre's fee income goes, in order of preference.
FEE_INCOME_KINDS = (FundingKind.PERSONAL, FundingKind.OWN_FUNDS)


class BudgetExceeded(DomainError):
    def __init__(self, shortfall):
        self.shortfall = to_money(shortfall)
        super().__init__(
            _("The source would go below zero by %(amount)s. The director may override with a written reason.")
            % {"amount": format_eur(self.shortfall)}
        )


class OverrideNotAllowed(DomainError):
    default_message = _("Only the source owner's director may spend past zero.")


class FundingError(DomainError):
    pass


class SelfCommitment(FundingError):
    default_message = _("Nobody commits an organisation's money to themselves.")


def _sum(condition):
    return Coalesce(Sum("expenses__amount", filter=condition), Value(ZERO), output_field=MONEY)


def with_balances(queryset):
    """Annotate sources with their balances in one query.

    amendments_total: sum of dated changes; planned_total: amount + amendments; income_total: fees
    received; committed_total / spent_total: open commitments / money paid; available: what is left.
    """
    amendments = (
        FundingAmendment.objects.filter(source=OuterRef("pk"))
        .order_by().values("source").annotate(total=Sum("amount")).values("total")
    )
    expense = Q(expenses__direction=Expense.Direction.EXPENSE)
    return queryset.annotate(
        amendments_total=Coalesce(Subquery(amendments, output_field=MONEY), Value(ZERO), output_field=MONEY),
        committed_total=_sum(expense & Q(expenses__status=Expense.Status.COMMITTED)),
        spent_total=_sum(expense & Q(expenses__status=Expense.Status.SPENT)),
        income_total=_sum(Q(expenses__direction=Expense.Direction.INCOME)
                          & ~Q(expenses__status=Expense.Status.RELEASED)),
    ).annotate(
        planned_total=F("amount") + F("amendments_total"),
        used_total=F("committed_total") + F("spent_total"),
        available=F("amount") + F("amendments_total") + F("income_total") - F("committed_total") - F("spent_total"),
    )


def available(source) -> Decimal:
    """What is left on the source: planned + amendments + income - committed - spent."""
    return with_balances(FundingSource.objects.filter(pk=source.pk)).values_list("available", flat=True).get()


def _positive(amount) -> Decimal:
    try:
        amount = to_money(amount)
    except (ArithmeticError, TypeError, ValueError):
        raise FundingError(_("Enter an amount in euros, e.g. 120.50."), field="amount") from None
    if amount <= 0:
        raise FundingError(_("The amount must be greater than zero."), field="amount")
    return amount


def create_source(*, owner, kind, name, year, amount, by, notes="") -> FundingSource:
    """A new source for a school or the centre; its amount is fixed from now on (changes are amendments)."""
    if kind not in FundingKind.values:
        raise FundingError(_("Choose one of the seven kinds of source."), field="kind")
    amount = to_money(amount)
    if amount < 0:
        raise FundingError(_("The planned amount cannot be negative."), field="amount")
    name = (name or "").strip() or str(FundingKind(kind).label)
    if FundingSource.objects.filter(owner=owner, year=year, kind=kind, name=name).exists():
        raise FundingError(_("This source already exists for that year."))
    source = FundingSource(owner=owner, kind=kind, name=name, year=year, amount=amount, notes=(notes or "").strip())
    audit.attribute(source, by=by)
    source.save()
    return source


def commit(*, source, amount, by, description="", registration=None, leave_request=None, event=None,
           teacher=None, override_reason="") -> Expense:
    """Commit `amount` from `source`. Raises BudgetExceeded with the shortfall unless an allowed
    person (funding.permissions.can_override_budget) overrides with a written reason, which is kept.
    Nobody commits money to themselves (`by` is the teacher or the leave request's teacher)."""
    if by is not None and by.pk in {getattr(teacher, "pk", None),
                                    getattr(leave_request, "teacher_id", None)}:
        raise SelfCommitment()
    amount = _positive(amount)
    override_reason = (override_reason or "").strip()
    with transaction.atomic():
        lock_row(source)
        left = available(source)
        overspent = amount > left
        if overspent:
            if not override_reason:
                raise BudgetExceeded(amount - left)
            if by is None or not permissions.can_override_budget(by, source):
                raise OverrideNotAllowed()
        expense = Expense(
            source=source, amount=amount, description=(description or "")[:300], registration=registration,
            leave_request=leave_request, event=event, teacher=teacher,
            override_reason=override_reason if overspent else "", created_by=by,
        )
        audit.attribute(expense, by=by, reason=expense.override_reason)
        expense.save()
        return expense


def release(*, expense, by=None) -> Expense:
    """Release a commitment (cancelled or rejected); money already spent is not released. Who released
    it and when is kept."""
    with transaction.atomic():
        expense = lock_row(expense)
        if expense.status != Expense.Status.COMMITTED:
            raise FundingError(_("Only a commitment can be released."))
        _released(expense, by=by)
    return expense


def _released(expense, *, by, reason=""):
    expense.status = Expense.Status.RELEASED
    expense.released_at = timezone.now()
    expense.released_by = by
    audit.attribute(expense, by=by, reason=reason)
    expense.save(update_fields=["status", "released_at", "released_by"])


def release_for(*, leave_request=None, registration=None, by=None, reason="") -> int:
    """Release every open commitment tied to a leave request or a registration; returns how many.
    Safe to call twice (the second call releases nothing). Who released them, when and why is kept
    (each release is in the commitment's history)."""
    qs = Expense.objects.filter(status=Expense.Status.COMMITTED, direction=Expense.Direction.EXPENSE)
    if leave_request is not None:
        qs = qs.filter(leave_request=leave_request)
    elif registration is not None:
        qs = qs.filter(registration=registration)
    else:
        return 0
    with transaction.atomic():
        expenses = list(qs.select_for_update())
        for expense in expenses:
            _released(expense, by=by, reason=reason)
    return len(expenses)


def mark_paid(*, expense, paid_on, document_number, by=None) -> Expense:
    """Turn a commitment into spending, with the payment date and document number; who recorded the
    payment and when is kept."""
    document_number = required_text(
        document_number, FundingError(_("Enter the payment document number."), field="document_number"))
    if paid_on is None:
        raise FundingError(_("Enter the payment date."), field="paid_on")
    with transaction.atomic():
        expense = lock_row(expense, still="may_be_paid",
                           refusal=FundingError(_("Only a commitment can be marked paid.")))
        expense.status = Expense.Status.SPENT
        expense.paid_on = paid_on
        expense.document_number = document_number[:80]
        expense.paid_at = timezone.now()
        expense.paid_by = by
        audit.attribute(expense, by=by)
        expense.save(update_fields=["status", "paid_on", "document_number", "paid_at", "paid_by"])
    return expense


def record_income(*, source, amount, by, description="", registration=None, event=None, teacher=None,
                  payer="", paid_on=None, document_number="") -> Expense:
    """Income to a source (a fee the centre collects); it adds to what is available."""
    amount = _positive(amount)
    return Expense.objects.create(
        source=source, direction=Expense.Direction.INCOME, status=Expense.Status.SPENT, amount=amount,
        description=(description or "")[:300], registration=registration, event=event, teacher=teacher,
        created_by=by, paid_on=paid_on or timezone.localdate(), payer=payer, paid_by=by, paid_at=timezone.now(),
        document_number=(document_number or "").strip()[:80],
    )


def fee_income_source(*, centre, year):
    """The centre's source that receives participants' fees: personal fees first, else own funds."""
    sources = {s.kind: s for s in FundingSource.objects.filter(owner=centre, year=year, kind__in=FEE_INCOME_KINDS)
               .order_by("kind", "id")}
    for kind in FEE_INCOME_KINDS:
        if kind in sources:
            return sources[kind]
    return None


def record_fee_income(*, registration, by, payer=Expense.Payer.SCHOOL, paid_on=None, document_number="") -> Expense:
    """Record that a participant's fee for a centre event was invoiced to the school or the person and
    paid: income to the centre's personal-fees (or own-funds) source. Recorded once per registration."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event", "event__organiser",
                                                                              "teacher").get(pk=registration.pk)
        event = registration.event
        if event.fee <= 0:
            raise FundingError(_("This event is free: there is no fee to record."))
        if registration.status == Registration.Status.CANCELLED:
            raise FundingError(_("The registration is cancelled."))
        if payer not in Expense.Payer.values:
            raise FundingError(_("Say whom the fee was invoiced to: the school or the person."))
        if Expense.objects.filter(registration=registration, direction=Expense.Direction.INCOME).exclude(
                status=Expense.Status.RELEASED).exists():
            raise FundingError(_("This participant's fee is already recorded."))
        year = event.starts_on.year if event.starts_on else event.plan_year
        source = fee_income_source(centre=event.organiser, year=year)
        if source is None:
            raise FundingError(_("The centre has no personal-fees or own-funds source for %(year)s.") % {"year": year})
        return record_income(
            source=source, amount=event.fee, by=by, registration=registration, event=event,
            teacher=registration.teacher, payer=payer, paid_on=paid_on, document_number=document_number,
            description=f"{event.title} – {registration.teacher.get_full_name()}",
        )


def amend(*, source, amount, date, reason, by) -> FundingAmendment:
    """Change a source's amount by a dated entry (the amount itself is never overwritten); a cut may
    not take the source below zero."""
    try:
        amount = to_money(amount)
    except (ArithmeticError, TypeError, ValueError):
        raise FundingError(_("Enter an amount in euros, e.g. 120.50."), field="amount") from None
    if amount == 0:
        raise FundingError(_("The change cannot be zero."), field="amount")
    reason = required_text(reason, FundingError(_("Give the reason for the change."), field="reason"))
    if date is None:
        raise FundingError(_("Enter the date of the change."), field="date")
    with transaction.atomic():
        lock_row(source)
        left = available(source)
        if amount < 0 and -amount > left:
            raise BudgetExceeded(-amount - left)
        amendment = FundingAmendment(source=source, amount=amount, date=date, reason=reason[:300], created_by=by)
        audit.attribute(amendment, by=by, reason=amendment.reason)
        amendment.save()
        return amendment
