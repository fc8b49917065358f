"""Money moves with the work: commit on approval, release on cancel, spend on payment.

A source never goes below zero unless its owner overrides with a written reason, which is recorded.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from people import permissions

from .models import Expense, FundingAmendment, FundingSource

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)


class BudgetExceeded(DomainError):
    def __init__(self, shortfall):
        self.shortfall = shortfall
        super().__init__(
            _("The source would go below zero by %(amount)s €. The director may override with a written reason.")
            % {"amount": f"{shortfall:.2f}"}
        )


class OverrideNotAllowed(DomainError):
    default_message = _("Only the source owner's director may spend past zero.")


class FundingError(DomainError):
    pass


def with_balances(queryset):
    """Annotate sources with amended amount, committed, spent, income and available, in one query."""
    amendments = (
        FundingAmendment.objects.filter(source=OuterRef("pk"))
        .values("source").annotate(total=Sum("amount")).values("total")
    )
    return queryset.annotate(
        amendments_total=Coalesce(Subquery(amendments, output_field=MONEY), Value(ZERO), output_field=MONEY),
        committed_total=Coalesce(
            Sum("expenses__amount", filter=Q(expenses__status=Expense.Status.COMMITTED,
                                             expenses__direction=Expense.Direction.EXPENSE)),
            Value(ZERO), output_field=MONEY,
        ),
        spent_total=Coalesce(
            Sum("expenses__amount", filter=Q(expenses__status=Expense.Status.SPENT,
                                             expenses__direction=Expense.Direction.EXPENSE)),
            Value(ZERO), output_field=MONEY,
        ),
        income_total=Coalesce(
            Sum("expenses__amount", filter=Q(expenses__direction=Expense.Direction.INCOME)
                & ~Q(expenses__status=Expense.Status.RELEASED)),
            Value(ZERO), output_field=MONEY,
        ),
    ).annotate(
        planned_total=F("amount") + F("amendments_total") + F("income_total"),
        available=F("amount") + F("amendments_total") + F("income_total") - F("committed_total") - F("spent_total"),
    )


def available(source) -> Decimal:
    return with_balances(FundingSource.objects.filter(pk=source.pk)).values_list("available", flat=True).get()


def commit(*, source, amount, by, description="", registration=None, leave_request=None, event=None,
           teacher=None, override_reason="") -> Expense:
    """Commit `amount` from `source`. Raises BudgetExceeded with the shortfall unless an allowed
    person overrides with a written reason."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount <= 0:
        raise FundingError(_("The amount must be greater than zero."))
    with transaction.atomic():
        FundingSource.objects.select_for_update().get(pk=source.pk)
        left = available(source)
        if amount > left:
            if not override_reason.strip():
                raise BudgetExceeded(amount - left)
            if not permissions.can_override_budget(by, source):
                raise OverrideNotAllowed()
        return Expense.objects.create(
            source=source, amount=amount, description=description, registration=registration,
            leave_request=leave_request, event=event, teacher=teacher,
            override_reason=override_reason.strip() if amount > left else "", created_by=by,
        )


def release(*, expense, by=None) -> Expense:
    """Release a commitment (cancelled or rejected); money already spent is not released."""
    if expense.status != Expense.Status.COMMITTED:
        raise FundingError(_("Only a commitment can be released."))
    expense.status = Expense.Status.RELEASED
    expense.released_at = timezone.now()
    expense.save(update_fields=["status", "released_at"])
    return expense


def release_for(*, leave_request=None, registration=None, by=None) -> int:
    """Release every open commitment tied to a leave request or a registration; returns how many."""
    qs = Expense.objects.filter(status=Expense.Status.COMMITTED)
    if leave_request is not None:
        qs = qs.filter(leave_request=leave_request)
    elif registration is not None:
        qs = qs.filter(registration=registration)
    else:
        return 0
    return qs.update(status=Expense.Status.RELEASED, released_at=timezone.now())


def mark_paid(*, expense, paid_on, document_number, by=None) -> Expense:
    """Turn a commitment into spending, with the payment date and document number."""
    if expense.status != Expense.Status.COMMITTED:
        raise FundingError(_("Only a commitment can be marked paid."))
    if not document_number.strip():
        raise FundingError(_("Enter the payment document number."))
    expense.status = Expense.Status.SPENT
    expense.paid_on = paid_on
    expense.document_number = document_number.strip()
    expense.save(update_fields=["status", "paid_on", "document_number"])
    return expense


def record_income(*, source, amount, by, description="", registration=None, event=None, teacher=None) -> Expense:
    """A fee the centre collects: income to the centre's source."""
    return Expense.objects.create(
        source=source, direction=Expense.Direction.INCOME, status=Expense.Status.SPENT,
        amount=Decimal(amount).quantize(Decimal("0.01")), description=description, registration=registration,
        event=event, teacher=teacher, created_by=by, paid_on=timezone.localdate(),
    )


def amend(*, source, amount, date, reason, by) -> FundingAmendment:
    """Change a source's amount by a dated entry; a cut may not take the source below zero."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if not reason.strip():
        raise FundingError(_("Give the reason for the change."))
    with transaction.atomic():
        FundingSource.objects.select_for_update().get(pk=source.pk)
        if amount < 0 and -amount > available(source):
            raise BudgetExceeded(-amount - available(source))
        return FundingAmendment.objects.create(source=source, amount=amount, date=date, reason=reason.strip(),
                                               created_by=by)

