"""Every report figure against a hand-computed data set (tests/funding/data.py)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from events.models import Registration
from funding import reports
from funding.models import FundingKind
from people.models import Membership, Role
from people.qualification import qualification_days
from tests.factories import EventFactory, RegistrationFactory, SchoolFactory, teacher

from .data import YEAR, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build()


def test_start_of_year_statement_lists_sources_with_dated_amendments_and_totals(world):
    data = reports.start_of_year_statement(owner=world["school"], year=YEAR)
    rows = {s.name: s for s in data["sources"]}
    assert set(rows) == {"Mokymo lėšos", "Savos lėšos"}  # the previous year's source is not in it
    teaching = rows["Mokymo lėšos"]
    assert teaching.amount == D("2000.00")
    assert teaching.amendments_total == D("149.50")
    assert teaching.planned_total == D("2149.50")
    assert [a.amount for a in teaching.amendments.all()] == [D("300.00"), D("-150.50")]
    assert data["total_amount"] == D("2500.00")
    assert data["total_amendments"] == D("149.50")
    assert data["total_planned"] == D("2649.50")
    kinds = {k["kind"]: k for k in data["kinds"]}
    assert kinds[FundingKind.TEACHING_FUNDS]["planned"] == D("2149.50")
    assert kinds[FundingKind.OWN_FUNDS]["planned"] == D("500.00")


def test_year_end_report_per_source_planned_committed_spent_left(world):
    data = reports.year_end_report(owner=world["school"], year=YEAR)
    rows = {s.name: s.figures for s in data["sources"]}
    assert rows["Mokymo lėšos"].planned == D("2149.50")
    assert rows["Mokymo lėšos"].committed == D("120.00")  # the released 80 € is not counted
    assert rows["Mokymo lėšos"].spent == D("250.50")
    assert rows["Mokymo lėšos"].left == D("1779.00")
    assert rows["Savos lėšos"].spent == D("45.25")
    assert rows["Savos lėšos"].left == D("454.75")
    totals = data["totals"]
    assert (totals.planned, totals.income, totals.committed, totals.spent, totals.left) == (
        D("2649.50"), D("0.00"), D("120.00"), D("295.75"), D("2233.75"))


def test_year_end_report_per_teacher_days_and_cost(world):
    t1, t2, t3 = world["teachers"]
    data = reports.year_end_report(owner=world["school"], year=YEAR)
    by_id = {row["teacher"].pk: row for row in data["teachers"]}
    assert set(by_id) == {t1.pk, t2.pk, t3.pk}
    assert (by_id[t1.pk]["hours"], by_id[t1.pk]["days"], by_id[t1.pk]["cost"]) == (30, D("5.0"), D("165.25"))
    assert (by_id[t2.pk]["hours"], by_id[t2.pk]["days"], by_id[t2.pk]["cost"]) == (12, D("2.0"), D("250.50"))
    assert (by_id[t3.pk]["hours"], by_id[t3.pk]["days"], by_id[t3.pk]["cost"]) == (0, D("0.0"), D("0.00"))
    assert by_id[t1.pk]["reached_minimum"] and not by_id[t2.pk]["reached_minimum"]
    assert data["teacher_cost_total"] == D("415.75")
    assert data["days_total"] == D("7.0")
    assert data["cost_per_day"] == D("59.39")  # 415.75 / 7
    assert (data["teachers_count"], data["reached_count"], data["participation"]) == (3, 1, D("33.3"))


def test_year_end_report_per_event(world):
    data = reports.year_end_report(owner=world["school"], year=YEAR)
    events = {e["title"]: e for e in data["events"]}
    assert set(events) == {"Įtraukusis ugdymas", "Konferencija Rygoje"}
    seminar = events["Įtraukusis ugdymas"]
    assert (seminar["committed"], seminar["spent"], seminar["total"], seminar["participants"]) == (
        D("120.00"), D("45.25"), D("165.25"), 1)
    assert seminar["is_catalogue"]
    outside = events["Konferencija Rygoje"]
    assert (outside["spent"], outside["total"], outside["is_catalogue"]) == (D("250.50"), D("250.50"), False)


def test_district_report_totals_per_school_and_kind(world):
    data = reports.district_report(year=YEAR)
    rows = {r["name"]: r for r in data["rows"]}
    assert list(rows) == ["Ąžuolyno progimnazija", "Šilo gimnazija", "Rajono švietimo centras"]
    school = rows["Ąžuolyno progimnazija"]
    assert (school["total"].planned, school["total"].used, school["total"].left) == (
        D("2649.50"), D("415.75"), D("2233.75"))
    assert (school["teachers"], school["reached"], school["participation"]) == (3, 1, D("33.3"))
    assert (school["days"], school["cost_per_day"]) == (D("7.0"), D("59.39"))
    other = rows["Šilo gimnazija"]
    assert (other["total"].spent, other["teachers"], other["participation"], other["cost_per_day"]) == (
        D("100.00"), 1, D("0.0"), None)
    centre = rows["Rajono švietimo centras"]
    assert (centre["total"].planned, centre["total"].income, centre["total"].committed, centre["total"].left) == (
        D("1000.00"), D("70.00"), D("200.00"), D("870.00"))
    assert centre["participation"] is None and centre["cost_per_day"] is None

    total = data["total"]
    assert (total.planned, total.income, total.committed, total.spent, total.used, total.left) == (
        D("4649.50"), D("70.00"), D("320.00"), D("395.75"), D("715.75"), D("4003.75"))
    assert (data["teachers"], data["reached"], data["participation"]) == (4, 1, D("25.0"))
    assert (data["days"], data["cost_per_day"]) == (D("7.0"), D("102.25"))  # 715.75 / 7

    kinds = {k["kind"]: k["figures"] for k in data["kinds"]}
    assert (kinds[FundingKind.TEACHING_FUNDS].planned, kinds[FundingKind.TEACHING_FUNDS].used) == (
        D("3149.50"), D("470.50"))
    assert kinds[FundingKind.PERSONAL].income == D("70.00")
    assert kinds[FundingKind.MUNICIPALITY].committed == D("200.00")
    assert kinds[FundingKind.OWN_FUNDS].spent == D("45.25")
    # per school × kind cells line up with the kinds' order
    order = [k["kind"] for k in data["kinds"]]
    assert school["kinds"][order.index(FundingKind.TEACHING_FUNDS)].used == D("370.50")


def test_district_report_filtered_to_one_school(world):
    data = reports.district_report(year=YEAR, school_id=world["other"].pk)
    assert [r["name"] for r in data["rows"]] == ["Šilo gimnazija"]
    assert data["total"].planned == D("1000.00")
    assert data["teachers"] == 1


def test_chart_data_has_a_value_per_kind_and_per_school(world):
    chart = reports.district_chart_data(reports.district_report(year=YEAR))
    assert len(chart["kinds"]["labels"]) == len(chart["kinds"]["planned"]) == 4
    assert chart["organisations"]["used"] == [415.75, 100.0, 200.0]


def test_district_teacher_figures_are_those_of_the_one_definition_of_qualification_days():
    """The district report adds up in the database what `people.qualification` says per teacher: each
    teacher counted once for the district and once in each school, "reached" exactly at the minimum."""
    first, second = SchoolFactory(), SchoolFactory()
    people = [teacher(first), teacher(first), teacher(second), teacher(second)]
    Membership.objects.create(user=people[0], organisation=second, role=Role.TEACHER)  # in both schools
    day = dt.date(YEAR, 3, 10)
    for person, hours in zip(people, (30, 29, 36, 0), strict=True):  # the minimum is 5 days = 30 hours
        if hours:
            RegistrationFactory(event=EventFactory(starts_on=day, academic_hours=hours, status="completed"),
                                teacher=person, status=Registration.Status.ATTENDED)
    RegistrationFactory(event=EventFactory(starts_on=day.replace(year=YEAR - 1), academic_hours=40,
                                           status="completed"), teacher=people[3],
                        status=Registration.Status.ATTENDED)  # another year: does not count
    figures = reports.teacher_figures(school_ids=[first.pk, second.pk], year=YEAR)
    days = qualification_days(teacher_ids=[p.pk for p in people], year=YEAR)

    def expected(members):
        return (len(members), sum(1 for p in members if days[p.pk].reached_minimum),
                sum(days[p.pk].done_hours for p in members))

    assert figures[first.pk] == expected(people[:2]) == (2, 1, 59)
    assert figures[second.pk] == expected([people[0], *people[2:]]) == (3, 2, 66)
    assert figures[None] == expected(people) == (4, 2, 95)
    assert reports.teacher_figures(school_ids=[second.pk], year=YEAR)[second.pk] == figures[second.pk]
