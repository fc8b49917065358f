"""Survey results as an XLSX workbook (openpyxl): a summary sheet and the anonymous answers."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from kvalifikacija.spreadsheets import new_workbook, workbook_bytes

from .models import Question, Response
from .selectors import needs_by_topic, question_results, results_by_form


def _bold_row(sheet, values):
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _fit(sheet, widths):
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width


def survey_workbook(survey) -> bytes:
    book = new_workbook()
    summary = book.active
    summary.title = _("Summary")[:31]
    summary.append([survey.title])
    summary["A1"].font = Font(bold=True, size=13)
    if survey.event_id:
        summary.append([_("Event"), survey.event.title])
    summary.append([_("Responses"), survey.responses.count()])
    summary.append([])
    _bold_row(summary, [_("Question"), _("Kind"), _("Answers"), _("Average"), "1", "2", "3", "4", "5"])
    rows = question_results(survey)
    for row in rows:
        question = row["question"]
        line = [question.text, question.get_kind_display(), row["count"]]
        if question.kind == Question.Kind.SCALE:
            line += [row["average"], *[count for _v, count, _p in row["distribution"]]]
        summary.append(line)
        if question.kind == Question.Kind.CHOICE:
            for option, count, share in row["distribution"]:
                summary.append(["", f"{option}", count, f"{share} %"])
    if survey.kind == survey.Kind.NEEDS:
        summary.append([])
        _bold_row(summary, [_("Topic"), _("Average need"), _("Answers"), _("Answered 4 or 5, %")])
        for row in needs_by_topic(survey):
            summary.append([row["topic"], row["average"], row["count"], row["high_share"]])
    _fit(summary, {"A": 60, "B": 22, "C": 10, "D": 10})

    answers = book.create_sheet(_("Answers")[:31])
    questions = [row["question"] for row in rows]
    _bold_row(answers, [_("No."), _("Submitted")] + [q.text for q in questions])
    responses = Response.objects.filter(survey=survey).prefetch_related("answers").order_by("submitted_at", "id")
    for number, response in enumerate(responses, start=1):
        values = {a.question_id: a.value for a in response.answers.all()}
        cells = [number, timezone.localtime(response.submitted_at).replace(tzinfo=None)]
        for q in questions:
            value = values.get(q.pk, "")
            cells.append(int(value) if q.kind == Question.Kind.SCALE and value.isdigit() else value)
        answers.append(cells)
    return _save(book)


def by_form_workbook(user, *, kind, year) -> bytes:
    book = new_workbook()
    sheet = book.active
    sheet.title = _("By form")[:31]
    _bold_row(sheet, [_("Form"), _("Surveys"), _("Responses"), _("Question"), _("Answers"), _("Average")])
    for row in results_by_form(user, kind=kind, year=year):
        if not row["questions"]:
            sheet.append([str(row["form_label"]), row["surveys"], row["responses"]])
        for question in row["questions"]:
            sheet.append([str(row["form_label"]), row["surveys"], row["responses"], question["text"],
                          question["count"], question["average"]])
    _fit(sheet, {"A": 30, "D": 60})
    return _save(book)


def _save(book):
    return workbook_bytes(book)
