"""Numbers, money, dates and day counts as Lithuanian schools write them, the same on pages, PDFs,
e-mails and in spreadsheets: `16 264`, `1 234,50 €`, `6,5 d.`, `2026-12-01` in tables,
`2026 m. gruodžio 1 d.` in documents, weekdays in lower case, a one-day range as one date.

The thousands separator is a non-breaking space, so an amount never breaks across lines.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

NBSP = "\u00a0"
CENT = Decimal("0.01")
# Spreadsheet display formats: the grouping and decimal marks are the reader's Excel locale's; these
# give thousands grouped and two decimals for money, one for days.
XLSX_MONEY = '#,##0.00\\ "€"'
XLSX_NUMBER = "#,##0"
XLSX_DAYS = "#,##0.0"
XLSX_DATE = "yyyy-mm-dd"


def _decimal(value):
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value)) if not isinstance(value, Decimal) else value
    except (InvalidOperation, TypeError, ValueError):
        return None


def _group(whole: str) -> str:
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return NBSP.join(groups)


def number(value, places=None) -> str:
    """`16264` -> `16 264`; `Decimal("6.5")` -> `6,5`; places fixes the decimals (`number(2, 1)` -> `2,0`).

    Without places, a whole value prints without decimals and other values keep theirs (trailing
    zeros dropped). Non-numbers give ""."""
    amount = _decimal(value)
    if amount is None:
        return ""
    if places is not None:
        quantum = Decimal(1).scaleb(-int(places))
        amount = amount.quantize(quantum, rounding=ROUND_HALF_UP)
        text = f"{abs(amount):.{int(places)}f}"
    else:
        text = f"{abs(amount):f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    sign = "-" if amount < 0 and amount.copy_abs() != 0 else ""
    whole, _sep, fraction = text.partition(".")
    return sign + _group(whole) + ("," + fraction if fraction else "")


def to_money(value) -> Decimal:
    """A Decimal in euros rounded to the cent (half up, as accountants round)."""
    amount = _decimal(value)
    if amount is None:
        return Decimal("0.00")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money(value, symbol=True) -> str:
    """`Decimal("1234.5")` -> `1 234,50 €` (a minus sign for negative amounts, "" for non-numbers)."""
    if _decimal(value) is None:
        return ""
    text = number(to_money(value), 2)
    return f"{text}{NBSP}€" if symbol else text


def day_count(days, places=1) -> str:
    """Qualification days with the short unit: `Decimal("6.5")` -> `6,5 d.`, `5` -> `5,0 d.`."""
    text = number(days, places)
    return f"{text}{NBSP}{pgettext('short for days', 'd.')}" if text else ""


def hours(value) -> str:
    """Academic hours with the short unit: `24` -> `24 akad. val.`."""
    text = number(value)
    return f"{text}{NBSP}{pgettext('short for academic hours', 'ac. h.')}" if text else ""


def percent(value, places=1) -> str:
    text = number(value, places)
    return f"{text}{NBSP}%" if text else ""


def _as_date(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, dt.date) else None


def table_date(value) -> str:
    """`2026-12-01`: the form of dates in tables, lists and spreadsheets, in every language."""
    day = _as_date(value)
    return day.isoformat() if day else ""


def table_datetime(value) -> str:
    """`2026-12-01 14:30` in local time."""
    if not isinstance(value, dt.datetime):
        return table_date(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return local.strftime("%Y-%m-%d %H:%M")


def document_date(value) -> str:
    """`2026 m. gruodžio 1 d.` in Lithuanian (the month in the genitive); the language's long date
    format otherwise."""
    day = _as_date(value)
    if not day:
        return ""
    return formats.date_format(day, "DATE_FORMAT")


def weekday(value) -> str:
    """`antradienis`: Lithuanian weekday names are written in lower case."""
    day = _as_date(value)
    if not day:
        return ""
    name = formats.date_format(day, "l")
    return name.lower() if translation.get_language() == "lt" else name


def date_range(start, end=None, document=False) -> str:
    """`2026-12-01–2026-12-03`, or one date when the range is one day (or has no end)."""
    show = document_date if document else table_date
    first = _as_date(start)
    last = _as_date(end)
    if not first:
        return show(last) if last else ""
    if not last or last == first:
        return show(first)
    if document and first.year == last.year:
        # 2026 m. gruodžio 1–3 d. / 2026 m. lapkričio 30 d. – gruodžio 3 d.
        if translation.get_language() == "lt":
            months = _genitive_months()
            if first.month == last.month:
                return f"{first.year} m. {months[first.month - 1]} {first.day}–{last.day} d."
            return (f"{first.year} m. {months[first.month - 1]} {first.day} d. – "
                    f"{months[last.month - 1]} {last.day} d.")
    separator = " – " if document else "–"
    return f"{show(first)}{separator}{show(last)}"


def _genitive_months():
    return [formats.date_format(dt.date(2000, month, 1), "E") for month in range(1, 13)]


def yes_no(value) -> str:
    return _("yes") if value else _("no")
