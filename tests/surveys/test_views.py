import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events.models import Event, Registration
from people.models import Role
from surveys import services
from surveys.models import Question, Response, Survey
from tests.factories import CentreFactory, EventFactory, RegistrationFactory, member, teacher

pytestmark = pytest.mark.django_db


def completed_event(centre=None):
    day = timezone.localdate() - dt.timedelta(days=2)
    return EventFactory(status=Event.Status.COMPLETED, starts_on=day, ends_on=day,
                        organiser=centre or CentreFactory())


def answer_all(survey, person):
    answers = {}
    for q in survey.questions.all():
        answers[q.pk] = {"scale": "5", "choice": (q.choices or [""])[0], "text": "Puiku"}[q.kind]
    return services.submit_response(survey=survey, user=person, answers=answers)


@pytest.fixture
def evaluation(centre):
    event = completed_event(centre)
    return services.ensure_event_surveys(event=event)[0]


STAFF_PAGES = ["surveys:list", "surveys:create", "surveys:results_by_form", "surveys:results_by_form_xlsx"]
SURVEY_PAGES = ["surveys:detail", "surveys:edit", "surveys:results", "surveys:results_xlsx", "surveys:question_create"]


@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize("role", [Role.TEACHER, Role.DIRECTOR, Role.LECTURER, Role.ADMINISTRATOR])
def test_staff_pages_refuse_other_roles(client, name, role):
    client.force_login(member(role))
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", SURVEY_PAGES)
def test_survey_pages_refuse_teachers_and_hide_other_centres_surveys(client, evaluation, name):
    client.force_login(teacher())
    assert client.get(reverse(name, args=[evaluation.pk])).status_code == 403
    client.force_login(member(Role.CENTRE_STAFF))  # staff of another centre
    assert client.get(reverse(name, args=[evaluation.pk])).status_code == 404


@pytest.mark.parametrize("name", SURVEY_PAGES)
def test_survey_pages_open_for_the_centres_staff(client, staff, evaluation, name):
    client.force_login(staff)
    assert client.get(reverse(name, args=[evaluation.pk])).status_code == 200


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("surveys:list")).status_code == 302
    assert client.get(reverse("surveys:my_surveys")).status_code == 302


def test_event_surveys_page_creates_the_standard_pair_for_own_events_only(client, staff, centre):
    event = completed_event(centre)
    client.force_login(staff)
    response = client.post(reverse("surveys:event", args=[event.pk]))
    assert response.status_code == 302
    assert set(event.surveys.values_list("kind", flat=True)) == {Survey.Kind.EVALUATION, Survey.Kind.FOLLOW_UP}
    other = completed_event()
    assert client.post(reverse("surveys:event", args=[other.pk])).status_code == 404
    client.force_login(teacher())
    assert client.get(reverse("surveys:event", args=[event.pk])).status_code == 403


def test_staff_create_a_needs_survey_with_standard_questions(client, staff):
    client.force_login(staff)
    response = client.post(reverse("surveys:create"), {
        "kind": "needs", "title": "Poreikių tyrimas", "year": "2026", "opens_on": "2026-09-01",
        "is_active": "on", "standard_questions": "on",
    })
    survey = Survey.objects.get(title="Poreikių tyrimas")
    assert response.status_code == 302
    assert survey.questions.exclude(topic="").count() == len(services.NEEDS_TOPICS)


def test_an_evaluation_survey_needs_an_event(client, staff):
    client.force_login(staff)
    response = client.post(reverse("surveys:create"), {
        "kind": "evaluation", "title": "Be renginio", "year": "2026", "opens_on": "2026-09-01",
    })
    assert response.status_code == 200
    assert "event" in response.context["form"].errors


def test_a_choice_question_needs_two_answers_to_choose_from(client, staff, evaluation):
    client.force_login(staff)
    url = reverse("surveys:question_create", args=[evaluation.pk])
    response = client.post(url, {"text": "Kaip?", "kind": "choice", "order": "9", "choices_text": "Tik vienas"})
    assert "choices_text" in response.context["form"].errors
    client.post(url, {"text": "Kaip?", "kind": "choice", "order": "9", "choices_text": "Gerai\nBlogai"})
    assert evaluation.questions.get(text="Kaip?").choices == ["Gerai", "Blogai"]


