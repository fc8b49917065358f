"""Read queries for surveys: lists with counts, the teacher's open surveys, results and summaries."""

from collections import Counter, defaultdict

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from events.models import Form, Registration
from lithuanian.collation import sort_key
from people import roles

from . import permissions
from .models import Answer, Question, Response, Survey

SCALE_VALUES = ["1", "2", "3", "4", "5"]


def staff_surveys(user, *, kind=None, year=None):
    qs = (
        permissions.surveys_visible_to(user)
        .select_related("event")
        .annotate(response_count=Count("responses", distinct=True), question_count=Count("questions", distinct=True))
        .order_by("-opens_on", "-id")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    return qs


def open_surveys_for(user, today=None):
    """Open surveys this person may answer, with `answered` annotated; needs surveys for teachers,
    an event's surveys for those who attended it."""
    today = today or timezone.localdate()
    entitled = Q(event__registrations__teacher=user, event__registrations__status=Registration.Status.ATTENDED)
    if roles.is_teacher(user):
        entitled |= Q(kind=Survey.Kind.NEEDS)
    return (
        Survey.objects.filter(entitled, is_active=True, opens_on__lte=today)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .select_related("event")
        .annotate(answered=Exists(Response.objects.filter(survey=OuterRef("pk"), respondent=user)))
        .distinct()
        .order_by("answered", "closes_on", "-opens_on")
    )


def question_results(survey):
    """Per question: count, average and 1–5 distribution (scale), choice counts, or the free-text answers."""
    questions = list(survey.questions.all())
    answers = Answer.objects.filter(question__survey=survey).values_list("question_id", "value")
    by_question = defaultdict(list)
    for question_id, value in answers:
        by_question[question_id].append(value)
    results = []
    for question in questions:
        values = by_question.get(question.pk, [])
        row = {"question": question, "count": len(values)}
        if question.kind == Question.Kind.SCALE:
            numbers = [int(v) for v in values if v in SCALE_VALUES]
            counts = Counter(values)
            row["average"] = round(sum(numbers) / len(numbers), 2) if numbers else None
            row["distribution"] = [
                (v, counts.get(v, 0), round(100 * counts.get(v, 0) / len(numbers)) if numbers else 0)
                for v in SCALE_VALUES
            ]
        elif question.kind == Question.Kind.CHOICE:
            counts = Counter(values)
            options = list(question.choices) + [v for v in counts if v not in question.choices]
            row["distribution"] = [
                (option, counts.get(option, 0), round(100 * counts.get(option, 0) / len(values)) if values else 0)
                for option in options
            ]
        else:
            row["texts"] = values
        results.append(row)
    return results


def needs_by_topic(survey):
    """The needs survey summarised per topic: average need, answers, share answering 4 or 5; highest first."""
    values = Answer.objects.filter(question__survey=survey, question__kind=Question.Kind.SCALE).exclude(
        question__topic=""
    ).values_list("question__topic", "value")
    topics = defaultdict(list)
    for topic, value in values:
        if value in SCALE_VALUES:
            topics[topic].append(int(value))
    for topic in survey.questions.exclude(topic="").values_list("topic", flat=True):
        topics.setdefault(topic, [])
    rows = [
        {
            "topic": topic,
            "count": len(numbers),
            "average": round(sum(numbers) / len(numbers), 2) if numbers else None,
            "high_share": round(100 * sum(1 for n in numbers if n >= 4) / len(numbers)) if numbers else 0,
        }
        for topic, numbers in topics.items()
    ]
    return sorted(rows, key=lambda r: (r["average"] is None, -(r["average"] or 0), r["topic"]))


def results_by_form(user, *, kind=Survey.Kind.EVALUATION, year=None):
    """Scale averages across every event survey of one kind, per event form and per question (by text,
    which the standard questions share). Returns rows {form, form_label, surveys, responses, questions: [...]}."""
    surveys = permissions.surveys_visible_to(user).filter(kind=kind, event__isnull=False)
    if year:
        surveys = surveys.filter(year=year)
    answers = (
        Answer.objects.filter(question__survey__in=surveys, question__kind=Question.Kind.SCALE)
        .values_list("question__survey__event__form", "question__text", "value")
    )
    sums = defaultdict(lambda: defaultdict(list))
    for form, text, value in answers:
        if value in SCALE_VALUES:
            sums[form][text].append(int(value))
    counts = {
        row["event__form"]: row
        for row in surveys.values("event__form").annotate(
            surveys=Count("id", distinct=True), responses=Count("responses", distinct=True)
        )
    }
    labels = dict(Form.choices)
    rows = []
    for form, row in sorted(counts.items(), key=lambda item: sort_key(str(labels.get(item[0], item[0])))):
        questions = [
            {"text": text, "count": len(numbers), "average": round(sum(numbers) / len(numbers), 2)}
            for text, numbers in sums.get(form, {}).items()
        ]
        rows.append({
            "form": form, "form_label": labels.get(form, form), "surveys": row["surveys"],
            "responses": row["responses"], "questions": questions,
        })
    return rows
