import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event, Registration
from notices.models import NoticeLog
from people.models import Role
from surveys import services
from surveys.models import Question, Response, Survey
from surveys.selectors import needs_by_topic, question_results
from surveys.tasks import send_survey_invitations
from tests.factories import (
    CentreFactory,
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    SurveyFactory,
    member,
    teacher,
)

pytestmark = pytest.mark.django_db


def completed_event(**kwargs):
    day = timezone.localdate() - dt.timedelta(days=3)
    return EventFactory(status=Event.Status.COMPLETED, starts_on=day, ends_on=day, **kwargs)


def attended(event, person=None):
    return RegistrationFactory(event=event, teacher=person or teacher(), status=Registration.Status.ATTENDED)


def full_answers(survey):
    answers = {}
    for question in survey.questions.all():
        if question.kind == Question.Kind.SCALE:
            answers[question.pk] = "4"
        elif question.kind == Question.Kind.CHOICE:
            answers[question.pk] = question.choices[0]
        else:
            answers[question.pk] = "Labai naudinga, ačiū."
    return answers


def test_ensure_event_surveys_creates_evaluation_and_follow_up_three_months_later():
    event = completed_event()
    evaluation, follow_up = services.ensure_event_surveys(event=event)
    assert evaluation.kind == Survey.Kind.EVALUATION and evaluation.event == event
    assert evaluation.opens_on == event.ends_on
    assert follow_up.kind == Survey.Kind.FOLLOW_UP
    assert follow_up.opens_on == services.add_months(event.ends_on, 3)
    assert follow_up.closes_on > follow_up.opens_on
    assert evaluation.questions.filter(kind=Question.Kind.SCALE).count() >= 3
    assert follow_up.questions.exists()


def test_standard_questions_are_stored_in_lithuanian():
    evaluation, _ = services.ensure_event_surveys(event=completed_event())
    first = evaluation.questions.first()
    assert first.text == "Kiek renginys buvo naudingas jūsų darbui?"
    assert evaluation.title.startswith("Vertinimas")


def test_ensure_event_surveys_is_idempotent():
    event = completed_event()
    first = services.ensure_event_surveys(event=event)
    second = services.ensure_event_surveys(event=event)
    assert [s.pk for s in first] == [s.pk for s in second]
    assert Survey.objects.filter(event=event).count() == 2
    assert Question.objects.filter(survey__event=event).count() == sum(s.questions.count() for s in first)


def test_one_survey_of_a_kind_per_event_is_a_database_rule():
    event = completed_event()
    services.ensure_event_surveys(event=event)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyFactory(event=event, kind=Survey.Kind.EVALUATION, organiser=event.organiser)


def test_cancelled_event_gets_no_surveys():
    with pytest.raises(services.EventNotReady):
        services.ensure_event_surveys(event=EventFactory(status=Event.Status.CANCELLED))


def test_follow_up_month_arithmetic_keeps_the_month_end():
    assert services.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert services.add_months(dt.date(2026, 1, 15), 3) == dt.date(2026, 4, 15)


def test_attended_participant_submits_once_and_a_second_submit_is_refused():
    event = completed_event()
    evaluation, _ = services.ensure_event_surveys(event=event)
    person = attended(event).teacher
    services.submit_response(survey=evaluation, user=person, answers=full_answers(evaluation))
    assert services.has_answered(survey=evaluation, user=person)
    with pytest.raises(services.AlreadyAnswered):
        services.submit_response(survey=evaluation, user=person, answers=full_answers(evaluation))
    assert Response.objects.filter(survey=evaluation).count() == 1


def test_one_response_per_person_is_a_database_rule():
    survey = SurveyFactory()
    person = teacher()
    Response.objects.create(survey=survey, respondent=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=survey, respondent=person)


@pytest.mark.parametrize("status", [Registration.Status.CONFIRMED, Registration.Status.NO_SHOW,
                                    Registration.Status.CANCELLED])
def test_only_attended_participants_may_answer_the_evaluation(status):
    event = completed_event()
    evaluation, _ = services.ensure_event_surveys(event=event)
    registration = RegistrationFactory(event=event, status=status)
    with pytest.raises(services.NotEntitled):
        services.submit_response(survey=evaluation, user=registration.teacher, answers=full_answers(evaluation))


def test_needs_survey_is_for_any_teacher_but_not_for_centre_staff():
    survey = services.create_needs_survey(centre=CentreFactory(), year=timezone.localdate().year)
    services.submit_response(survey=survey, user=teacher(), answers=full_answers(survey))
    with pytest.raises(services.NotEntitled):
        services.submit_response(survey=survey, user=member(Role.CENTRE_STAFF), answers=full_answers(survey))


def test_required_answers_and_allowed_choices_are_checked():
    event = completed_event()
    evaluation, _ = services.ensure_event_surveys(event=event)
    person = attended(event).teacher
    answers = full_answers(evaluation)
    scale = evaluation.questions.filter(kind=Question.Kind.SCALE).first()
    choice = evaluation.questions.filter(kind=Question.Kind.CHOICE).first()
    answers[scale.pk] = ""
    answers[choice.pk] = "Galbūt"
    with pytest.raises(services.InvalidAnswers) as caught:
        services.submit_response(survey=evaluation, user=person, answers=answers)
    assert set(caught.value.errors) == {scale.pk, choice.pk}
    answers[scale.pk] = "6"
    answers[choice.pk] = choice.choices[0]
    with pytest.raises(services.InvalidAnswers) as caught:
        services.submit_response(survey=evaluation, user=person, answers=answers)
    assert set(caught.value.errors) == {scale.pk}
    assert not Response.objects.exists()


