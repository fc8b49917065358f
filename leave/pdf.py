"""The teacher's request to the director (*prašymas*) as a PDF: printable for signature, and with the
director's resolution on it once decided (*Leisti. Apmokėti iš mokymo lėšų*). A school keeps the
resolution on the request; it is the school's record of the decision."""

from django.template.loader import render_to_string
from django.utils import timezone

from kvalifikacija.pdf import render_pdf
from lithuanian.documents import (
    country_name,
    date_span,
    dative_phrase,
    document_date,
    genitive_name,
    money,
    quoted,
    town_of,
)
from people.models import Membership, Role

from . import selectors
from .models import LeaveRequest

DIRECTOR = "direktorius"


def _position(user, school, roles):
    membership = (
        Membership.objects.active().filter(user=user, organisation=school, role__in=roles).order_by("id").first()
        if user else None
    )
    return membership.position.strip() if membership and membership.position else ""


def _teacher_position(leave_request):
    profile = getattr(leave_request.teacher, "teacher_profile", None)
    return _position(leave_request.teacher, leave_request.school, [Role.TEACHER]) or (
        profile.position if profile else "")


def _director(leave_request):
    """Who decided, else the school's current director (the request is addressed to them)."""
    if leave_request.decided_by_id:
        return leave_request.decided_by
    membership = (
        Membership.objects.active().filter(organisation=leave_request.school, role=Role.DIRECTOR)
        .select_related("user").order_by("id").first()
    )
    return membership.user if membership else None


def resolution(leave_request) -> str:
    """The resolution's words: `Leisti. Apmokėti iš mokymo lėšų.` for an approved request with a cost,
    `Leisti.` for a free one, `Neleisti.` for a rejected one; empty while undecided."""
    if leave_request.status == LeaveRequest.Status.APPROVED:
        source = leave_request.funding_source
        if leave_request.cost > 0 and source is not None:
            return f"Leisti. Apmokėti iš {source.paid_from}."
        return "Leisti."
    if leave_request.status == LeaveRequest.Status.REJECTED and leave_request.decided_at:
        return "Neleisti."
    return ""


def override_reason(leave_request) -> str:
    """The director's written reason for letting the source go below zero, kept on the commitment."""
    return next((expense.override_reason for expense in leave_request.expenses.all()
                 if expense.override_reason and expense.status != expense.Status.RELEASED), "")


def status_steps(leave_request) -> list[dict]:
    """The request's steps for the printed record: the rows of its trail that change the status."""
    steps = []
    for row in selectors.request_trail(leave_request):
        change = row.change_of("status")
        if change is not None:
            steps.append({"when": row.when, "who": row.who, "status": change.after, "reason": row.reason})
    return steps


def request_context(leave_request):
    school = leave_request.school
    director = _director(leave_request)
    director_position = (_position(director, school, [Role.DIRECTOR]) or DIRECTOR) if director else DIRECTOR
    place = leave_request.place or (leave_request.event.place if leave_request.event else "")
    if leave_request.is_abroad:
        place = f"{place} ({country_name(leave_request.country)})" if place else country_name(leave_request.country)
    event = leave_request.event
    organiser = leave_request.organiser_name or (str(event.provider or event.organiser.name) if event else "")
    submitted = leave_request.submitted_at or leave_request.created_at or timezone.now()
    days = selectors.days_by_teacher([leave_request.teacher_id], leave_request.year)[leave_request.teacher_id]
    return {
        "leave_request": leave_request, "school": school, "teacher": leave_request.teacher,
        "teacher_position": _teacher_position(leave_request),
        "addressee": " ".join(part for part in (
            genitive_name(school.name), dative_phrase(director_position.split()[0] if director_position else ""),
            dative_phrase(director.get_full_name()) if director else "") if part),
        "director": director, "director_position": director_position,
        "title": quoted(leave_request.event_title), "organiser": organiser, "place": place,
        "when": date_span(leave_request.starts_on, leave_request.ends_on),
        "submitted_on": document_date(timezone.localtime(submitted).date()),
        "town": town_of(school.address),
        "cover_agreed_on": document_date(timezone.localtime(leave_request.cover_agreed_at).date())
        if leave_request.cover_agreed_at else "",
        "resolution": resolution(leave_request), "override_reason": override_reason(leave_request), "cost": money(leave_request.cost),
        "decided_on": document_date(timezone.localtime(leave_request.decided_at).date())
        if leave_request.decided_at else "",
        "standing": days, "steps": status_steps(leave_request),
        "printed_on": timezone.localdate(),
    }


def request_pdf(leave_request) -> bytes:
    """Render the request (with the resolution once decided) as a PDF (DejaVu Sans for Lithuanian letters)."""
    html = render_to_string("leave/pdf/request.html", request_context(leave_request))
    css = render_to_string("leave/pdf/request.css")
    return render_pdf(html, css=css)
