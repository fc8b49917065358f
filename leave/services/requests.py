"""Leave requests (*prašymas direktoriui*): the flow up to the decision.

One request carries the seat, the leave, the cover for missed lessons, the cost and its funding
source through the deputy and the director: draft → submitted → cover agreed (or returned) →
approved / rejected; the teacher may withdraw until it is decided. Every step is recorded in the
request's history (who, when, the status before and after, the comment as the reason: `kvalifikacija.audit`).
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Registration
from kvalifikacija import audit
from kvalifikacija.locks import lock_row
from notices.services import notify
from people import roles
from people.models import Role

from .. import permissions, selectors
from ..models import LeaveRequest
from .errors import (
    AlreadyRequested,
    CoverPlanMissing,
    LeaveError,
    NotAllowed,
    ReasonRequired,
    RegistrationNotAwaitingApproval,
    TransitionNotAllowed,
)

S = LeaveRequest.Status


def registration_needs_approval(event) -> bool:
    """A catalogue event needs the director's approval when it falls in working hours or costs money."""
    return not event.outside_working_hours or event.fee > 0


# action -> (allowed from, to)
TRANSITIONS = {
    "submit": ((S.DRAFT, S.RETURNED), S.SUBMITTED),
    "agree_cover": ((S.SUBMITTED,), S.COVER_AGREED),
    "return": ((S.SUBMITTED, S.COVER_AGREED), S.RETURNED),
    "approve": ((S.SUBMITTED, S.COVER_AGREED), S.APPROVED),
    "reject": ((S.SUBMITTED, S.COVER_AGREED, S.RETURNED, S.APPROVED), S.REJECTED),
    "withdraw": ((S.DRAFT, S.SUBMITTED, S.RETURNED, S.COVER_AGREED), S.WITHDRAWN),
}


def allowed_actions(leave_request, user) -> set[str]:
    """Which actions this user may take on the request now (for the buttons on the request page)."""
    actions = set()
    status = leave_request.status
    is_owner = permissions.can_edit_leave_request(user, leave_request)
    if is_owner and status in TRANSITIONS["submit"][0]:
        actions |= {"edit", "submit"}
    if is_owner and status in TRANSITIONS["withdraw"][0]:
        actions.add("withdraw")
    if permissions.can_agree_cover(user, leave_request) and status == S.SUBMITTED and leave_request.during_lessons:
        actions.add("agree_cover")
    if permissions.can_agree_cover(user, leave_request) and status in TRANSITIONS["return"][0]:
        actions.add("return")
    if permissions.can_decide_leave(user, leave_request):
        if _decidable(leave_request):
            actions |= {"approve", "reject"}
        elif status == S.APPROVED and not _started(leave_request):
            actions.add("revoke")
    return actions


def _started(leave_request):
    return leave_request.starts_on <= timezone.localdate()


def _decidable(leave_request):
    return leave_request.status == S.COVER_AGREED or (
        leave_request.status == S.SUBMITTED and not leave_request.during_lessons
    )


def _lock(leave_request) -> LeaveRequest:
    locked = lock_row(leave_request)
    leave_request.status = locked.status
    return leave_request


def _move(leave_request, action, by, comment="") -> None:
    """The transition `action`, checked; the next save records it in the history with `by` and the comment."""
    allowed_from, to = TRANSITIONS[action]
    if leave_request.status not in allowed_from:
        raise TransitionNotAllowed()
    leave_request.status = to
    audit.attribute(leave_request, by=by, reason=comment)


def _saved_step(leave_request, **save_options):
    """Save the request; returns the history record of this step (notices are keyed by it)."""
    leave_request.save(**save_options)
    return audit.last_record(leave_request)


def _notify_heads(leave_request, role, kind, step):
    """Tell the school's deputies (cover) or whoever decides (a director's own request: the municipality)."""
    link = leave_request_url(leave_request)
    heads = (selectors.deciders(leave_request) if role == Role.DIRECTOR
             else selectors.school_heads(leave_request.school, role))
    for head in heads:
        if head.pk == leave_request.teacher_id:
            continue
        notify(kind=kind, recipient=head, key=f"{kind}:{leave_request.pk}:{step.pk}:{head.pk}",
               context={"leave_request": leave_request, "step": step}, link=link)


def _notify_teacher(leave_request, kind, step):
    notify(kind=kind, recipient=leave_request.teacher, key=f"{kind}:{leave_request.pk}:{step.pk}",
           context={"leave_request": leave_request, "step": step}, link=leave_request_url(leave_request))


def leave_request_url(leave_request):
    return reverse("leave:detail", args=[leave_request.pk])


def _check_fields(leave_request):
    if leave_request.ends_on < leave_request.starts_on:
        raise LeaveError(_("The event cannot end before it starts."))
    if not leave_request.academic_hours:
        raise LeaveError(_("Give the number of academic hours."))
    if leave_request.cost < 0:
        raise LeaveError(_("The cost cannot be negative."))
    if leave_request.funding_source_id and leave_request.funding_source.owner_id != leave_request.school_id:
        raise LeaveError(_("The funding source must be one of the school's."))
    if leave_request.priority_id and (
        leave_request.priority.school_id != leave_request.school_id or leave_request.priority.year != leave_request.year
    ):
        raise LeaveError(_("The priority must be one of the school's priorities for the event's year."))


