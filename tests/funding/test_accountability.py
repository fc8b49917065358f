"""Money you can account for: the planned amount changes only by a dated amendment (also in the admin),
and every commitment, payment and release shows who did it and when on the source's page."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from funding import services
from funding.models import Expense, FundingSource
from lithuanian import formats
from people.models import Role
from tests.factories import (
    FundingAmendmentFactory,
    FundingSourceFactory,
    RegistrationFactory,
    SchoolFactory,
    member,
)

pytestmark = pytest.mark.django_db


def test_the_admin_shows_the_planned_amount_read_only_and_offers_the_amendment(client):
    admin = get_user_model().objects.create_superuser(email="admin@example.lt", password="x")
    client.force_login(admin)
    source = FundingSourceFactory(amount=D("1000.00"))
    FundingAmendmentFactory(source=source, amount=D("250.00"), reason="Papildomas finansavimas iš savivaldybės")
    url = reverse("admin:funding_fundingsource_change", args=[source.pk])
    page = client.get(url).content.decode()
    assert 'name="amount"' not in page
    assert reverse("funding:source_detail", args=[source.pk]) in page
    assert "Papildomas finansavimas iš savivaldybės" in page
    assert 'name="amendments-0-amount"' not in page  # amendments are shown, not edited
    client.post(url, {"owner": source.owner_id, "kind": source.kind, "name": source.name, "year": source.year,
                      "amount": "99999.00", "notes": "",
                      "amendments-TOTAL_FORMS": "1", "amendments-INITIAL_FORMS": "1",
                      "amendments-MIN_NUM_FORMS": "0", "amendments-MAX_NUM_FORMS": "1000"})
    source.refresh_from_db()
    assert source.amount == D("1000.00")
    assert client.get(reverse("admin:funding_fundingamendment_add")).status_code == 403
    # a new source still gets its planned amount
    assert 'name="amount"' in client.get(reverse("admin:funding_fundingsource_add")).content.decode()


def test_every_commitment_payment_and_release_shows_who_did_it_and_when(client):
    school = SchoolFactory()
    director = member(Role.DIRECTOR, school, first_name="Rasa", last_name="Direktorė")
    accountant = member(Role.DEPUTY, school, first_name="Jonas", last_name="Buhalteris")
    source = FundingSourceFactory(owner=school, amount=D("1000.00"))
    paid = services.commit(source=source, amount=D("100"), by=director, description="Seminaras A")
    released = services.commit(source=source, amount=D("50"), by=director, description="Seminaras B")
    services.mark_paid(expense=paid, paid_on=timezone.localdate() - dt.timedelta(days=1), document_number="SF-7",
                       by=accountant)
    services.release(expense=released, by=accountant)
    paid.refresh_from_db()
    released.refresh_from_db()
    assert paid.created_by == director and paid.paid_by == accountant and paid.paid_at is not None
    assert released.released_by == accountant and released.released_at is not None

    client.force_login(director)
    response = client.get(reverse("funding:source_detail", args=[source.pk]))
    page = response.content.decode()
    trail = {e.pk: e for e in response.context["expenses"]}
    assert set(trail) == {paid.pk, released.pk}
    for text in (str(director), str(accountant), formats.table_datetime(paid.committed_at),
                 formats.table_datetime(paid.paid_at), formats.table_datetime(released.released_at)):
        assert text in page, text


def test_releasing_everything_of_a_registration_keeps_who_released_it():
    school = SchoolFactory()
    director = member(Role.DIRECTOR, school)
    source = FundingSourceFactory(owner=school)
    expense = services.commit(source=source, amount=D("10"), by=director)
    registration = RegistrationFactory()
    Expense.objects.filter(pk=expense.pk).update(registration=registration)
    assert services.release_for(registration=registration, by=director) == 1
    expense.refresh_from_db()
    assert expense.released_by == director and expense.released_at is not None
    assert FundingSource.objects.get(pk=source.pk).amount == D("1000.00")
