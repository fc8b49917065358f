"""Read queries shared by the money pages."""

from lithuanian.collation import lt_order
from people.models import Organisation

from . import permissions
from .models import Expense, FundingAmendment, FundingSource
from .services import with_balances


def organisations_with_funding(user):
    """The schools and centre whose money this user manages or sees as head/staff."""
    return Organisation.objects.filter(pk__in=permissions.funding_owner_ids(user)).order_by("-kind", lt_order("name"))


def sources_of(owner, year):
    return list(with_balances(FundingSource.objects.filter(owner=owner, year=year)).order_by("kind", lt_order("name")))


def open_commitments(owner, year):
    return list(
        Expense.objects.filter(source__owner=owner, source__year=year, status=Expense.Status.COMMITTED,
                               direction=Expense.Direction.EXPENSE)
        .select_related("source", "teacher", "event", "leave_request").order_by("committed_at", "id")
    )


def expenses_of_source(source):
    return list(source.expenses.select_related("teacher", "event", "created_by", "paid_by", "released_by")
                .order_by("-committed_at", "-id"))


def amendments_of_source(source):
    return list(FundingAmendment.objects.filter(source=source).select_related("created_by").order_by("date", "id"))
