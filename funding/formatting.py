"""Money in the Lithuanian format ("1 234,50 €"), the same on pages, PDFs and in error messages."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_money(value) -> Decimal:
    """A Decimal in euros rounded to the cent (half up, as accountants round)."""
    if value is None or value == "":
        return Decimal("0.00")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_eur(value, symbol=True) -> str:
    """`Decimal("1234.5")` -> `"1 234,50 €"`; a minus sign for negative amounts; "" for non-numbers."""
    try:
        amount = to_money(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = f"{sign}{' '.join(groups)},{cents}"
    return f"{text} €" if symbol else text


def format_number(value, places=1) -> str:
    """Days and percentages with a decimal comma: `Decimal("12.5")` -> `"12,5"`."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-places)
    return f"{Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP):.{places}f}".replace(".", ",")
