"""The school's priority order for competing leave requests, as one pure function.

The order (the school's procedure): (1) the event serves one of the school's priorities for the year;
(2) the teacher's attestation is due this year; (3) fewer days already attended this year; (4) the
event is free; (5) it runs outside working hours. Earlier submission breaks a tie.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from lithuanian.formats import number


@dataclass(frozen=True)
class RankInput:
    key: Any
    serves_priority: bool
    attestation_due: bool
    days_this_year: Decimal
    is_free: bool
    outside_working_hours: bool
    submitted_at: datetime | None = None


@dataclass
class RankedRow:
    """A ranked request; its reasons and deciding rule are worded only when read (in the language
    active when it was ranked), so a paginated queue words only the rows of its page."""

    item: RankInput
    rank: int
    below: RankInput | None = None  # the next row's request, which the deciding rule compares with
    language: str | None = None

    @cached_property
    def reasons(self) -> list[str]:
        with translation.override(self.language):
            return [str(r) for r in _reasons(self.item)]

    @cached_property
    def deciding_rule(self) -> str:
        if self.below is None:
            return ""
        with translation.override(self.language):
            return _deciding(self.item, self.below)


RULES = ("priority", "attestation", "days", "free", "outside_hours", "submitted")


def _sort_key(item: RankInput):
    submitted = item.submitted_at.timestamp() if item.submitted_at else float("inf")
    return (
        not item.serves_priority,
        not item.attestation_due,
        Decimal(item.days_this_year),
        not item.is_free,
        not item.outside_working_hours,
        submitted,
    )


def _reasons(item: RankInput) -> list[str]:
    days = number(item.days_this_year, 1)
    return [
        _("serves a school priority for the year") if item.serves_priority
        else _("does not serve a school priority"),
        _("attestation due this year") if item.attestation_due else _("no attestation this year"),
        _("%(days)s days attended this year") % {"days": days},
        _("free event") if item.is_free else _("costs money"),
        _("outside working hours") if item.outside_working_hours else _("during working hours"),
    ]


def _deciding(upper: RankInput, lower: RankInput) -> str:
    """The first rule that puts `upper` before `lower`, said in words."""
    a, b = _sort_key(upper), _sort_key(lower)
    messages = (
        _("ahead of the next: it serves a school priority"),
        _("ahead of the next: the teacher's attestation is due this year"),
        _("ahead of the next: fewer days attended this year"),
        _("ahead of the next: the event is free"),
        _("ahead of the next: it runs outside working hours"),
        _("ahead of the next: submitted earlier"),
    )
    for index, (left, right) in enumerate(zip(a, b, strict=True)):
        if left != right:
            return str(messages[index])
    return str(_("equal to the next by every rule"))


def rank(items) -> list[RankedRow]:
    """Order requests by the school's five priority rules; each row says which rules it meets and
    which rule puts it ahead of the row below."""
    ordered = sorted(items, key=_sort_key)
    language = translation.get_language()
    return [
        RankedRow(item=item, rank=position, below=ordered[position] if position < len(ordered) else None,
                  language=language)
        for position, item in enumerate(ordered, start=1)
    ]
