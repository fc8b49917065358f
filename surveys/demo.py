"""Demo surveys: this year's needs survey with answers, and evaluations of recent completed events.

Every answer goes through `surveys.services.submit_response`. Idempotent: a survey that already has
responses is left alone. The demo teacher's own answers are left
out, so the teacher finds open surveys (and a certificate gated by an evaluation) to try.
"""

import datetime as dt

from django.utils import timezone

from events.models import Event, Registration

from . import services
from .models import Question, Survey

TEXTS = [
    "Daug praktinių pavyzdžių, kuriuos galiu taikyti pamokose.",
    "Lektorė puikiai išmano temą, aiškiai ir įtraukiančiai dėstė.",
    "Norėtųsi daugiau laiko darbui grupėse.",
    "Naudinga dalomoji medžiaga, jau pritaikiau 7 klasėje.",
    "Pasigedau pavyzdžių pradinių klasių mokiniams.",
    "Puiki organizacija, patogus laikas po pamokų.",
    "Per daug teorijos, trūko praktinių užduočių.",
]


def _value(rng, question, mood):
    if question.kind == Question.Kind.SCALE:
        return str(max(1, min(5, round(rng.gauss(mood, 0.8)))))
    if question.kind == Question.Kind.CHOICE:
        weights = [3, 2, 1][: len(question.choices)] + [1] * max(0, len(question.choices) - 3)
        return rng.choices(question.choices, weights=weights)[0]
    text = rng.choice(TEXTS) if rng.random() < 0.4 else ""
    return text or (rng.choice(TEXTS) if question.required else "")


def _answer(survey, people, rng, mood):
    """Each person answers through `submit_response` (entitled people only, while the survey is open:
    on its first day, as the invitation asks)."""
    questions = list(survey.questions.all())
    for person in people:
        answers = {question.pk: _value(rng, question, mood) for question in questions}
        services.submit_response(survey=survey, user=person, answers=answers, today=survey.opens_on)


def seed(ctx):
    rng, centre, year = ctx["rng"], ctx["centre"], ctx["year"]
    demo_teacher = ctx["demo"]["teacher"]
    today = timezone.localdate()

    needs = Survey.objects.filter(organiser=centre, kind=Survey.Kind.NEEDS, year=year).first()
    if needs is None:
        needs = services.create_needs_survey(
            centre=centre, year=year, opens_on=today - dt.timedelta(days=14), closes_on=today + dt.timedelta(days=45),
        )
    if not needs.responses.exists():
        teachers = [t for t in ctx["teachers"] if t.pk != demo_teacher.pk]
        _answer(needs, rng.sample(teachers, min(80, len(teachers))), rng, mood=3.4)

    completed = (
        Event.objects.filter(organiser=centre, status=Event.Status.COMPLETED,
                             registrations__status=Registration.Status.ATTENDED)
        .distinct().order_by("-ends_on")[:8]
    )
    for event in completed:
        evaluation, follow_up = services.ensure_event_surveys(event=event)
        if evaluation.responses.exists():
            continue
        attended = [
            r.teacher for r in event.registrations.filter(status=Registration.Status.ATTENDED).select_related("teacher")
            if r.teacher_id != demo_teacher.pk
        ]
        share = max(1, round(len(attended) * rng.uniform(0.5, 0.85)))
        _answer(evaluation, rng.sample(attended, min(share, len(attended))), rng, mood=rng.uniform(3.6, 4.7))
        if follow_up.opens_on <= today:
            _answer(follow_up, rng.sample(attended, len(attended) * 2 // 5), rng, mood=3.5)
