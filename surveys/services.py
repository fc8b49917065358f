"""Survey rules: the standard surveys of an event, who may answer, one response per person, invitations."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.models import Event
from kvalifikacija.exceptions import DomainError
from notices.services import notify
from people.models import Organisation, Role

from . import permissions
from .models import Answer, Invitation, Question, Response, Survey

FOLLOW_UP_AFTER_MONTHS = 3
FOLLOW_UP_OPEN_DAYS = 30


class SurveyError(DomainError):
    default_message = _("The survey cannot be answered.")


class AlreadyAnswered(SurveyError):
    default_message = _("You have already answered this survey. Thank you!")


class NotEntitled(SurveyError):
    default_message = _("This survey is for the participants of the event only.")


class SurveyClosed(SurveyError):
    default_message = _("This survey is not open for answers.")


class InvalidAnswers(SurveyError):
    """Raised with `errors=`, the per-question errors, so a form can show each next to its field."""

    default_message = _("Please correct the answers marked below.")


class EventNotReady(SurveyError):
    default_message = _("Surveys are made only for published or completed events.")


class QuestionHasAnswers(SurveyError):
    default_message = _("This question already has answers; it can no longer be removed.")


# Standard questions, English source strings stored in the portal's default language (Lithuanian).
YES_PARTLY_NO = [_("Yes"), _("Partly"), _("No")]

EVALUATION_QUESTIONS = [
    (Question.Kind.SCALE, _("How useful was the event for your work?"), [], True),
    (Question.Kind.SCALE, _("How well did the content match the announced programme?"), [], True),
    (Question.Kind.SCALE, _("How do you rate the lecturers' competence?"), [], True),
    (Question.Kind.SCALE, _("How do you rate the organisation of the event (place, time, materials)?"), [], True),
    (Question.Kind.CHOICE, _("Will you apply what you learned in your work?"), YES_PARTLY_NO, True),
    (Question.Kind.TEXT, _("What was most valuable to you?"), [], False),
    (Question.Kind.TEXT, _("What should be improved?"), [], False),
]

FOLLOW_UP_QUESTIONS = [
    (Question.Kind.SCALE, _("How much have you applied the competences developed at the event?"), [], True),
    (Question.Kind.CHOICE, _("Which best describes the change in your practice?"), [
        _("I use what I learned regularly"), _("I have tried it a few times"), _("I have not applied it yet"),
    ], True),
    (Question.Kind.CHOICE, _("Did you share what you learned with colleagues?"), [
        _("Yes, in the methodical group"), _("Yes, informally"), _("No"),
    ], True),
    (Question.Kind.TEXT, _("Give an example of how you applied it."), [], False),
    (Question.Kind.TEXT, _("What support would help you apply it further?"), [], False),
]

NEEDS_TOPICS = [
    _("Inclusive education"),
    _("Updated curriculum and competence-based learning"),
    _("Assessment and self-assessment"),
    _("Digital competences and artificial intelligence"),
    _("Pupils' well-being and emotional education"),
    _("Career education"),
    _("Subject didactics"),
    _("Leadership and school management"),
]

NEEDS_EXTRA_QUESTIONS = [
    (Question.Kind.CHOICE, _("Which form of professional development suits you best?"), [
        _("seminar"), _("course"), _("practical workshop"), _("good practice sharing"), _("webinar"),
    ], True),
    (Question.Kind.CHOICE, _("When is it most convenient for you to attend?"), [
        _("during the school day"), _("after lessons"), _("during school holidays"),
    ], True),
    (Question.Kind.TEXT, _("Which other topics or lecturers would you like the centre to offer?"), [], False),
]


def _add_questions(survey, specs, topic=""):
    """Store the standard questions in the portal's default language, so every respondent reads the same text."""
    start = survey.questions.count()
    with translation.override(settings.LANGUAGE_CODE):
        Question.objects.bulk_create([
            Question(
                survey=survey, kind=kind, text=str(text), choices=[str(c) for c in choices], required=required,
                topic=str(topic), order=start + index,
            )
            for index, (kind, text, choices, required) in enumerate(specs)
        ])


