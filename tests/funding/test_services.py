"""The money rules: no overspend (and its recorded override), release on cancel, dated amendments,
payment, fees as the centre's income."""

import datetime as dt
from decimal import Decimal as D

import pytest

from funding import services
from funding.formatting import format_eur
from funding.models import Expense, FundingKind
from people.models import Role
from tests.factories import (
    CentreFactory,
    EventFactory,
    FundingSourceFactory,
    LeaveRequestFactory,
    RegistrationFactory,
    SchoolFactory,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return SchoolFactory()


@pytest.fixture
def director(school):
    return member(Role.DIRECTOR, school)


@pytest.fixture
def source(school):
    return FundingSourceFactory(owner=school, amount=D("100.00"))


def test_money_is_shown_in_lithuanian_format():
    assert format_eur(D("1234.5")) == "1 234,50 €"
    assert format_eur(D("1234567.891")) == "1 234 567,89 €"
    assert format_eur(D("-80")) == "-80,00 €"
    assert format_eur(0) == "0,00 €"


def test_commit_within_the_budget_reduces_what_is_available(source, director):
    services.commit(source=source, amount="60.10", by=director, description="Seminaras")
    assert services.available(source) == D("39.90")


def test_commit_past_zero_is_refused_and_says_by_how_much(source, director):
    services.commit(source=source, amount=D("70"), by=director)
    with pytest.raises(services.BudgetExceeded) as error:
        services.commit(source=source, amount=D("45.50"), by=director)
    assert error.value.shortfall == D("15.50")
    assert "15,50 €" in str(error.value)
    assert Expense.objects.filter(source=source).count() == 1


def test_director_overrides_with_a_written_reason_which_is_recorded(source, director):
    expense = services.commit(source=source, amount=D("130"), by=director,
                              override_reason="Būtinas akreditacijai seminaras")
    assert expense.override_reason == "Būtinas akreditacijai seminaras"
    assert services.available(source) == D("-30.00")


def test_override_within_the_budget_records_no_reason(source, director):
    expense = services.commit(source=source, amount=D("10"), by=director, override_reason="nereikia")
    assert expense.override_reason == ""


@pytest.mark.parametrize("role", [Role.DEPUTY, Role.TEACHER])
def test_only_the_owner_director_may_override(source, school, role):
    other = member(role, school)
    with pytest.raises(services.OverrideNotAllowed):
        services.commit(source=source, amount=D("130"), by=other, override_reason="Labai reikia")


def test_director_of_another_school_may_not_override(source):
    with pytest.raises(services.OverrideNotAllowed):
        services.commit(source=source, amount=D("130"), by=member(Role.DIRECTOR), override_reason="Reikia")


def test_centre_staff_override_centre_sources():
    centre = CentreFactory()
    source = FundingSourceFactory(owner=centre, amount=D("0"))
    expense = services.commit(source=source, amount=D("5"), by=member(Role.CENTRE_STAFF, centre),
                              override_reason="Avansas")
    assert expense.override_reason == "Avansas"


def test_amount_must_be_positive(source, director):
    with pytest.raises(services.FundingError):
        services.commit(source=source, amount=D("0"), by=director)


def test_cancelling_releases_the_commitment(source, director, school):
    leave = LeaveRequestFactory(school=school)
    services.commit(source=source, amount=D("80"), by=director, leave_request=leave)
    assert services.available(source) == D("20.00")
    assert services.release_for(leave_request=leave, by=director) == 1
    assert services.available(source) == D("100.00")
    assert services.release_for(leave_request=leave, by=director) == 0  # twice is harmless


def test_cancelling_a_registration_releases_its_commitment(source, director):
    registration = RegistrationFactory()
    services.commit(source=source, amount=D("25"), by=director, registration=registration)
    services.release_for(registration=registration)
    assert services.available(source) == D("100.00")


def test_paid_money_is_not_released(source, director):
    expense = services.commit(source=source, amount=D("30"), by=director)
    services.mark_paid(expense=expense, paid_on=dt.date(2026, 3, 1), document_number="SF-12", by=director)
    with pytest.raises(services.FundingError):
        services.release(expense=expense, by=director)
    expense.refresh_from_db()
    assert (expense.status, expense.paid_on, expense.document_number) == (
        Expense.Status.SPENT, dt.date(2026, 3, 1), "SF-12")
    assert services.available(source) == D("70.00")


def test_marking_paid_needs_a_document_number(source, director):
    expense = services.commit(source=source, amount=D("30"), by=director)
    with pytest.raises(services.FundingError):
        services.mark_paid(expense=expense, paid_on=dt.date(2026, 3, 1), document_number=" ", by=director)


def test_amendments_are_dated_entries_and_never_overwrite_the_amount(source, director):
    services.amend(source=source, amount=D("50"), date=dt.date(2026, 2, 1), reason="Papildyta", by=director)
    services.amend(source=source, amount=D("-20.25"), date=dt.date(2026, 5, 1), reason="Sumažinta", by=director)
    source.refresh_from_db()
    assert source.amount == D("100.00")
    assert [(a.date, a.amount) for a in source.amendments.order_by("date")] == [
        (dt.date(2026, 2, 1), D("50.00")), (dt.date(2026, 5, 1), D("-20.25"))]
    assert services.available(source) == D("129.75")


def test_a_cut_may_not_take_the_source_below_zero(source, director):
    services.commit(source=source, amount=D("90"), by=director)
    with pytest.raises(services.BudgetExceeded) as error:
        services.amend(source=source, amount=D("-15"), date=dt.date(2026, 5, 1), reason="Mažinama", by=director)
    assert error.value.shortfall == D("5.00")


def test_amendment_needs_a_reason(source, director):
    with pytest.raises(services.FundingError):
        services.amend(source=source, amount=D("5"), date=dt.date(2026, 5, 1), reason="", by=director)


def test_a_source_name_is_unique_per_owner_year_and_kind(school, director):
    services.create_source(owner=school, kind=FundingKind.SPONSORS, name="", year=2026, amount="300", by=director)
    with pytest.raises(services.FundingError):
        services.create_source(owner=school, kind=FundingKind.SPONSORS, name="", year=2026, amount="1", by=director)


def test_a_paid_fee_is_the_centres_income_to_its_personal_fees_source():
    centre = CentreFactory()
    staff = member(Role.CENTRE_STAFF, centre)
    event = EventFactory(organiser=centre, fee=D("35.00"))
    personal = FundingSourceFactory(owner=centre, kind=FundingKind.PERSONAL, amount=D("0"), year=event.starts_on.year)
    FundingSourceFactory(owner=centre, kind=FundingKind.OWN_FUNDS, amount=D("0"), year=event.starts_on.year)
    registration = RegistrationFactory(event=event)
    income = services.record_fee_income(registration=registration, by=staff, payer=Expense.Payer.PERSON,
                                        document_number="ŠC-001")
    assert (income.source, income.amount, income.direction, income.payer) == (
        personal, D("35.00"), Expense.Direction.INCOME, Expense.Payer.PERSON)
    assert services.available(personal) == D("35.00")
    with pytest.raises(services.FundingError):
        services.record_fee_income(registration=registration, by=staff)


def test_fee_income_falls_back_to_own_funds():
    centre = CentreFactory()
    event = EventFactory(organiser=centre, fee=D("12.00"))
    own = FundingSourceFactory(owner=centre, kind=FundingKind.OWN_FUNDS, amount=D("0"), year=event.starts_on.year)
    income = services.record_fee_income(registration=RegistrationFactory(event=event),
                                        by=member(Role.CENTRE_STAFF, centre))
    assert income.source == own


def test_a_free_event_has_no_fee_to_record():
    event = EventFactory(fee=D("0"))
    with pytest.raises(services.FundingError):
        services.record_fee_income(registration=RegistrationFactory(event=event), by=None)
