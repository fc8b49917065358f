"""`lock_row`: the object read again, in its current state; `required_text`: stripped text or the refusal."""

import pytest
from django.db import transaction

from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from kvalifikacija.text import required_text
from people.models import Organisation
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def test_lock_row_reads_the_current_state_of_the_row():
    school = SchoolFactory(name="Old")
    Organisation.objects.filter(pk=school.pk).update(name="New")
    with transaction.atomic():
        locked = lock_row(school)
    assert (type(locked), locked.pk, locked.name, school.name) == (Organisation, school.pk, "New", "Old")


def test_required_text_is_stripped_and_empty_text_is_refused():
    assert required_text("  Nėra lėšų ", DomainError("Give the reason.")) == "Nėra lėšų"
    for empty in (None, "", "   "):
        with pytest.raises(DomainError, match="Give the reason."):
            required_text(empty, DomainError("Give the reason.", field="reason"))


def test_lock_row_refuses_a_row_no_longer_in_the_state_it_must_still_be_in():
    school = SchoolFactory()
    with transaction.atomic():
        assert lock_row(school, still="is_active", refusal=DomainError("Gone.")) == school
    Organisation.objects.filter(pk=school.pk).update(is_active=False)
    with transaction.atomic(), pytest.raises(DomainError, match="Gone."):
        lock_row(school, still="is_active", refusal=DomainError("Gone."))