def test_survey_list_uses_a_constant_number_of_queries(client, staff, centre, django_assert_max_num_queries):
    client.force_login(staff)

    def make(n):
        for _ in range(n):
            services.ensure_event_surveys(event=completed_event(centre))

    make(2)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("surveys:list"))
    make(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("surveys:list"))
    assert len(response.context["surveys"]) == 34


def test_my_surveys_lists_open_surveys_with_constant_queries(client, django_assert_max_num_queries):
    person = teacher()
    services.create_needs_survey(centre=CentreFactory(), year=2026)

    def make(n):
        for _ in range(n):
            event = completed_event()
            RegistrationFactory(event=event, teacher=person, status=Registration.Status.ATTENDED)
            services.ensure_event_surveys(event=event)

    make(2)
    client.force_login(person)
    with django_assert_max_num_queries(10) as few:
        response = client.get(reverse("surveys:my_surveys"))
    assert len(response.context["open_surveys"]) == 3  # two evaluations and the needs survey
    make(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("surveys:my_surveys"))
    assert len(response.context["open_surveys"]) == 13


def test_my_surveys_does_not_offer_surveys_of_events_not_attended(client, evaluation):
    registration = RegistrationFactory(event=evaluation.event, status=Registration.Status.NO_SHOW)
    client.force_login(registration.teacher)
    response = client.get(reverse("surveys:my_surveys"))
    assert response.context["open_surveys"] == []
    assert client.get(reverse("surveys:answer", args=[evaluation.pk])).status_code == 404


def test_answer_form_keeps_typed_answers_on_error(client, evaluation):
    person = RegistrationFactory(event=evaluation.event, status=Registration.Status.ATTENDED).teacher
    client.force_login(person)
    text = evaluation.questions.filter(kind=Question.Kind.TEXT).first()
    response = client.post(reverse("surveys:answer", args=[evaluation.pk]), {f"q{text.pk}": "Mano įžvalga"})
    assert response.status_code == 200
    assert "Mano įžvalga" in response.content.decode()
    assert response.context["form"].errors
    assert not Response.objects.exists()


def test_answer_form_saves_and_a_second_visit_says_already_answered(client, evaluation):
    person = RegistrationFactory(event=evaluation.event, status=Registration.Status.ATTENDED).teacher
    client.force_login(person)
    data = {}
    for q in evaluation.questions.all():
        data[f"q{q.pk}"] = {"scale": "4", "choice": (q.choices or [""])[0], "text": "Gerai"}[q.kind]
    response = client.post(reverse("surveys:answer", args=[evaluation.pk]), data)
    assert response.status_code == 302
    assert services.has_answered(survey=evaluation, user=person)
    response = client.post(reverse("surveys:answer", args=[evaluation.pk]), data, follow=True)
    assert Response.objects.filter(survey=evaluation).count() == 1
    assert any("already answered" in str(m) or "jau atsakėte" in str(m) for m in response.context["messages"])


def test_results_export_to_xlsx(client, staff, evaluation):
    for _ in range(2):
        person = RegistrationFactory(event=evaluation.event, status=Registration.Status.ATTENDED).teacher
        answer_all(evaluation, person)
    client.force_login(staff)
    response = client.get(reverse("surveys:results_xlsx", args=[evaluation.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    summary, answers = book.worksheets
    assert summary.cell(1, 1).value == evaluation.title
    assert answers.max_row == 3  # header and two anonymous responses
    first_scale = evaluation.questions.filter(kind=Question.Kind.SCALE).first()
    averages = [row for row in summary.iter_rows(values_only=True) if row and row[0] == first_scale.text]
    assert averages[0][3] == 5


def test_results_by_form_average_evaluations_of_each_event_form(client, staff, centre):
    for form, value in (("seminaras", "5"), ("kursai", "3")):
        event = completed_event(centre)
        event.form = form
        event.save()
        survey = services.ensure_event_surveys(event=event)[0]
        person = RegistrationFactory(event=event, status=Registration.Status.ATTENDED).teacher
        answers = {q.pk: {"scale": value, "choice": (q.choices or [""])[0], "text": ""}[q.kind]
                   for q in survey.questions.all()}
        services.submit_response(survey=survey, user=person, answers=answers)
    client.force_login(staff)
    rows = {row["form"]: row for row in client.get(reverse("surveys:results_by_form")).context["rows"]}
    assert rows["seminaras"]["questions"][0]["average"] == 5
    assert rows["kursai"]["questions"][0]["average"] == 3
    response = client.get(reverse("surveys:results_by_form_xlsx"))
    assert load_workbook(BytesIO(response.content)).active.max_row > 2
