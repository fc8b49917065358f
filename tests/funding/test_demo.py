from decimal import Decimal

import pytest

from funding import demo
from funding.models import Expense, FundingAmendment, FundingSource
from funding.services import with_balances
from people import demo as people_demo

pytestmark = pytest.mark.django_db


def test_demo_money_is_realistic_and_idempotent():
    ctx = {}
    people_demo.seed(ctx)
    demo.seed(ctx)
    counts = (FundingSource.objects.count(), FundingAmendment.objects.count(), Expense.objects.count())
    demo.seed(ctx)
    assert (FundingSource.objects.count(), FundingAmendment.objects.count(), Expense.objects.count()) == counts

    owners = set(FundingSource.objects.values_list("owner_id", flat=True))
    assert owners == {s.pk for s in ctx["schools"]} | {ctx["centre"].pk}
    assert FundingSource.objects.values("kind").distinct().count() >= 5
    for source in with_balances(FundingSource.objects.filter(year=ctx["year"])):
        assert source.available >= 0, source
    teaching = FundingSource.objects.filter(kind="teaching_funds")
    assert all(Decimal("800") <= s.amount <= Decimal("3000") for s in teaching)
    spent = Expense.objects.filter(status=Expense.Status.SPENT, direction=Expense.Direction.EXPENSE)
    assert spent.exists() and not spent.filter(document_number="").exists()
    assert Expense.objects.filter(teacher__isnull=False).exists()
