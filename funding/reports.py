"""The money reports: the director's start-of-year statement and year-end report, and the
administrator's district report. Each builds plain data in a fixed number of queries; the page,
the PDF and the spreadsheet all render the same data.

Figures: planned = amount + dated amendments; income = fees received; committed = open commitments;
spent = paid; used = committed + spent; left = planned + income - used. A qualification day is
ACADEMIC_HOURS_PER_DAY academic hours; cost per day = used / days of the teachers counted.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from lithuanian.collation import lt_order, sort_key
from people.models import Membership, Organisation, Role, User
from people.qualification import days_from_hours, done_hours_sql, minimum_done_hours, qualification_days

from .formatting import expense_trail
from .models import Expense, FundingAmendment, FundingKind, FundingSource
from .services import ZERO, with_balances

CENT = Decimal("0.01")


@dataclass
class Figures:
    planned: Decimal = ZERO
    income: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def used(self):
        return self.committed + self.spent

    @property
    def left(self):
        return self.planned + self.income - self.committed - self.spent

    def add(self, other):
        self.planned += other.planned
        self.income += other.income
        self.committed += other.committed
        self.spent += other.spent
        return self

    @classmethod
    def of(cls, source):
        return cls(planned=source.planned_total, income=source.income_total, committed=source.committed_total,
                   spent=source.spent_total)


def cost_per_day(used, days):
    return (used / days).quantize(CENT, rounding=ROUND_HALF_UP) if days else None


def share(part, whole):
    """Percent with one decimal, or None when there is nobody to count."""
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if whole else None


def kind_label(kind):
    return str(FundingKind(kind).label)


# --- The director's statement and year-end report -----------------------------------------------------

def _sources(owner, year):
    return list(
        with_balances(FundingSource.objects.filter(owner=owner, year=year))
        .prefetch_related(Prefetch("amendments", queryset=FundingAmendment.objects.select_related("created_by")
                                   .order_by("date", "id")))
        .order_by("kind", lt_order("name"))
    )


def start_of_year_statement(*, owner, year) -> dict:
    """Sources and amounts for the teachers' council: per source the planned amount, the dated
    amendments and the amended total; totals per kind and overall. Three queries."""
    sources = _sources(owner, year)
    by_kind = defaultdict(lambda: {"amount": ZERO, "amendments": ZERO, "planned": ZERO, "count": 0})
    for source in sources:
        row = by_kind[source.kind]
        row["amount"] += source.amount
        row["amendments"] += source.amendments_total
        row["planned"] += source.planned_total
        row["count"] += 1
    kinds = [{"kind": kind, "label": kind_label(kind), **by_kind[kind]} for kind in FundingKind.values
             if kind in by_kind]
    return {
        "owner": owner, "year": year, "sources": sources, "kinds": kinds,
        "total_amount": sum((s.amount for s in sources), ZERO),
        "total_amendments": sum((s.amendments_total for s in sources), ZERO),
        "total_planned": sum((s.planned_total for s in sources), ZERO),
    }


def _expenses(owner, year) -> list[Expense]:
    """Every commitment, payment, release and income of the owner's sources in the year, in the order they
    were entered, with who entered each step. One query."""
    return list(
        Expense.objects.filter(source__owner=owner, source__year=year)
        .select_related("source", "created_by", "paid_by", "released_by", "teacher", "event",
                        "registration__teacher", "registration__event", "leave_request__teacher",
                        "leave_request__registration__event")
        .order_by("committed_at", "id")
    )


def _expense_row(e) -> dict:
    """What the year-end figures read of one expense (as `Expense.objects.values(...)` would give it)."""
    lr_registration = e.leave_request.registration if e.leave_request_id else None
    return {
        "amount": e.amount, "status": e.status, "teacher_id": e.teacher_id,
        "leave_request__teacher_id": e.leave_request.teacher_id if e.leave_request_id else None,
        "registration__teacher_id": e.registration.teacher_id if e.registration_id else None,
        "event_id": e.event_id, "event__title": e.event.title if e.event_id else None,
        "registration__event_id": e.registration.event_id if e.registration_id else None,
        "registration__event__title": e.registration.event.title if e.registration_id else None,
        "leave_request__registration__event_id": lr_registration.event_id if lr_registration else None,
        "leave_request__registration__event__title": lr_registration.event.title if lr_registration else None,
        "leave_request__title": e.leave_request.title if e.leave_request_id else None,
        "description": e.description,
    }


def _expense_rows(expenses) -> list[dict]:
    """Commitments and spending (not released, not income): what the year's figures count."""
    return [_expense_row(e) for e in expenses
            if e.direction == Expense.Direction.EXPENSE and e.status != Expense.Status.RELEASED]


