"""Money in the Lithuanian format ("1 234,50 €"): the project's one formatting layer
(lithuanian.formats), under the names the funding code has always used."""

from django.utils.translation import gettext as _

from lithuanian.formats import money, number, table_datetime, to_money

from .models import Expense

__all__ = ["expense_trail", "format_eur", "format_number", "to_money", "who_when"]


def format_eur(value, symbol=True) -> str:
    """`Decimal("1234.5")` -> `"1 234,50 €"` (non-breaking spaces); a minus sign for negative amounts."""
    return money(value, symbol=symbol)


def format_number(value, places=1) -> str:
    """Days and percentages with a decimal comma: `Decimal("12.5")` -> `"12,5"`."""
    return number(value, places)


def who_when(person, at) -> str:
    """Who did something with money and when, in local time: "Jūratė Šimkienė, 2026-12-02 14:05" (a person
    since removed reads "—"). The one formatting of it: the source's page, the reports, their PDFs and
    spreadsheets."""
    name = str(person) if person else "—"
    return f"{name}, {table_datetime(at)}" if at else name


def expense_trail(expense) -> list[dict]:
    """The steps of one commitment or income, each {"key", "label", "text"} with `who_when`: committed
    (or recorded, for income), payment recorded, released."""
    income = expense.direction == Expense.Direction.INCOME
    steps = [{"key": "committed", "label": _("Recorded") if income else _("Committed"),
              "text": who_when(expense.created_by, expense.committed_at)}]
    if expense.paid_at and not income:
        steps.append({"key": "paid", "label": _("Payment recorded"), "text": who_when(expense.paid_by, expense.paid_at)})
    if expense.released_at:
        steps.append({"key": "released", "label": _("Released"),
                      "text": who_when(expense.released_by, expense.released_at)})
    return steps
