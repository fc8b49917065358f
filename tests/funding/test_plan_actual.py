"""Plan against actual: exact figures on a known year, access, and a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, Registration
from funding.models import Expense, FundingKind
from funding.plan_actual import plan_against_actual
from people.models import Role
from tests.factories import (
    CentreFactory,
    EventFactory,
    ExpenseFactory,
    FundingSourceFactory,
    RegistrationFactory,
    member,
    teacher,
)

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def year_data():
    centre = CentreFactory()
    held = EventFactory(organiser=centre, form="seminaras", delivery_mode="nuotolinis", seats=10, academic_hours=6,
                        status=Event.Status.COMPLETED, starts_on=dt.date(YEAR, 3, 10), plan_year=YEAR)
    EventFactory(organiser=centre, form="seminaras", seats=15, status=Event.Status.CANCELLED,
                 starts_on=dt.date(YEAR, 3, 20), plan_year=YEAR)
    coming = EventFactory(organiser=centre, form="kursai", seats=20, academic_hours=40,
                          starts_on=dt.date(YEAR, 12, 1), plan_year=YEAR)
    EventFactory(organiser=centre, status=Event.Status.DRAFT, starts_on=dt.date(YEAR, 5, 1), plan_year=YEAR)
    EventFactory(organiser=CentreFactory(), status=Event.Status.COMPLETED, starts_on=dt.date(YEAR, 3, 1),
                 plan_year=YEAR)  # another centre's
    registrations = [RegistrationFactory(event=held, status=Registration.Status.ATTENDED) for _ in range(4)]
    RegistrationFactory(event=held, status=Registration.Status.NO_SHOW)
    RegistrationFactory(event=held, status=Registration.Status.CANCELLED)
    for _ in range(2):
        RegistrationFactory(event=coming, status=Registration.Status.CONFIRMED)
    teaching = FundingSourceFactory(kind=FundingKind.TEACHING_FUNDS, amount=Decimal("1000"))
    municipal = FundingSourceFactory(kind=FundingKind.MUNICIPALITY, amount=Decimal("1000"))
    ExpenseFactory(source=teaching, amount=Decimal("60.00"), event=held)
    ExpenseFactory(source=municipal, amount=Decimal("40.00"), registration=registrations[0],
                   status=Expense.Status.SPENT)
    ExpenseFactory(source=teaching, amount=Decimal("500.00"), event=held, status=Expense.Status.RELEASED)
    ExpenseFactory(source=teaching, amount=Decimal("70.00"), event=held, direction=Expense.Direction.INCOME)
    return centre


def test_totals_count_planned_held_cancelled_and_to_come(year_data):
    total = plan_against_actual(organiser=year_data, year=YEAR)["total"]
    assert (total.planned, total.held, total.cancelled, total.upcoming) == (3, 1, 1, 1)
    assert total.cancellation_rate == 33.3


def test_fill_rate_counts_seat_holders_of_events_not_cancelled(year_data):
    total = plan_against_actual(organiser=year_data, year=YEAR)["total"]
    # Held: 4 attended + 1 no-show of 10 seats; to come: 2 of 20; the cancelled event is left out.
    assert (total.seats, total.seats_taken) == (30, 7)
    assert total.fill_rate == 23.3


def test_cost_per_participant_hour_and_funding_mix(year_data):
    total = plan_against_actual(organiser=year_data, year=YEAR)["total"]
    assert (total.participants, total.participant_hours) == (4, 24)
    assert total.cost == Decimal("100.00")  # released and income are not costs
    assert total.cost_per_participant_hour == Decimal("4.17")
    shares = {str(label): (amount, share) for label, amount, share in total.kind_shares()}
    assert shares[str(FundingKind.TEACHING_FUNDS.label)] == (Decimal("60.00"), 60.0)
    assert shares[str(FundingKind.MUNICIPALITY.label)] == (Decimal("40.00"), 40.0)
    assert total.remote_share == 100.0


def test_money_of_events_still_to_come_is_not_spread_over_hours_already_held(year_data):
    coming = Event.objects.get(organiser=year_data, form="kursai")
    ExpenseFactory(source=FundingSourceFactory(amount=Decimal("1000")), amount=Decimal("400.00"), event=coming)
    total = plan_against_actual(organiser=year_data, year=YEAR)["total"]
    assert total.cost == Decimal("500.00")
    assert total.cost_per_participant_hour == Decimal("4.17")  # 100 € of the held event / 24 hours


def test_each_form_shows_its_own_funding_mix(year_data):
    by_form = {row.label: row for row in plan_against_actual(organiser=year_data, year=YEAR)["by_form"]}
    seminar = by_form[str(Event(form="seminaras").get_form_display())]
    assert [share for _label, share in seminar.mix()] == [60.0, 40.0]
    assert by_form[str(Event(form="kursai").get_form_display())].mix() == []


def test_rows_per_form_and_per_month(year_data):
    report = plan_against_actual(organiser=year_data, year=YEAR)
    by_form = {row.label: row for row in report["by_form"]}
    assert by_form[str(Event(form="seminaras").get_form_display())].planned == 2
    assert by_form[str(Event(form="kursai").get_form_display())].upcoming == 1
    assert [row.planned for row in report["by_month"]] == [2, 1]


def test_page_and_spreadsheet_for_centre_staff_and_administrators(client, year_data):
    client.force_login(member(Role.CENTRE_STAFF, year_data))
    response = client.get(f"/centras/planas/{YEAR}/vykdymas/")
    assert response.status_code == 200
    assert response.context["report"]["total"].planned == 3
    xlsx = client.get(f"/centras/planas/{YEAR}/vykdymas/?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(member(Role.ADMINISTRATOR))
    assert client.get(f"/centras/planas/{YEAR}/vykdymas/").status_code == 200


@pytest.mark.parametrize("role", [Role.TEACHER, Role.DIRECTOR, Role.DEPUTY, Role.LECTURER])
def test_school_roles_and_lecturers_get_403(client, year_data, role):
    user = teacher() if role == Role.TEACHER else member(role)
    client.force_login(user)
    assert client.get(f"/centras/planas/{YEAR}/vykdymas/").status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(f"/centras/planas/{YEAR}/vykdymas/")
    assert response.status_code == 302
    assert response["Location"].startswith("/prisijungti/")


def test_constant_number_of_queries(client, django_assert_max_num_queries):
    centre = CentreFactory()
    staff = member(Role.CENTRE_STAFF, centre)
    client.force_login(staff)

    def queries_for(n):
        for i in range(n):
            event = EventFactory(organiser=centre, starts_on=dt.date(YEAR, 1 + i % 12, 5), plan_year=YEAR)
            RegistrationFactory(event=event)

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/centras/planas/{YEAR}/vykdymas/").status_code == 200
        return len(ctx)

    assert queries_for(3) == queries_for(12)