def money_movements(expenses) -> list[dict]:
    """Every money movement of the year as the reports list it, with who did each step and when."""
    rows = []
    for e in expenses:
        income = e.direction == Expense.Direction.INCOME
        row = _expense_row(e)
        teacher = e.teacher or (e.registration.teacher if e.registration_id else None) or (
            e.leave_request.teacher if e.leave_request_id else None)
        rows.append({
            "source": e.source.name, "amount": e.amount, "is_income": income,
            "what_for": _event_of(row)[1] or e.description,
            "teacher": str(teacher) if teacher else "",
            "status": str(_("income")) if income else e.get_status_display(),
            "document_number": e.document_number, "trail": expense_trail(e),
        })
    return rows


def _teacher_of(row):
    return row["teacher_id"] or row["leave_request__teacher_id"] or row["registration__teacher_id"]


def _event_of(row):
    for prefix in ("", "registration__", "leave_request__registration__"):
        if row[f"{prefix}event_id"]:
            return ("event", row[f"{prefix}event_id"]), row[f"{prefix}event__title"]
    title = row["leave_request__title"] or row["description"] or ""
    return ("other", title), title


def year_end_report(*, owner, year) -> dict:
    """How the year's money was used: per source planned, income, committed, spent, left; per teacher
    days and cost; per event cost and participants. A fixed number of queries."""
    sources = _sources(owner, year)
    totals = Figures()
    for source in sources:
        source.figures = Figures.of(source)
        totals.add(source.figures)

    expenses = _expenses(owner, year)
    rows = _expense_rows(expenses)
    member_ids = set()
    if owner.kind == Organisation.Kind.SCHOOL:
        member_ids = set(Membership.objects.active().filter(organisation=owner, role=Role.TEACHER)
                         .values_list("user_id", flat=True))
    cost = defaultdict(lambda: ZERO)
    events = {}
    for row in rows:
        teacher_id = _teacher_of(row)
        if teacher_id:
            cost[teacher_id] += row["amount"]
        key, title = _event_of(row)
        entry = events.setdefault(key, {"title": title, "is_catalogue": key[0] == "event", "committed": ZERO,
                                        "spent": ZERO, "teachers": set()})
        entry["committed" if row["status"] == Expense.Status.COMMITTED else "spent"] += row["amount"]
        if teacher_id:
            entry["teachers"].add(teacher_id)
    teacher_ids = member_ids | set(cost)
    figures = qualification_days(teacher_ids=teacher_ids, year=year)
    teachers = []
    for user in User.objects.filter(pk__in=teacher_ids).order_by(lt_order("last_name"), lt_order("first_name"), "pk"):
        standing = figures[user.pk]
        teachers.append({"teacher": user, "name": user.get_full_name() or user.email, "hours": standing.done_hours,
                         "days": standing.done_days, "planned_hours": standing.planned_hours,
                         "planned_days": standing.planned_days, "cost": cost.get(user.pk, ZERO),
                         "reached_minimum": standing.reached_minimum, "is_member": user.pk in member_ids})
    event_rows = sorted(
        ({**entry, "participants": len(entry.pop("teachers")), "total": entry["committed"] + entry["spent"]}
         for entry in events.values()),
        key=lambda e: (-e["total"], e["title"]),
    )
    total_hours = sum(t["hours"] for t in teachers if t["is_member"])
    members = [t for t in teachers if t["is_member"]]
    reached = sum(1 for t in members if t["reached_minimum"])
    return {
        "owner": owner, "year": year, "sources": sources, "totals": totals,
        "teachers": teachers, "events": event_rows, "movements": money_movements(expenses),
        "teacher_cost_total": sum((t["cost"] for t in teachers), ZERO),
        "days_total": days_from_hours(total_hours), "hours_total": total_hours,
        "teachers_count": len(members), "reached_count": reached,
        "participation": share(reached, len(members)),
        "cost_per_day": cost_per_day(totals.used, days_from_hours(total_hours)),
        "minimum_days": settings.MIN_QUALIFICATION_DAYS,
    }


