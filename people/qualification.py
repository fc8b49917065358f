"""Qualification days: the one definition every page, report, document, the ranking and the warnings use.

*Done* = academic hours of events attended and of recognised outside certificates, counted in the
calendar year of the event's last day; *planned* = confirmed seats and approved requests whose event
is still ahead (last day today or later), in the year of that last day. Planned is shown beside done
and never mixed into it. Days = hours ÷ ACADEMIC_HOURS_PER_DAY (6 by default), one decimal.

Each domain app contributes its own hours through a registered *source* (the events app: attended
events and confirmed seats; the certificates app: recognised outside certificates; the leave app:
approved outside requests not yet replaced by a recognised certificate), so this module knows the
formula and the years but imports no app above `people`. Each source answers for its own objects and
never counts an event another source counts: that is how the same event is never counted twice.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

DONE = "done"
PLANNED = "planned"

# A source: (teacher_ids, years, today) -> iterable of (teacher_id, year, DONE | PLANNED, hours).
HoursSource = Callable[[list, set, date], Iterable[tuple]]
_sources: dict[str, HoursSource] = {}


# A source's *done* hours as a query, for reports that add them up in the database: (teachers, year) ->
# a values queryset of rows with "teacher_id" and "hours" (the hours the source counts as done in that
# year per teacher); `teachers` is a list of ids, a queryset of ids (a subquery), or None: every teacher.
DoneHoursQuery = Callable[[object, int], object]
_done_queries: dict[str, DoneHoursQuery] = {}


def register_hours_source(name: str, source: HoursSource, done: DoneHoursQuery | None = None) -> None:
    """Called from an app's `AppConfig.ready()`; a name registered twice keeps the last function. A
    source with done hours gives them as a query too (`done`), built by the same code as its rows."""
    _sources[name] = source
    if done is None:
        _done_queries.pop(name, None)
    else:
        _done_queries[name] = done


def done_hours_sql(teachers, year) -> tuple[str, list]:
    """SQL and parameters of rows (teacher_id, hours): each teacher's done hours in `year` over every
    source, for those of `teachers` (None: everyone) who have any; to be joined and added up in the
    database."""
    parts = [query(teachers, year).order_by().values_list("teacher_id", "hours") for query in _done_queries.values()]
    if not parts:
        return "SELECT NULL AS teacher_id, 0 AS hours WHERE 1 = 0", []
    sql, params = parts[0].union(*parts[1:], all=True).query.sql_with_params()
    return f"SELECT teacher_id, SUM(hours) AS hours FROM ({sql}) AS done GROUP BY teacher_id", list(params)


def minimum_done_hours() -> int:
    """The fewest done hours whose days reach MIN_QUALIFICATION_DAYS (by `days_from_hours`, the one rule)."""
    hours = 0
    while days_from_hours(hours) < settings.MIN_QUALIFICATION_DAYS:
        hours += 1
    return hours


def days_from_hours(hours) -> Decimal:
    """The one place academic hours become qualification days."""
    return (Decimal(hours or 0) / Decimal(settings.ACADEMIC_HOURS_PER_DAY)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class QualificationDays:
    """One teacher's figures in one calendar year."""

    year: int
    done_hours: int = 0
    planned_hours: int = 0

    @property
    def done_days(self) -> Decimal:
        return days_from_hours(self.done_hours)

    @property
    def planned_days(self) -> Decimal:
        return days_from_hours(self.planned_hours)

    # The names pages used before there was a "planned": hours and days are always *done*.
    @property
    def hours(self) -> int:
        return self.done_hours

    @property
    def days(self) -> Decimal:
        return self.done_days

    @property
    def minimum_days(self) -> int:
        return settings.MIN_QUALIFICATION_DAYS

    @property
    def days_left_of_right(self) -> Decimal:
        return max(Decimal(settings.MIN_QUALIFICATION_DAYS) - self.done_days, Decimal("0"))

    @property
    def reached_minimum(self) -> bool:
        return self.done_days >= Decimal(settings.MIN_QUALIFICATION_DAYS)

    @property
    def hours_per_day(self) -> int:
        return settings.ACADEMIC_HOURS_PER_DAY


def qualification_days_by_year(*, teacher_ids, years, today=None) -> dict:
    """{(teacher_id, year): QualificationDays} for every teacher and year asked, zero where nothing
    counts; one query per source whatever the number of teachers and years."""
    teacher_ids = list(dict.fromkeys(teacher_ids))
    years = set(years)
    today = today or timezone.localdate()
    done = defaultdict(int)
    planned = defaultdict(int)
    if teacher_ids and years:
        for source in _sources.values():
            for teacher_id, year, kind, hours in source(teacher_ids, years, today):
                (done if kind == DONE else planned)[(teacher_id, year)] += hours or 0
    return {
        (teacher_id, year): QualificationDays(
            year=year, done_hours=done[(teacher_id, year)], planned_hours=planned[(teacher_id, year)]
        )
        for teacher_id in teacher_ids
        for year in years
    }


def qualification_days(*, teacher_ids, year, today=None) -> dict:
    """{teacher_id: QualificationDays} in one calendar year."""
    rows = qualification_days_by_year(teacher_ids=teacher_ids, years={year}, today=today)
    return {teacher_id: figures for (teacher_id, _year), figures in rows.items()}


def teacher_days(teacher, year, *, today=None) -> QualificationDays:
    """One teacher's figures in one year."""
    return qualification_days(teacher_ids=[teacher.pk], year=year, today=today)[teacher.pk]
