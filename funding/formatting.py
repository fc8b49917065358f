"""Money in the Lithuanian format ("1 234,50 €"): the project's one formatting layer
(lithuanian.formats), under the names the funding code has always used."""

from lithuanian.formats import money, number, to_money

__all__ = ["format_eur", "format_number", "to_money"]


def format_eur(value, symbol=True) -> str:
    """`Decimal("1234.5")` -> `"1 234,50 €"` (non-breaking spaces); a minus sign for negative amounts."""
    return money(value, symbol=symbol)


def format_number(value, places=1) -> str:
    """Days and percentages with a decimal comma: `Decimal("12.5")` -> `"12,5"`."""
    return number(value, places)