# --- The frame of a report to the teachers' council -----------------------------------------------------

def council_frame(*, owner, meeting_on=None) -> dict:
    """The frame of a report to the teachers' council (*mokytojų tarybos posėdis*): the meeting's date
    (today unless given) and who signs it: the school's director (the active director's membership and
    its position, e.g. *direktorė*), or for the centre its head as recorded on the organisation."""
    membership = (
        Membership.objects.active().filter(organisation=owner, role=Role.DIRECTOR).select_related("user")
        .order_by("id").first()
    )
    if membership is not None:
        name = membership.user.get_full_name() or membership.user.email
        position = membership.position or owner.head_position
    else:
        name, position = owner.head_name, owner.head_position
    return {"meeting_on": meeting_on or timezone.localdate(), "signer_name": name,
            "signer_position": position or _("Director")}


def for_whole_council(data) -> dict:
    """The version shown to the whole council: no money per named person. Teachers keep their hours and
    days; the cost per teacher and its total are left out, and the money movements name no teacher
    (sources, events, totals, and who entered each movement and when, stay)."""
    if "teachers" not in data:
        return {**data, "for_council": True}
    teachers = [{key: value for key, value in row.items() if key != "cost"} for row in data["teachers"]]
    movements = [{**row, "teacher": ""} for row in data.get("movements", [])]  # who and when stay
    return {**data, "teachers": teachers, "teacher_cost_total": None, "movements": movements, "for_council": True}


# --- The administrator's district report --------------------------------------------------------------

def district_organisations(school_id=None):
    """Every active school and the centre (or only the chosen school)."""
    qs = Organisation.objects.filter(is_active=True)
    if school_id:
        return qs.filter(pk=school_id, kind=Organisation.Kind.SCHOOL)
    return qs.filter(kind__in=[Organisation.Kind.SCHOOL, Organisation.Kind.CENTRE])


def teacher_figures(*, school_ids, year) -> dict:
    """{school id: (teachers, teachers who reached MIN_QUALIFICATION_DAYS, their done hours)}, and under
    None the same for the district (each teacher once), added up in the database in one query: the
    schools' active teachers joined with their done hours (`people.qualification.done_hours_sql`, the
    sources' own queries); "reached" is done hours ≥ `minimum_done_hours()` (from `days_from_hours`)."""
    teachers = (Membership.objects.active()
                .filter(organisation_id__in=school_ids, role=Role.TEACHER, user__is_active=True).order_by())
    pairs, pair_params = teachers.values("organisation_id", "user_id").distinct().query.sql_with_params()
    # One school: its teachers' hours only; the whole district: everyone's, joined to the schools below.
    done, done_params = done_hours_sql(teachers.values("user_id") if len(school_ids) == 1 else None, year)
    figures = "COUNT(*), SUM(CASE WHEN d.hours >= %s THEN 1 ELSE 0 END), COALESCE(SUM(d.hours), 0)"
    minimum = minimum_done_hours()
    result = {None: (0, 0, 0)}
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH m AS ({pairs}), d AS ({done}) "
            f"SELECT m.organisation_id, {figures} FROM m LEFT JOIN d ON d.teacher_id = m.user_id "
            f"GROUP BY m.organisation_id "
            f"UNION ALL SELECT NULL, {figures} FROM (SELECT DISTINCT user_id FROM m) u "
            f"LEFT JOIN d ON d.teacher_id = u.user_id",  # noqa: S608 - the ORM's own SQL, values are parameters
            [*pair_params, *done_params, minimum, minimum],
        )
        for org_id, count, reached, hours in cursor.fetchall():
            result[org_id] = (count, int(reached or 0), int(hours or 0))
    return result


