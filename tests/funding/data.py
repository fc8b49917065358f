"""A small known data set with hand-computed figures for every report figure (see EXPECTED)."""

import datetime as dt
from decimal import Decimal as D

from certificates.models import OutsideCertificate
from events.models import Registration
from funding.models import Expense, FundingKind
from people.models import Role
from tests.factories import (
    CentreFactory,
    EventFactory,
    ExpenseFactory,
    FundingAmendmentFactory,
    FundingSourceFactory,
    LeaveRequestFactory,
    OutsideCertificateFactory,
    RegistrationFactory,
    SchoolFactory,
    member,
    teacher,
)

YEAR = 2025


def build():
    centre = CentreFactory(name="Rajono švietimo centras")
    school = SchoolFactory(name="Ąžuolyno progimnazija")
    other = SchoolFactory(name="Šilo gimnazija")
    director = member(Role.DIRECTOR, school)
    deputy = member(Role.DEPUTY, school)
    t1, t2, t3 = teacher(school), teacher(school), teacher(school)
    tb = teacher(other)
    staff = member(Role.CENTRE_STAFF, centre)

    e1 = EventFactory(organiser=centre, title="Įtraukusis ugdymas", academic_hours=12,
                      starts_on=dt.date(YEAR, 4, 10), plan_year=YEAR)
    e2 = EventFactory(organiser=centre, title="Skaitmeninė pamoka", academic_hours=18,
                      starts_on=dt.date(YEAR, 9, 20), plan_year=YEAR)
    r1 = RegistrationFactory(event=e1, teacher=t1, school=school, status=Registration.Status.ATTENDED)
    RegistrationFactory(event=e2, teacher=t1, school=school, status=Registration.Status.ATTENDED)
    OutsideCertificateFactory(teacher=t2, status=OutsideCertificate.Status.RECOGNISED, academic_hours=12,
                              starts_on=dt.date(YEAR, 5, 5), ends_on=dt.date(YEAR, 5, 5))
    leave = LeaveRequestFactory(school=school, teacher=t2, title="Konferencija Rygoje",
                                starts_on=dt.date(YEAR, 6, 1))

    s1 = FundingSourceFactory(owner=school, kind=FundingKind.TEACHING_FUNDS, name="Mokymo lėšos", year=YEAR,
                              amount=D("2000.00"))
    FundingAmendmentFactory(source=s1, date=dt.date(YEAR, 3, 1), amount=D("300.00"))
    FundingAmendmentFactory(source=s1, date=dt.date(YEAR, 6, 1), amount=D("-150.50"))
    s2 = FundingSourceFactory(owner=school, kind=FundingKind.OWN_FUNDS, name="Savos lėšos", year=YEAR,
                              amount=D("500.00"))
    FundingSourceFactory(owner=school, kind=FundingKind.TEACHING_FUNDS, name="Mokymo lėšos", year=YEAR - 1,
                         amount=D("999.00"))
    ExpenseFactory(source=s1, amount=D("120.00"), teacher=t1, event=e1)
    ExpenseFactory(source=s1, amount=D("250.50"), leave_request=leave, status=Expense.Status.SPENT,
                   paid_on=dt.date(YEAR, 6, 10), document_number="SF-1")
    ExpenseFactory(source=s1, amount=D("80.00"), teacher=t1, status=Expense.Status.RELEASED)
    ExpenseFactory(source=s2, amount=D("45.25"), registration=r1, status=Expense.Status.SPENT,
                   paid_on=dt.date(YEAR, 4, 1), document_number="SF-2")

    fees = FundingSourceFactory(owner=centre, kind=FundingKind.PERSONAL, name="Asmenų mokesčiai", year=YEAR,
                                amount=D("0.00"))
    ExpenseFactory(source=fees, direction=Expense.Direction.INCOME, status=Expense.Status.SPENT, amount=D("35.00"))
    ExpenseFactory(source=fees, direction=Expense.Direction.INCOME, status=Expense.Status.SPENT, amount=D("35.00"))
    muni = FundingSourceFactory(owner=centre, kind=FundingKind.MUNICIPALITY, name="Savivaldybės lėšos", year=YEAR,
                                amount=D("1000.00"))
    ExpenseFactory(source=muni, amount=D("200.00"), event=e1)

    sb = FundingSourceFactory(owner=other, kind=FundingKind.TEACHING_FUNDS, name="Mokymo lėšos", year=YEAR,
                              amount=D("1000.00"))
    ExpenseFactory(source=sb, amount=D("100.00"), teacher=tb, status=Expense.Status.SPENT,
                   paid_on=dt.date(YEAR, 2, 2), document_number="SF-3")
    return {
        "centre": centre, "school": school, "other": other, "director": director, "deputy": deputy,
        "teachers": (t1, t2, t3), "tb": tb, "staff": staff, "e1": e1, "e2": e2, "s1": s1, "s2": s2,
        "fees": fees, "muni": muni, "sb": sb, "leave": leave,
    }
