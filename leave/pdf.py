"""The decision document (*direktoriaus sprendimas*) for an approved leave request, for the school's records."""

from django.template.loader import render_to_string
from django.utils import timezone

from kvalifikacija.pdf import render_pdf

from . import selectors


def decision_context(leave_request):
    days = selectors.days_by_teacher([leave_request.teacher_id], leave_request.year)[leave_request.teacher_id]
    return {
        "leave_request": leave_request, "school": leave_request.school, "standing": days,
        "steps": list(leave_request.steps.select_related("actor")), "printed_on": timezone.localdate(),
        "expenses": list(leave_request.expenses.select_related("source").exclude(status="released")),
    }


def decision_pdf(leave_request) -> bytes:
    """Render the approved request as a one- or two-page PDF (DejaVu Sans, so Lithuanian letters render)."""
    html = render_to_string("leave/pdf/decision.html", decision_context(leave_request))
    css = render_to_string("leave/pdf/decision.css")
    return render_pdf(html, css=css)
