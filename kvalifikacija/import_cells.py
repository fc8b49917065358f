"""Reading one spreadsheet cell or header for the importers (`kvalifikacija.importing`): headers and
choices compared after folding case, accents, punctuation and a unit in brackets, texts, dates and years,
and the `row N, column X: message` form of every error."""

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext


def normalise_header(text) -> str:
    """Fold case, accents, punctuation, spaces and a unit in brackets: "El. paštas (darbo)" -> "elpastas"."""
    text = re.sub(r"[(\[].*?[)\]]", "", str(text or ""))
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


def row_error(number, column, message) -> str:
    if column:
        return gettext("row %(row)s, column %(column)s: %(message)s") % {
            "row": number, "column": column, "message": message}
    return gettext("row %(row)s: %(message)s") % {"row": number, "message": message}



def clean_text(value, *, max_length=None):
    text = "" if value is None else str(value).strip()
    if max_length and len(text) > max_length:
        raise ValidationError(gettext("at most %(max)s characters.") % {"max": max_length})
    return text


def parse_choice(value, choices, *, aliases=None):
    """A choice by its value, its label (either language) or an alias, compared like headers."""
    text = normalise_header(value)
    if not text:
        return ""
    for key, label in choices:
        if text in (normalise_header(key), normalise_header(label)):
            return key
    for alias, key in (aliases or {}).items():
        if text == normalise_header(alias):
            return key
    raise ValidationError(gettext("“%(value)s” is not one of the choices.") % {"value": value})


def first_match(text, patterns):
    """The moment `text` stands for in the first of `patterns` (as `strptime` reads them) that it
    matches; ValueError when it matches none."""
    for pattern in patterns:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise ValueError(text)


def as_date(value, patterns):
    """The date of a date cell (a spreadsheet's date or moment, or text in one of `patterns`); ValueError
    otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return first_match(str(value).strip(), patterns).date()


def parse_date(value):
    if value in ("", None):
        return None
    try:
        return as_date(value, ("%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%d.%m.%Y"))
    except ValueError:
        raise ValidationError(gettext("not a date (write 2026-09-01).")) from None


def parse_year(value, *, low=2000, high=2100):
    if value in ("", None):
        return None
    try:
        number = int(float(str(value).strip()))
    except ValueError:
        raise ValidationError(gettext("not a year.")) from None
    if not low <= number <= high:
        raise ValidationError(gettext("a year between %(low)s and %(high)s.") % {"low": low, "high": high})
    return number


def parse_rows(row, parsers):
    """Run `parsers` ({key: callable(value)}) over a row; every column's error is collected, keyed by
    the column, and raised together."""
    values, errors = {}, {}
    for key, parser in parsers.items():
        try:
            values[key] = parser(row.get(key, ""))
        except ValidationError as error:
            errors[key] = error.messages
    if errors:
        raise ValidationError(errors)
    return values
