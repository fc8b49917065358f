"""The journeys: a participant answers the evaluation (an error keeps what was typed); staff read the
results; a school head borrows an item and staff lend it."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Event, Registration
from loans.models import Loan
from people.models import Role
from surveys import services
from surveys.models import Question, Response
from tests.factories import (
    CentreFactory,
    EquipmentFactory,
    EventFactory,
    RegistrationFactory,
    SchoolFactory,
    member,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_answers_the_evaluation_and_staff_see_the_average(page, sign_in, live_server):
    centre = CentreFactory()
    day = timezone.localdate() - dt.timedelta(days=1)
    event = EventFactory(organiser=centre, status=Event.Status.COMPLETED, starts_on=day, ends_on=day)
    participant = RegistrationFactory(event=event, status=Registration.Status.ATTENDED).teacher
    evaluation, _ = services.ensure_event_surveys(event=event)
    scale = list(evaluation.questions.filter(kind=Question.Kind.SCALE))
    text = evaluation.questions.filter(kind=Question.Kind.TEXT).first()

    sign_in(participant)
    page.goto("/apklausos/mano/")
    page.click(f"a[href='/apklausos/{evaluation.pk}/atsakyti/']")
    page.fill(f"textarea[name=q{text.pk}]", "Labai praktiška, ačiū")
    page.click("form.survey-answer-form button[type=submit]")
    assert page.locator(".invalid-feedback, .is-invalid").count() > 0
    assert page.input_value(f"textarea[name=q{text.pk}]") == "Labai praktiška, ačiū"
    for question in scale:
        page.check(f"input[name=q{question.pk}][value='4']")
    for question in evaluation.questions.filter(kind=Question.Kind.CHOICE):
        page.locator(f"input[name=q{question.pk}]").first.check()
    page.click("form.survey-answer-form button[type=submit]")
    page.wait_for_url("**/apklausos/mano/")
    assert Response.objects.filter(survey=evaluation, respondent=participant).exists()

    page.context.clear_cookies()
    sign_in(member(Role.CENTRE_STAFF, centre))
    page.goto(f"/apklausos/{evaluation.pk}/rezultatai/")
    assert "4,00" in page.content() or "4.00" in page.content()
    assert "Labai praktiška, ačiū" in page.content()


def test_school_head_borrows_and_staff_lend(page, sign_in):
    item = EquipmentFactory(name="Robotikos rinkinys")
    school = SchoolFactory()
    head = member(Role.DIRECTOR, school)
    start = timezone.localdate() + dt.timedelta(days=3)

    sign_in(head)
    page.goto("/priemones/")
    page.click(f"a[href='/priemones/{item.pk}/skolintis/']")
    page.fill("input[name=starts_on]", start.isoformat())
    page.fill("input[name=due_on]", (start + dt.timedelta(days=2)).isoformat())
    page.click("main form button[type=submit]")
    page.wait_for_url("**/priemones/paskolos/")
    loan = Loan.objects.get(equipment=item)

    page.context.clear_cookies()
    sign_in(member(Role.CENTRE_STAFF, item.owner))
    page.goto("/priemones/paskolos/")
    page.click(f"form[action='/priemones/paskolos/{loan.pk}/patvirtinti/'] button")
    page.wait_for_load_state()
    loan.refresh_from_db()
    assert loan.status == Loan.Status.LENT
