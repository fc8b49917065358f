"""Ids outside the database's range match nothing (never OverflowError or PostgreSQL's DataError)."""

import pytest
from django import forms
from django.db import transaction

from people.models import Membership, Organisation, Subject
from tests.factories import SchoolFactory, teacher

pytestmark = pytest.mark.django_db
HUGE = 10**20


def test_in_and_foreign_key_lookups_with_out_of_range_ids_match_nothing():
    school = SchoolFactory()
    person = teacher(school)
    with transaction.atomic():  # on PostgreSQL an error here would abort the transaction
        assert list(Organisation.objects.filter(pk__in=[HUGE, -HUGE])) == []
        assert list(Organisation.objects.filter(pk__in=[HUGE, school.pk])) == [school]
        assert not Membership.objects.filter(user_id=HUGE).exists()
        assert not Membership.objects.filter(user_id__in=[HUGE]).exists()
        assert Membership.objects.filter(user_id__in=[HUGE, person.pk]).exists()
    assert Organisation.objects.filter(pk=school.pk).exists()  # the transaction is still usable


def test_a_model_multiple_choice_field_answers_a_form_error_for_a_20_digit_id():
    subject = Subject.objects.create(name="Matematika")

    class Choose(forms.Form):
        subjects = forms.ModelMultipleChoiceField(queryset=Subject.objects.all())

    form = Choose({"subjects": ["9" * 20, str(subject.pk)]})
    assert not form.is_valid() and form.errors.as_data()["subjects"][0].code == "invalid_choice"
    assert Choose({"subjects": [str(subject.pk)]}).is_valid()