EDITABLE_FIELDS = (
    "title", "organiser_name", "place", "country", "starts_on", "ends_on", "academic_hours", "reason",
    "during_lessons", "cover_plan", "cost", "funding_source", "priority",
)
CATALOGUE_FIELDS = ("reason", "during_lessons", "cover_plan", "funding_source", "priority")


def _teacher_school(teacher, school):
    schools = roles.leave_school_ids(teacher)
    if not schools:
        raise NotAllowed(_("Only a school's teachers ask for leave."))
    if school is None:
        return min(schools)
    if school.pk not in schools:
        raise NotAllowed(_("You are not a teacher of that school."))
    return school.pk


def create_for_registration(*, registration, by, **fields) -> LeaveRequest:
    """A draft request for a catalogue event, started from the teacher's registration awaiting
    approval (a held pending seat or a place on the waiting list); one request per registration."""
    if registration.teacher_id != by.pk:
        raise NotAllowed()
    if registration.status not in (Registration.Status.PENDING, Registration.Status.WAITLISTED):
        raise RegistrationNotAwaitingApproval()
    if LeaveRequest.objects.filter(registration=registration).exists():
        raise AlreadyRequested()
    event = registration.event
    school_id = registration.school_id or _teacher_school(by, None)
    starts_on = event.starts_on or timezone.localdate()
    leave_request = LeaveRequest(
        teacher=by, school_id=school_id, registration=registration, starts_on=starts_on,
        ends_on=event.ends_on or starts_on, academic_hours=event.academic_hours, place=event.place,
        organiser_name=str(event.organiser), country="LT", cost=event.fee,
        during_lessons=not event.outside_working_hours,
    )
    for name in CATALOGUE_FIELDS:
        if name in fields:
            setattr(leave_request, name, fields[name])
    with transaction.atomic():
        _check_fields(leave_request)
        audit.attribute(leave_request, by=by)
        leave_request.save()
    return leave_request


def create_outside(*, teacher, school=None, **fields) -> LeaveRequest:
    """A draft request for an outside event typed in by hand (in Lithuania or abroad)."""
    school_id = _teacher_school(teacher, school)
    leave_request = LeaveRequest(teacher=teacher, school_id=school_id)
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(leave_request, name, fields[name])
    leave_request.country = (leave_request.country or "LT").upper()
    if not leave_request.title.strip():
        raise LeaveError(_("Give the event's title."))
    with transaction.atomic():
        _check_fields(leave_request)
        audit.attribute(leave_request, by=teacher)
        leave_request.save()
    return leave_request


def update_request(*, leave_request, by, **fields) -> LeaveRequest:
    """The teacher changes a draft or a returned request; a catalogue event's facts come from the event."""
    if not permissions.can_edit_leave_request(by, leave_request):
        raise NotAllowed()
    if leave_request.status not in (S.DRAFT, S.RETURNED):
        raise TransitionNotAllowed(_("Only a draft or a returned request can be changed."))
    names = CATALOGUE_FIELDS if leave_request.registration_id else EDITABLE_FIELDS
    for name in names:
        if name in fields:
            setattr(leave_request, name, fields[name])
    leave_request.country = (leave_request.country or "LT").upper()
    _check_fields(leave_request)
    audit.attribute(leave_request, by=by)
    leave_request.save()
    return leave_request


def submit(*, leave_request, by) -> LeaveRequest:
    """The teacher sends the request; during lessons it must carry the plan for the missed lessons.
    The deputy is told when lessons need cover, otherwise the director."""
    if not permissions.can_edit_leave_request(by, leave_request):
        raise NotAllowed()
    if leave_request.during_lessons and not leave_request.cover_plan.strip():
        raise CoverPlanMissing()
    _check_fields(leave_request)
    with transaction.atomic():
        _lock(leave_request)
        _move(leave_request, "submit", by)
        leave_request.submitted_at = timezone.now()
        step = _saved_step(leave_request)
        if leave_request.during_lessons:
            _notify_heads(leave_request, Role.DEPUTY, "leave_cover_needed", step)
        else:
            _notify_heads(leave_request, Role.DIRECTOR, "leave_decision_needed", step)
    return leave_request


def agree_cover(*, leave_request, by, comment="") -> LeaveRequest:
    """The deputy agrees how the missed lessons are covered; the director is told it waits for a decision."""
    if not permissions.can_agree_cover(by, leave_request) or by.pk == leave_request.teacher_id:
        raise NotAllowed()
    with transaction.atomic():
        _lock(leave_request)
        _move(leave_request, "agree_cover", by, comment.strip())
        leave_request.cover_agreed_by = by
        leave_request.cover_agreed_at = timezone.now()
        if comment.strip():
            leave_request.deputy_comment = comment.strip()
        step = _saved_step(leave_request)
        _notify_heads(leave_request, Role.DIRECTOR, "leave_decision_needed", step)
    return leave_request


def return_request(*, leave_request, by, comment) -> LeaveRequest:
    """The deputy (or the director) sends the request back to the teacher with a comment."""
    if not permissions.can_agree_cover(by, leave_request) or by.pk == leave_request.teacher_id:
        raise NotAllowed()
    if not comment.strip():
        raise ReasonRequired(_("Write what the teacher should change."))
    with transaction.atomic():
        _lock(leave_request)
        _move(leave_request, "return", by, comment.strip())
        leave_request.deputy_comment = comment.strip()
        step = _saved_step(leave_request)
        _notify_teacher(leave_request, "leave_returned", step)
    return leave_request
