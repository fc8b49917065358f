import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from loans import services
from loans.models import Loan
from people.models import Role
from tests.conftest import require
from tests.factories import EquipmentFactory, SchoolFactory, member

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(callables):
    barrier = threading.Barrier(len(callables))
    outcomes = [None] * len(callables)

    def worker(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(callables)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def test_two_schools_asking_for_the_same_days_at_once_get_one_loan():
    require(connection.vendor == "postgresql", "row locks need PostgreSQL")
    item = EquipmentFactory()
    start = timezone.localdate() + dt.timedelta(days=3)
    heads = []
    for _ in range(4):
        school = SchoolFactory()
        heads.append((school, member(Role.DIRECTOR, school)))
    outcomes = run_together([
        (lambda s=school, h=head: services.request_loan(
            equipment=item, school=s, by=h, starts_on=start, due_on=start + dt.timedelta(days=2)))
        for school, head in heads
    ])
    assert sum(isinstance(o, Loan) for o in outcomes) == 1
    assert sum(isinstance(o, services.LoanOverlaps) for o in outcomes) == 3
    assert Loan.objects.filter(equipment=item).count() == 1


def test_approving_two_overlapping_requests_at_once_lends_one():
    require(connection.vendor == "postgresql", "row locks need PostgreSQL")
    item = EquipmentFactory()
    staff = member(Role.CENTRE_STAFF, item.owner)
    start = timezone.localdate() + dt.timedelta(days=3)
    loans = []
    for _ in range(2):
        school = SchoolFactory()
        loans.append(Loan.objects.create(equipment=item, school=school, requested_by=member(Role.DIRECTOR, school),
                                         starts_on=start, due_on=start + dt.timedelta(days=1)))
    outcomes = run_together([(lambda loan=loan: services.approve_loan(loan=loan, by=staff)) for loan in loans])
    assert sum(isinstance(o, Loan) for o in outcomes) == 1
    assert Loan.objects.filter(equipment=item, status=Loan.Status.LENT).count() == 1