def test_optional_free_text_may_stay_empty():
    event = completed_event()
    evaluation, _ = services.ensure_event_surveys(event=event)
    person = attended(event).teacher
    answers = full_answers(evaluation)
    for question in evaluation.questions.filter(kind=Question.Kind.TEXT):
        answers[question.pk] = ""
    response = services.submit_response(survey=evaluation, user=person, answers=answers)
    assert response.answers.count() == evaluation.questions.exclude(kind=Question.Kind.TEXT).count()


def test_closed_or_not_yet_open_survey_takes_no_answers():
    event = completed_event()
    _, follow_up = services.ensure_event_surveys(event=event)
    person = attended(event).teacher
    with pytest.raises(services.SurveyClosed):
        services.submit_response(survey=follow_up, user=person, answers=full_answers(follow_up))
    later = follow_up.closes_on + dt.timedelta(days=1)
    with pytest.raises(services.SurveyClosed):
        services.submit_response(survey=follow_up, user=person, answers=full_answers(follow_up), today=later)
    services.submit_response(survey=follow_up, user=person, answers=full_answers(follow_up),
                             today=follow_up.opens_on)


def test_evaluation_answered_gates_until_the_participant_answers():
    event = completed_event(evaluation_required=True)
    person = attended(event).teacher
    assert services.evaluation_answered(event=event, user=person) is True  # no survey: nothing to gate
    evaluation, _ = services.ensure_event_surveys(event=event)
    assert services.evaluation_answered(event=event, user=person) is False
    services.submit_response(survey=evaluation, user=person, answers=full_answers(evaluation))
    assert services.evaluation_answered(event=event, user=person) is True


def test_an_inactive_or_closed_evaluation_does_not_block_the_certificate():
    event = completed_event()
    person = attended(event).teacher
    evaluation, _ = services.ensure_event_surveys(event=event)
    evaluation.closes_on = timezone.localdate() - dt.timedelta(days=1)
    evaluation.save()
    assert services.evaluation_answered(event=event, user=person) is True


def test_question_with_answers_cannot_be_removed():
    question = QuestionFactory()
    Response.objects.create(survey=question.survey, respondent=teacher()).answers.create(question=question, value="3")
    with pytest.raises(services.QuestionHasAnswers):
        services.remove_question(question=question)


def test_results_give_average_distribution_and_free_text():
    event = completed_event()
    evaluation, _ = services.ensure_event_surveys(event=event)
    scale = evaluation.questions.filter(kind=Question.Kind.SCALE).first()
    text = evaluation.questions.filter(kind=Question.Kind.TEXT).first()
    for value in ("5", "4", "3"):
        person = attended(event).teacher
        answers = full_answers(evaluation)
        answers[scale.pk] = value
        answers[text.pk] = f"Atsakymas {value}"
        services.submit_response(survey=evaluation, user=person, answers=answers)
    rows = {row["question"].pk: row for row in question_results(evaluation)}
    assert rows[scale.pk]["average"] == 4.0
    assert [count for _v, count, _s in rows[scale.pk]["distribution"]] == [0, 0, 1, 1, 1]
    assert sorted(rows[text.pk]["texts"]) == ["Atsakymas 3", "Atsakymas 4", "Atsakymas 5"]


def test_needs_survey_is_summarised_by_topic_highest_need_first():
    survey = services.create_needs_survey(centre=CentreFactory(), year=2026)
    topics = list(survey.questions.exclude(topic="").order_by("order"))
    for value in ("2", "4"):
        answers = full_answers(survey)
        answers[topics[0].pk] = value
        answers[topics[1].pk] = "5"
        services.submit_response(survey=survey, user=teacher(), answers=answers)
    summary = needs_by_topic(survey)
    assert summary[0]["topic"] == topics[1].topic and summary[0]["average"] == 5.0
    first = next(row for row in summary if row["topic"] == topics[0].topic)
    assert first["average"] == 3.0 and first["high_share"] == 50


def test_invitations_reach_each_entitled_person_once():
    event = completed_event()
    services.ensure_event_surveys(event=event)
    participants = [attended(event).teacher for _ in range(2)]
    RegistrationFactory(event=event, status=Registration.Status.NO_SHOW)
    with transaction.atomic():
        assert services.send_survey_invitations() == 2
    assert services.send_survey_invitations() == 0
    recipients = set(NoticeLog.objects.filter(kind="survey_invitation").values_list("recipient_id", flat=True))
    assert recipients == {p.pk for p in participants}


def test_people_who_answered_are_not_invited():
    event = completed_event()
    evaluation, _ = services.ensure_event_surveys(event=event)
    person = attended(event).teacher
    services.submit_response(survey=evaluation, user=person, answers=full_answers(evaluation))
    assert services.send_survey_invitations() == 0


def test_needs_survey_invitation_goes_to_every_teacher_with_its_own_text():
    services.create_needs_survey(centre=CentreFactory(), year=2026)
    teachers = {teacher().pk for _ in range(3)}
    member(Role.DIRECTOR)
    assert services.send_survey_invitations() == 3
    notices = NoticeLog.objects.filter(kind="needs_survey_invitation")
    assert set(notices.values_list("recipient_id", flat=True)) == teachers
    assert services.send_survey_invitations() == 0


def test_recently_completed_events_without_surveys_get_them_from_the_daily_task():
    event = completed_event()
    attended(event)
    old = EventFactory(status=Event.Status.COMPLETED, starts_on=timezone.localdate() - dt.timedelta(days=90),
                       ends_on=timezone.localdate() - dt.timedelta(days=90))
    send_survey_invitations.delay()
    assert Survey.objects.filter(event=event).count() == 2
    assert not Survey.objects.filter(event=old).exists()
    assert NoticeLog.objects.filter(kind="survey_invitation").count() == 1
    assert services.ensure_recent_event_surveys() == 0