def district_report(*, year, school_id=None) -> dict:
    """Every school and the centre, per source kind, with totals, cost per qualification day and
    participation (share of teachers who reached MIN_QUALIFICATION_DAYS). Five queries whatever the
    number of schools and teachers."""
    organisations = list(district_organisations(school_id).order_by("-kind", lt_order("name")))  # schools, then the centre
    organisations.sort(key=lambda o: (o.kind != Organisation.Kind.SCHOOL, sort_key(o.name)))
    org_ids = [o.pk for o in organisations]
    per_org = {pk: {"kinds": defaultdict(Figures), "total": Figures()} for pk in org_ids}
    per_kind = defaultdict(Figures)
    total = Figures()
    balances = with_balances(FundingSource.objects.filter(year=year, owner_id__in=org_ids)).values(
        "owner_id", "kind", "planned_total", "income_total", "committed_total", "spent_total")
    for row in balances:
        figures = Figures(planned=row["planned_total"], income=row["income_total"],
                          committed=row["committed_total"], spent=row["spent_total"])
        per_org[row["owner_id"]]["kinds"][row["kind"]].add(figures)
        per_org[row["owner_id"]]["total"].add(figures)
        per_kind[row["kind"]].add(figures)
        total.add(figures)

    school_ids = [o.pk for o in organisations if o.kind == Organisation.Kind.SCHOOL]
    people = teacher_figures(school_ids=school_ids, year=year)
    district = people.pop(None)

    kinds_present = [k for k in FundingKind.values if k in per_kind]
    rows = []
    for org in organisations:
        data = per_org[org.pk]
        teachers, reached, org_hours = people.get(org.pk, (0, 0, 0))
        days = days_from_hours(org_hours)
        is_school = org.kind == Organisation.Kind.SCHOOL
        rows.append({
            "organisation": org, "name": str(org), "is_school": is_school,
            "kinds": [data["kinds"].get(k, Figures()) for k in kinds_present],
            "total": data["total"],
            "teachers": teachers, "reached": reached, "hours": org_hours, "days": days,
            "participation": share(reached, teachers) if is_school else None,
            "cost_per_day": cost_per_day(data["total"].used, days) if is_school else None,
        })
    teachers, reached, district_hours = district
    district_days = days_from_hours(district_hours)
    return {
        "year": year, "school_id": school_id, "rows": rows,
        "kinds": [{"kind": k, "label": kind_label(k), "figures": per_kind[k]} for k in kinds_present],
        "total": total, "teachers": teachers, "reached": reached,
        "hours": district_hours, "days": district_days,
        "participation": share(reached, teachers),
        "cost_per_day": cost_per_day(total.used, district_days),
        "minimum_days": settings.MIN_QUALIFICATION_DAYS,
        "schools_count": len(school_ids),
    }


def district_chart_data(report) -> dict:
    """What the page's charts draw (passed with json_script): per source kind and per school."""
    return {
        "series": {"planned": str(_("Planned")), "used": str(_("Used (committed and spent)"))},
        "kinds": {
            "labels": [k["label"] for k in report["kinds"]],
            "planned": [float(k["figures"].planned) for k in report["kinds"]],
            "used": [float(k["figures"].used) for k in report["kinds"]],
        },
        "organisations": {
            "labels": [r["name"] for r in report["rows"]],
            "planned": [float(r["total"].planned) for r in report["rows"]],
            "used": [float(r["total"].used) for r in report["rows"]],
            "cost_per_day": [float(r["cost_per_day"]) if r["cost_per_day"] is not None else None
                             for r in report["rows"]],
        },
    }
