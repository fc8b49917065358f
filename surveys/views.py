from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import permissions as event_permissions
from kvalifikacija.views import allowed_for, attempt, form_page, object_or_404, page_of
from people import roles

from . import export, permissions, selectors, services
from .forms import AnswerForm, QuestionForm, SurveyForm
from .models import Question, Survey

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# A survey of the user's centre; 403 for other roles, 404 for another centre's survey.
_staff_survey = object_or_404(lambda user: permissions.surveys_visible_to(user).select_related("event"),
                              allowed=permissions.can_manage_surveys)
_answerable_survey = object_or_404(Survey.objects.select_related("event"), permissions.can_answer_survey,
                                   hidden=True)


survey_page = page_of("surveys:detail")


def _year(request):
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else None


@login_required
@allowed_for(permissions.can_manage_surveys)
def survey_list(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in Survey.Kind.values else None
    year = _year(request)
    surveys = selectors.staff_surveys(request.user, kind=kind, year=year)
    years = sorted(set(permissions.surveys_visible_to(request.user).values_list("year", flat=True)), reverse=True)
    return render(request, "surveys/survey_list.html", {
        "surveys": surveys, "kinds": Survey.Kind.choices, "kind": kind, "year": year, "years": years,
        "today": timezone.localdate(),
    })


@login_required
@allowed_for(permissions.can_manage_surveys)
def survey_create(request):
    centres = roles.centre_ids(request.user)

    @transaction.atomic
    def save(form):
        survey = form.save(commit=False)
        survey.organiser_id = survey.event.organiser_id if survey.event else min(centres)
        survey.save()
        if form.cleaned_data.get("standard_questions"):
            services.add_standard_questions(survey=survey)
        return survey

    form = SurveyForm(request.POST or None, user=request.user,
                      initial={"year": timezone.localdate().year, "opens_on": timezone.localdate()})
    return form_page(request, form, "surveys/survey_form.html", save=save, done=_("The survey was created."),
                     then=page_of("surveys:detail"))


@login_required
def survey_edit(request, pk):
    survey = _staff_survey(request, pk)
    return form_page(request, SurveyForm(request.POST or None, instance=survey, user=request.user),
                     "surveys/survey_form.html", {"survey": survey}, done=_("The survey was saved."),
                     then=page_of("surveys:detail"))


@login_required
def survey_detail(request, pk):
    survey = _staff_survey(request, pk)
    questions = survey.questions.all()
    return render(request, "surveys/survey_detail.html", {
        "survey": survey, "questions": questions, "response_count": survey.responses.count(),
        "is_open": services.is_open(survey), "question_form": QuestionForm(initial={"order": len(questions) + 1}),
    })


@login_required
def question_create(request, pk):
    survey = _staff_survey(request, pk)
    form = QuestionForm(request.POST or None, instance=Question(survey=survey),
                        initial={"order": survey.questions.count() + 1})
    return form_page(request, form, "surveys/question_form.html", {"survey": survey},
                     done=_("The question was added."), then=lambda _question: survey_page(survey))


@login_required
def question_edit(request, pk, question_pk):
    survey = _staff_survey(request, pk)
    question = get_object_or_404(Question, pk=question_pk, survey=survey)
    return form_page(request, QuestionForm(request.POST or None, instance=question), "surveys/question_form.html",
                     {"survey": survey, "question": question}, done=_("The question was saved."),
                     then=lambda _question: survey_page(survey))


@login_required
@require_POST
def question_delete(request, pk, question_pk):
    survey = _staff_survey(request, pk)
    question = get_object_or_404(Question, pk=question_pk, survey=survey)
    attempt(request, lambda: services.remove_question(question=question), _("The question was removed."), errors=services.SurveyError)
    return redirect("surveys:detail", survey.pk)


@login_required
def survey_results(request, pk):
    survey = _staff_survey(request, pk)
    context = {
        "survey": survey, "results": selectors.question_results(survey),
        "response_count": survey.responses.count(),
    }
    if survey.kind == Survey.Kind.NEEDS:
        context["topics"] = selectors.needs_by_topic(survey)
    elif survey.event_id:
        context["attended"] = survey.event.registrations.filter(status="attended").count()
    return render(request, "surveys/survey_results.html", context)


@login_required
def survey_results_xlsx(request, pk):
    survey = _staff_survey(request, pk)
    response = HttpResponse(export.survey_workbook(survey), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="apklausa-{survey.pk}.xlsx"'
    return response


def _form_kind(request):
    kind = request.GET.get("kind")
    return kind if kind in (Survey.Kind.EVALUATION, Survey.Kind.FOLLOW_UP) else Survey.Kind.EVALUATION


@login_required
@allowed_for(permissions.can_manage_surveys)
def results_by_form(request):
    kind, year = _form_kind(request), _year(request)
    years = sorted(set(permissions.surveys_visible_to(request.user).values_list("year", flat=True)), reverse=True)
    return render(request, "surveys/results_by_form.html", {
        "rows": selectors.results_by_form(request.user, kind=kind, year=year), "kind": kind, "year": year,
        "years": years, "kinds": [(k, label) for k, label in Survey.Kind.choices if k != Survey.Kind.NEEDS],
    })


@login_required
@allowed_for(permissions.can_manage_surveys)
def results_by_form_xlsx(request):
    kind, year = _form_kind(request), _year(request)
    response = HttpResponse(export.by_form_workbook(request.user, kind=kind, year=year), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="vertinimai-pagal-forma-{year or "visi"}.xlsx"'
    return response


@login_required
@allowed_for(permissions.can_manage_surveys)
def event_surveys(request, event_pk):
    """The surveys of one event (evaluation and follow-up); staff may create the standard pair here."""
    event = get_object_or_404(event_permissions.events_managed_by(request.user), pk=event_pk)
    if request.method == "POST":
        attempt(request, lambda: services.ensure_event_surveys(event=event),
                _("The evaluation and follow-up surveys are ready."), errors=services.SurveyError)
        return redirect("surveys:event", event.pk)
    surveys = event.surveys.all()
    rows = [(s, selectors.question_results(s), s.responses.count()) for s in surveys]
    return render(request, "surveys/event_surveys.html", {
        "event": event, "rows": rows,
        "attended": event.registrations.filter(status="attended").count(),
        "can_create": event.may_have_surveys,
    })


@login_required
def my_surveys(request):
    surveys = list(selectors.open_surveys_for(request.user))
    return render(request, "surveys/my_surveys.html", {
        "open_surveys": [s for s in surveys if not s.answered],
        "answered_surveys": [s for s in surveys if s.answered],
    })


@login_required
def answer(request, pk):
    survey = _answerable_survey(request, pk)
    if services.has_answered(survey=survey, user=request.user):
        messages.info(request, services.AlreadyAnswered.default_message)
        return redirect("surveys:my_surveys")
    if not services.is_open(survey):
        messages.warning(request, services.SurveyClosed.default_message)
        return redirect("surveys:my_surveys")
    questions = list(survey.questions.all())
    form = AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_response(survey=survey, user=request.user, answers=form.answers())
        except services.InvalidAnswers as exc:
            form.add_service_errors(exc.errors)
        except services.AlreadyAnswered as exc:
            messages.info(request, exc.message)
            return redirect("surveys:my_surveys")
        except services.SurveyError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Thank you! Your answers were saved."))
            next_url = request.POST.get("next", "")
            if next_url.startswith("/") and not next_url.startswith("//"):
                return redirect(next_url)
            return redirect("surveys:my_surveys")
    return render(request, "surveys/answer.html", {
        "survey": survey, "form": form, "next": request.GET.get("next", request.POST.get("next", "")),
    })
