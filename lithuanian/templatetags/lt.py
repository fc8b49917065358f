"""Template filters of the one formatting layer (lithuanian.formats), for pages, e-mails and PDFs:

    {{ amount|money }}            1 234,50 €
    {{ count|number }}            16 264
    {{ share|number:1 }}          12,5
    {{ days|days }}               6,5 d.
    {{ event.academic_hours|hours }}   24 akad. val.
    {{ day|tdate }}               2026-12-01
    {{ moment|tdatetime }}        2026-12-01 14:30
    {{ day|ddate }}               2026 m. gruodžio 1 d.
    {{ day|weekday }}             antradienis
    {{ start|trange:end }}        2026-12-01–2026-12-03, or one date for one day
    {{ start|drange:end }}        2026 m. gruodžio 1–3 d.
    {{ user.first_name|vocative }}   Jūrate
    {{ value|shown }}             any value of a record in its form: a date, a moment, a number, or text
"""

import datetime as dt
from decimal import Decimal

from django import template

from lithuanian import formats
from lithuanian.countries import country_name
from lithuanian.names import vocative

register = template.Library()

# The formats that are filters as they are (of the value, and of the filter's argument where given).
for _name, _format in {
    "money": formats.money, "hours": formats.hours, "tdate": formats.table_date, "tdatetime": formats.table_datetime,
    "ddate": formats.document_date, "weekday": formats.weekday, "trange": formats.date_range,
    "vocative": vocative, "country": country_name,  # `{{ request.country|country }}` -> Latvija
}.items():
    register.filter(_name, _format)


@register.filter
def number(value, places=None):
    try:
        return formats.number(value, None if places in (None, "") else int(places))
    except (TypeError, ValueError, ArithmeticError):
        return ""


@register.filter
def days(value, places=1):
    return formats.day_count(value, int(places))


@register.filter
def percent(value, places=1):
    return formats.percent(value, int(places))


@register.filter
def drange(start, end=None):
    return formats.date_range(start, end, document=True)


@register.filter
def shown(value):
    """A value of a history row in the form of its kind (dates and numbers the Lithuanian way)."""
    if isinstance(value, dt.datetime):
        return formats.table_datetime(value)
    if isinstance(value, dt.date):
        return formats.table_date(value)
    if isinstance(value, Decimal):
        return formats.number(value, -value.as_tuple().exponent if value.as_tuple().exponent < 0 else None)
    return value