def add_standard_questions(*, survey):
    """Append the standard question set of the survey's kind."""
    if survey.kind == Survey.Kind.EVALUATION:
        _add_questions(survey, EVALUATION_QUESTIONS)
    elif survey.kind == Survey.Kind.FOLLOW_UP:
        _add_questions(survey, FOLLOW_UP_QUESTIONS)
    else:
        with translation.override(settings.LANGUAGE_CODE):
            for topic in NEEDS_TOPICS:
                _add_questions(survey, [(
                    Question.Kind.SCALE,
                    _("How much do you need professional development in: %(topic)s?") % {"topic": topic},
                    [], True,
                )], topic=topic)
        _add_questions(survey, NEEDS_EXTRA_QUESTIONS)


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _survey_title(kind, event):
    with translation.override(settings.LANGUAGE_CODE):
        if kind == Survey.Kind.EVALUATION:
            return str(_("Evaluation: %(title)s") % {"title": event.title})[:300]
        return str(_("Follow-up: %(title)s") % {"title": event.title})[:300]


def _ensure(event, kind, opens_on, closes_on):
    existing = Survey.objects.filter(event=event, kind=kind).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                kind=kind, title=_survey_title(kind, event), organiser_id=event.organiser_id, event=event,
                year=opens_on.year, opens_on=opens_on, closes_on=closes_on,
            )
            add_standard_questions(survey=survey)
            return survey
    except IntegrityError:
        # A concurrent call made it first; the unique (event, kind) constraint keeps one.
        return Survey.objects.get(event=event, kind=kind)


def ensure_event_surveys(*, event) -> tuple[Survey, Survey]:
    """Make the event's evaluation survey (open from the last day) and its applicability follow-up
    (open three months after the end, for a month); calling it again changes nothing."""
    if event.status not in ("published", "completed"):
        raise EventNotReady()
    ended = event.ends_on or event.starts_on or timezone.localdate()
    evaluation = _ensure(event, Survey.Kind.EVALUATION, ended, None)
    follow_up_opens = add_months(ended, FOLLOW_UP_AFTER_MONTHS)
    follow_up = _ensure(
        event, Survey.Kind.FOLLOW_UP, follow_up_opens, follow_up_opens + dt.timedelta(days=FOLLOW_UP_OPEN_DAYS)
    )
    return evaluation, follow_up


def ensure_recent_event_surveys(*, days=30, today=None) -> int:
    """Safety net for the completion workflow (`workflows.event_completion.complete_event` makes them):
    every event completed in the last `days` days gets its standard
    surveys; returns how many events were given them."""
    today = today or timezone.localdate()
    missing = Event.objects.filter(
        status=Event.Status.COMPLETED, ends_on__gte=today - dt.timedelta(days=days), ends_on__lte=today,
    ).exclude(surveys__kind=Survey.Kind.EVALUATION)
    count = 0
    for event in missing:
        ensure_event_surveys(event=event)
        count += 1
    return count


def create_needs_survey(*, centre, year, opens_on=None, closes_on=None, standard_questions=True) -> Survey:
    """A yearly needs survey for every teacher of the district, with the standard topics."""
    opens_on = opens_on or timezone.localdate()
    with transaction.atomic():
        with translation.override(settings.LANGUAGE_CODE):
            title = str(_("Professional development needs survey %(year)s") % {"year": year})
        survey = Survey.objects.create(
            kind=Survey.Kind.NEEDS, title=title, organiser=centre, year=year, opens_on=opens_on, closes_on=closes_on,
        )
        if standard_questions:
            add_standard_questions(survey=survey)
    return survey


def is_open(survey, today=None) -> bool:
    today = today or timezone.localdate()
    if not survey.is_active or survey.opens_on > today:
        return False
    return survey.closes_on is None or survey.closes_on >= today


def has_answered(*, survey, user) -> bool:
    return Response.objects.filter(survey=survey, respondent=user).exists()


def evaluation_survey(*, event) -> Survey | None:
    """The event's evaluation survey (made when the event is completed), or None."""
    return Survey.objects.filter(event=event, kind=Survey.Kind.EVALUATION).first()


def evaluation_answered(*, event, user) -> bool:
    """Whether the certificate gate is passed: True when the event has no active evaluation survey,
    when it is closed (nobody can answer it any more), or when the person has answered it."""
    survey = evaluation_survey(event=event)
    if survey is None or not survey.is_active:
        return True
    if survey.closes_on and survey.closes_on < timezone.localdate():
        return True
    return has_answered(survey=survey, user=user)


