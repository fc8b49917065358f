"""Parsing URL parameters and hand-read form values: bad input is a 400 (or a 404 from a converter),
never a 500. Views use these instead of `int(request.GET[...])`."""

from django.core.exceptions import BadRequest, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

YEAR_MIN, YEAR_MAX = 2000, 2100
ID_MAX = 2**63 - 1  # the largest primary key a database row can have


def _whole(value):
    text = str(value).strip()
    if not text or len(text) > 20 or not text.lstrip("-").isdigit() or text.count("-") > 1:
        return None
    return int(text)


def int_param(value, *, default=None, minimum=None, maximum=None):
    """A whole number within [minimum, maximum]; empty or missing → `default`; anything else → 400."""
    if value in (None, ""):
        return default
    number = _whole(value)
    if number is None or (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise BadRequest(_("A parameter has a wrong value."))
    return number


def year_param(value, *, default=None):
    """A calendar year the portal can hold (2000–2100); missing → `default` or this year."""
    return int_param(value, default=default or timezone.localdate().year, minimum=YEAR_MIN, maximum=YEAR_MAX)


def id_param(value):
    """The id of a row (a positive whole number a database can hold); anything else → 400."""
    return int_param(value, minimum=1, maximum=ID_MAX)


def id_list(values):
    """A list of ids (e.g. ticked check boxes); a single bad one → 400."""
    return [id_param(v) for v in values if v not in (None, "")]


def within_portal_years(value):
    """A form validator for dates: the portal's years only (2000–2100), so date arithmetic cannot overflow."""
    if value is not None and not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValidationError(_("Enter a date between %(first)s and %(last)s.")
                              % {"first": YEAR_MIN, "last": YEAR_MAX}, code="out_of_range")


class YearConverter:
    """`<year:year>` in a path: four digits within 2000–2100, otherwise the address does not exist (404)."""

    regex = "[0-9]{1,20}"

    def to_python(self, value):
        year = int(value)
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValueError(value)
        return year

    def to_url(self, value):
        return str(value)