def clean_answers(*, survey, answers, questions=None) -> dict:
    """Check answers {question_id: value} against the questions; returns {question_id: cleaned text} or
    raises InvalidAnswers with a message per question id."""
    questions = questions if questions is not None else list(survey.questions.all())
    errors, cleaned = {}, {}
    for question in questions:
        raw = answers.get(question.pk, answers.get(str(question.pk), ""))
        value = ("" if raw is None else str(raw)).strip()
        if not value:
            if question.required:
                errors[question.pk] = _("This question needs an answer.")
            continue
        if question.kind == Question.Kind.SCALE:
            if value not in {"1", "2", "3", "4", "5"}:
                errors[question.pk] = _("Choose a value from 1 to 5.")
                continue
        elif question.kind == Question.Kind.CHOICE:
            if value not in question.choices:
                errors[question.pk] = _("Choose one of the offered answers.")
                continue
        elif len(value) > 5000:
            errors[question.pk] = _("Please keep the answer under 5,000 characters.")
            continue
        cleaned[question.pk] = value
    if errors:
        raise InvalidAnswers(errors=errors)
    return cleaned


def submit_response(*, survey, user, answers, today=None) -> Response:
    """Store one person's answers: only people entitled to the survey, only while it is open, only once."""
    if not is_open(survey, today):
        raise SurveyClosed()
    if not permissions.can_answer_survey(user, survey):
        raise NotEntitled()
    if has_answered(survey=survey, user=user):
        raise AlreadyAnswered()
    questions = list(survey.questions.all())
    cleaned = clean_answers(survey=survey, answers=answers, questions=questions)
    try:
        with transaction.atomic():
            response = Response.objects.create(survey=survey, respondent=user)
            Answer.objects.bulk_create([
                Answer(response=response, question_id=question_id, value=value)
                for question_id, value in cleaned.items()
            ])
    except IntegrityError:
        # A double click: the unique (survey, respondent) constraint kept the first response.
        raise AlreadyAnswered() from None
    return response


def remove_question(*, question):
    if question.answers.exists():
        raise QuestionHasAnswers()
    question.delete()


def invitation_recipients(survey):
    """People entitled to the survey who have not answered it yet."""
    User = get_user_model()
    if survey.kind == Survey.Kind.NEEDS:
        people = User.objects.filter(
            is_active=True, memberships__role=Role.TEACHER, memberships__is_active=True,
            memberships__organisation__kind=Organisation.Kind.SCHOOL, memberships__organisation__is_active=True,
        )
    else:
        people = User.objects.filter(
            is_active=True, registrations__event_id=survey.event_id, registrations__status="attended"
        )
    return people.exclude(survey_responses__survey=survey).distinct()


def _one_organiser(surveys):
    """The centre a notice listing `surveys` is about: their organiser when they share one."""
    organisers = {survey.organiser_id for survey in surveys}
    return organisers.pop() if len(organisers) == 1 else None


def _invitation_kind(survey):
    return "needs_survey_invitation" if survey.kind == Survey.Kind.NEEDS else "survey_invitation"


def send_survey_invitations(*, today=None) -> int:
    """Invite everyone entitled to each open survey who has not answered it; each person is invited to
    a survey once (an `Invitation` row). The invitations a person gets on one day go out as one notice
    listing every survey (like the overdue report-backs), so three events completed on the same day
    make one message, not three; the yearly needs survey keeps its own notice kind. Run again, it sends
    nothing new. Returns the number of notices.

    This is the one survey-invitation job (surveys.tasks.send_survey_invitations)."""
    today = today or timezone.localdate()
    due = {}
    surveys = Survey.objects.filter(is_active=True, opens_on__lte=today).exclude(closes_on__lt=today)
    for survey in surveys.select_related("event").order_by("opens_on", "id"):
        invited = Invitation.objects.filter(survey=survey).values("person_id")
        for person in invitation_recipients(survey).exclude(pk__in=invited).iterator():
            due.setdefault((person.pk, _invitation_kind(survey)), (person, []))[1].append(survey)
    sent = 0
    for (person_id, kind), (person, person_surveys) in due.items():
        # The surveys of a later run on the same day are new ones: the first of them keeps the key apart.
        key = f"{kind}s:{person_id}:{today.isoformat()}:{person_surveys[0].pk}"
        for survey in person_surveys:
            survey.answer_link = reverse("surveys:answer", args=[survey.pk])
        first = person_surveys[0]
        try:
            with transaction.atomic():
                Invitation.objects.bulk_create([
                    Invitation(survey=survey, person=person, sent_on=today, notice_key=key)
                    for survey in person_surveys
                ])
                notice = notify(
                    kind=kind, recipient=person, key=key,
                    context={"surveys": person_surveys, "count": len(person_surveys), "survey": first,
                             "event": first.event},
                    link=first.answer_link if len(person_surveys) == 1 else reverse("surveys:my_surveys"),
                    centre_id=_one_organiser(person_surveys),
                )
        except IntegrityError:
            # A concurrent run invited this person first; the unique (survey, person) row keeps one.
            continue
        sent += notice is not None
    return sent
