"""Leave requests (*prašymas direktoriui*) and the school's rules.

One request carries the seat, the leave, the cover for missed lessons, the cost and its funding
source through the deputy and the director: draft → submitted → cover agreed (or returned) →
approved / rejected; the teacher may withdraw until it is decided. Every step is recorded.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from lithuanian.collation import sorted_lt
from lithuanian.formats import money, number, table_date
from notices.services import notify
from people import permissions
from people.models import Role
from people.qualification import days_from_hours

from . import selectors
from .models import (
    LeaveRequest,
    LeaveStep,
    Recommendation,
    ReportBack,
    SchoolPriority,
    SchoolQualificationPlan,
)

S = LeaveRequest.Status

# Teachers away on one day (including the one asking) from which the director is warned.
AWAY_PER_SCHOOL_WARNING = getattr(settings, "LEAVE_AWAY_PER_SCHOOL_WARNING", 3)
AWAY_PER_SUBJECT_WARNING = getattr(settings, "LEAVE_AWAY_PER_SUBJECT_WARNING", 2)

MATERIAL_TYPES = {
    "application/pdf", "image/jpeg", "image/png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.presentation",
    "application/msword", "application/vnd.ms-powerpoint",
}


class LeaveError(DomainError):
    pass


class NotAllowed(LeaveError):
    default_message = _("You may not do this with this request.")


class TransitionNotAllowed(LeaveError):
    default_message = _("The request cannot move to that state from where it is now.")


class CoverPlanMissing(LeaveError):
    default_message = _("The event is during lessons: write the plan for the missed lessons.")


class ReasonRequired(LeaveError):
    default_message = _("Write the reason.")


class AlreadyRequested(LeaveError):
    default_message = _("A request for this registration already exists.")


class RegistrationNotAwaitingApproval(LeaveError):
    default_message = _("This registration does not wait for the director's approval.")


class FundingSourceRequired(LeaveError):
    default_message = _("Choose the funding source the cost is paid from.")


class WarningsNotConfirmed(LeaveError):
    """Approval would go beyond the plan, the money or the school's staffing: the director must confirm."""

    def __init__(self, warnings):
        self.warnings = warnings
        super().__init__(_("Read the warnings and confirm that you approve anyway."))


class ReportError(LeaveError):
    pass


def registration_needs_approval(event) -> bool:
    """A catalogue event needs the director's approval when it falls in working hours or costs money."""
    return not event.outside_working_hours or event.fee > 0


# --- The flow -----------------------------------------------------------------------------------------

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
    locked = LeaveRequest.objects.select_for_update().get(pk=leave_request.pk)
    leave_request.status = locked.status
    return leave_request


def _move(leave_request, action, by, comment="") -> LeaveStep:
    allowed_from, to = TRANSITIONS[action]
    if leave_request.status not in allowed_from:
        raise TransitionNotAllowed()
    step = LeaveStep.objects.create(
        leave_request=leave_request, actor=by, from_status=leave_request.status, to_status=to, comment=comment
    )
    leave_request.status = to
    return step


def _notify_heads(leave_request, role, kind, step):
    link = leave_request_url(leave_request)
    for head in selectors.school_heads(leave_request.school, role):
        if head.pk == leave_request.teacher_id:
            continue
        notify(kind=kind, recipient=head, key=f"{kind}:{leave_request.pk}:{step.pk}:{head.pk}",
               context={"leave_request": leave_request, "step": step}, link=link)


def _notify_teacher(leave_request, kind, step):
    notify(kind=kind, recipient=leave_request.teacher, key=f"{kind}:{leave_request.pk}:{step.pk}",
           context={"leave_request": leave_request, "step": step}, link=leave_request_url(leave_request))


def leave_request_url(leave_request):
    from django.urls import reverse

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
    schools = permissions.teacher_school_ids(teacher)
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
    from events.models import Registration

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
        leave_request.save()
        LeaveStep.objects.create(leave_request=leave_request, actor=by, to_status=S.DRAFT)
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
        leave_request.save()
        LeaveStep.objects.create(leave_request=leave_request, actor=teacher, to_status=S.DRAFT)
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
        step = _move(leave_request, "submit", by)
        leave_request.submitted_at = timezone.now()
        leave_request.save()
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
        step = _move(leave_request, "agree_cover", by, comment.strip())
        leave_request.cover_agreed_by = by
        leave_request.cover_agreed_at = timezone.now()
        if comment.strip():
            leave_request.deputy_comment = comment.strip()
        leave_request.save()
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
        step = _move(leave_request, "return", by, comment.strip())
        leave_request.deputy_comment = comment.strip()
        leave_request.save()
        _notify_teacher(leave_request, "leave_returned", step)
    return leave_request


def approval_warnings(leave_request, funding_source=None) -> list[str]:
    """What the director should know before approving: beyond the school's planned days, beyond the
    money in the source, too many of the school's (or one subject's) teachers away the same day.
    The five-day right is a minimum, never a reason to refuse, so it never appears here."""
    from funding.services import available

    warnings = []
    year = leave_request.year
    planned = selectors.planned_days(leave_request.school, year)
    if planned is not None:
        already = selectors.approved_days(leave_request.school, year, exclude_pk=leave_request.pk)
        after = already + days_from_hours(leave_request.academic_hours)
        if after > planned:
            warnings.append(str(_(
                "Approval takes the school to %(after)s qualification days in %(year)s, beyond the %(planned)s "
                "days it planned."
            ) % {"after": number(after, 1), "year": year, "planned": number(planned, 1)}))
    source = funding_source or leave_request.funding_source
    if leave_request.cost > 0 and source is not None:
        left = available(source)
        if leave_request.cost > left:
            warnings.append(str(_(
                "The source “%(source)s” has %(left)s € left; this request costs %(cost)s €, %(short)s € short."
            ) % {"source": source.name, "left": money(left, symbol=False),
                 "cost": money(leave_request.cost, symbol=False),
                 "short": money(leave_request.cost - left, symbol=False)}))
    warnings.extend(away_warnings(leave_request))
    return warnings


def away_warnings(leave_request) -> list[str]:
    """Days on which, with this request, too many of the school's teachers (or of one subject's) would
    be away from lessons."""
    if not leave_request.during_lessons:
        return []
    others = list(
        LeaveRequest.objects.filter(
            school=leave_request.school, status=S.APPROVED, during_lessons=True,
            starts_on__lte=leave_request.ends_on, ends_on__gte=leave_request.starts_on,
        )
        .exclude(teacher=leave_request.teacher)
        .exclude(pk=leave_request.pk)
        .select_related("teacher")
    )
    if not others:
        return []
    subjects = selectors.teacher_subject_ids([leave_request.teacher_id, *{o.teacher_id for o in others}])
    mine = subjects.get(leave_request.teacher_id, set())
    worst_school, worst_subject = (None, set()), (None, set())
    day = leave_request.starts_on
    last = min(leave_request.ends_on, leave_request.starts_on + dt.timedelta(days=60))
    while day <= last:
        away = {o.teacher for o in others if o.starts_on <= day <= o.ends_on}
        same_subject = {t for t in away if subjects.get(t.pk, set()) & mine}
        if len(away) > len(worst_school[1]):
            worst_school = (day, away)
        if len(same_subject) > len(worst_subject[1]):
            worst_subject = (day, same_subject)
        day += dt.timedelta(days=1)
    warnings = []
    if worst_school[0] and len(worst_school[1]) + 1 >= AWAY_PER_SCHOOL_WARNING:
        warnings.append(str(_(
            "On %(day)s %(count)s of the school's teachers would be away from lessons (also: %(names)s)."
        ) % {"day": table_date(worst_school[0]), "count": len(worst_school[1]) + 1,
             "names": ", ".join(sorted_lt(str(t) for t in worst_school[1]))}))
    if worst_subject[0] and len(worst_subject[1]) + 1 >= AWAY_PER_SUBJECT_WARNING:
        warnings.append(str(_(
            "On %(day)s %(count)s teachers of the same subject would be away (also: %(names)s)."
        ) % {"day": table_date(worst_subject[0]), "count": len(worst_subject[1]) + 1,
             "names": ", ".join(sorted_lt(str(t) for t in worst_subject[1]))}))
    return warnings


def approve(*, leave_request, by, funding_source=None, note="", override_reason="",
            warnings_seen=False) -> LeaveRequest:
    """The director approves: the seat is confirmed (or the approval kept on the waiting list), the
    cost committed from the source. Warnings (plan, money, staff away) must be confirmed first; a
    shortfall in the source needs the director's written override reason."""
    from events.models import Registration

    if not permissions.can_decide_leave(by, leave_request):
        raise NotAllowed()
    if not _decidable(leave_request):
        raise TransitionNotAllowed(_("The request cannot be approved now: the lesson cover is not agreed yet.")
                                   if leave_request.status == S.SUBMITTED else None)
    source = funding_source or leave_request.funding_source
    if leave_request.cost > 0:
        if source is None:
            raise FundingSourceRequired()
        if source.owner_id != leave_request.school_id:
            raise LeaveError(_("The funding source must be one of the school's."))
    registration = leave_request.registration
    if registration is not None and registration.status == Registration.Status.CANCELLED:
        raise LeaveError(_("The registration for this event was cancelled; the request can only be rejected."))
    warnings = approval_warnings(leave_request, source)
    if warnings and not warnings_seen:
        raise WarningsNotConfirmed(warnings)
    try:
        return _approve(leave_request, by, source, registration, note, override_reason)
    except Exception:
        # The transaction rolled back; the object in hand must not keep the half-made change.
        leave_request.refresh_from_db()
        raise


def _approve(leave_request, by, source, registration, note, override_reason):
    from funding import services as funding

    with transaction.atomic():
        _lock(leave_request)
        if not _decidable(leave_request):
            raise TransitionNotAllowed()
        step = _move(leave_request, "approve", by, note.strip())
        if leave_request.cost > 0:
            funding.commit(
                source=source, amount=leave_request.cost, by=by, leave_request=leave_request,
                registration=registration, teacher=leave_request.teacher,
                description=str(_("Leave request: %(title)s") % {"title": leave_request.event_title})[:300],
                override_reason=override_reason,
            )
            leave_request.funding_source = source
        if registration is not None:
            from events.services.registration import approve_registration

            approve_registration(registration=registration)
        leave_request.decided_by = by
        leave_request.decided_at = timezone.now()
        leave_request.decision_note = note.strip()
        leave_request.save()
        _notify_teacher(leave_request, "leave_decided", step)
    return leave_request


def _release(leave_request, reason):
    from funding.services import release_for

    release_for(leave_request=leave_request)
    if leave_request.registration_id:
        from events.services.registration import release_seat

        release_seat(registration=leave_request.registration, reason=reason)


def on_registration_cancelled(*, registration, by, reason) -> LeaveRequest | None:
    """A catalogue place given up (by the teacher, by the centre, or with the event cancelled) ends its
    leave request: an open or approved request is closed as withdrawn, the step recorded with who and
    why, and its committed money released. Called by the registration services."""
    from funding.services import release_for

    leave_request = LeaveRequest.objects.select_for_update().filter(registration=registration).first()
    if leave_request is None:
        return None
    if leave_request.status in (*LeaveRequest.OPEN, S.APPROVED):
        _close_as_withdrawn(leave_request, by, reason)
    release_for(leave_request=leave_request)
    return leave_request


def _close_as_withdrawn(leave_request, actor, comment):
    """Withdraw on the system's side (the place is gone), outside the teacher's own transitions; the
    step is recorded like any other."""
    LeaveStep.objects.create(leave_request=leave_request, actor=actor, from_status=leave_request.status,
                             to_status=S.WITHDRAWN, comment=comment)
    leave_request.status = S.WITHDRAWN
    leave_request.save(update_fields=["status", "updated_at"])


def reject(*, leave_request, by, reason) -> LeaveRequest:
    """The director rejects with a written reason (or revokes an approval before the event starts);
    the seat is released, the waiting list moves, committed money is released."""
    if not permissions.can_decide_leave(by, leave_request):
        raise NotAllowed()
    if not reason.strip():
        raise ReasonRequired(_("Write the reason for the rejection."))
    if leave_request.status == S.APPROVED and _started(leave_request):
        raise TransitionNotAllowed(_("An approval cannot be revoked once the event has started."))
    with transaction.atomic():
        _lock(leave_request)
        step = _move(leave_request, "reject", by, reason.strip())
        leave_request.decided_by = by
        leave_request.decided_at = timezone.now()
        leave_request.decision_note = reason.strip()
        leave_request.save()
        _release(leave_request, str(_("Leave request rejected: %(reason)s") % {"reason": reason.strip()}))
        _notify_teacher(leave_request, "leave_decided", step)
    return leave_request


def withdraw(*, leave_request, by, comment="") -> LeaveRequest:
    """The teacher withdraws until the request is decided; the seat is released."""
    if not permissions.can_edit_leave_request(by, leave_request):
        raise NotAllowed()
    with transaction.atomic():
        _lock(leave_request)
        _move(leave_request, "withdraw", by, comment.strip())
        leave_request.save()
        _release(leave_request, str(_("Leave request withdrawn")))
    return leave_request


# --- The school's rules: priorities, planned days, recommendations, reports back -----------------------

def _require_head(by, school):
    if not permissions.can_manage_school(by, school):
        raise NotAllowed(_("Only the school's director or deputy may do this."))


def save_priority(*, school, year, title, by, description="", order=0, events=(), priority=None) -> SchoolPriority:
    """The director or deputy keeps the school's priorities for the year and ties events to them."""
    _require_head(by, school)
    if not title.strip():
        raise LeaveError(_("Give the priority's title."))
    with transaction.atomic():
        priority = priority or SchoolPriority(school=school)
        if priority.school_id != school.pk:
            raise NotAllowed()
        priority.year = year
        priority.title = title.strip()
        priority.description = description
        priority.order = order
        priority.save()
        priority.events.set(events)
    return priority


def delete_priority(*, priority, by):
    _require_head(by, priority.school)
    priority.delete()


def set_planned_days(*, school, year, planned_days, by, note="") -> SchoolQualificationPlan:
    _require_head(by, school)
    if Decimal(planned_days) < 0:
        raise LeaveError(_("The planned days cannot be negative."))
    plan, _created = SchoolQualificationPlan.objects.update_or_create(
        school=school, year=year, defaults={"planned_days": planned_days, "note": note, "updated_by": by}
    )
    return plan


def recommend(*, event, school, teachers, by, note="") -> Recommendation:
    """A director or deputy recommends an event to one or several of the school's teachers; each is told."""
    _require_head(by, school)
    teachers = list(teachers)
    if not teachers:
        raise LeaveError(_("Choose at least one teacher."))
    allowed = set(selectors.school_teachers(school).values_list("pk", flat=True))
    if any(t.pk not in allowed for t in teachers):
        raise NotAllowed(_("You can recommend only to your school's teachers."))
    with transaction.atomic():
        recommendation = Recommendation.objects.create(event=event, school=school, recommended_by=by, note=note)
        recommendation.teachers.set(teachers)
        for teacher in teachers:
            notify(kind="recommendation", recipient=teacher, key=f"recommendation:{recommendation.pk}:{teacher.pk}",
                   context={"recommendation": recommendation, "event": event, "by": by},
                   link=event.get_absolute_url())
    return recommendation


def check_material(upload):
    """Materials are checked by content and size, never by the name the browser sends."""
    import filetype

    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise ReportError(_("The file is larger than %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)})
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in MATERIAL_TYPES:
        raise ReportError(_("Upload a PDF, an image (JPEG, PNG) or an office document."))
    return kind.mime


def record_report_back(*, teacher, reported_on, methodical_group, summary, registration=None,
                       leave_request=None, materials=None) -> ReportBack:
    """After an attended event (or an approved outside one that is over) the teacher records the report
    to the methodical group, once."""
    from events.models import Registration

    if (registration is None) == (leave_request is None):
        raise ReportError(_("A report belongs to one event."))
    if registration is not None:
        if registration.teacher_id != teacher.pk:
            raise NotAllowed()
        if registration.status != Registration.Status.ATTENDED:
            raise ReportError(_("Report back after you have attended the event."))
        if ReportBack.objects.filter(registration=registration).exists():
            raise ReportError(_("The report for this event is already recorded."))
    else:
        if leave_request.teacher_id != teacher.pk:
            raise NotAllowed()
        if leave_request.status != S.APPROVED or leave_request.registration_id:
            raise ReportError(_("Report back on an approved outside event."))
        if ReportBack.objects.filter(leave_request=leave_request).exists():
            raise ReportError(_("The report for this event is already recorded."))
    if not methodical_group.strip() or not summary.strip():
        raise ReportError(_("Give the methodical group and a short summary."))
    if materials:
        check_material(materials)
    return ReportBack.objects.create(
        teacher=teacher, registration=registration, leave_request=leave_request, reported_on=reported_on,
        methodical_group=methodical_group.strip(), summary=summary.strip(), materials=materials or "",
    )


def remind_waiting_decisions(*, today=None) -> int:
    """Remind directors of requests waiting for their decision for three days or more; once a week per
    request (the notice key holds the ISO week), so a retried task sends nothing twice."""
    today = today or timezone.localdate()
    week = today.isocalendar()
    cutoff = timezone.now() - dt.timedelta(days=3)
    sent = 0
    waiting = LeaveRequest.objects.filter(
        status__in=(S.COVER_AGREED, S.SUBMITTED), submitted_at__lte=cutoff
    ).select_related("teacher", "school", "registration__event")
    for leave_request in waiting:
        if not _decidable(leave_request):
            continue
        for director in selectors.school_heads(leave_request.school, Role.DIRECTOR):
            if notify(kind="leave_decision_needed", recipient=director,
                      key=f"leave_decision_reminder:{leave_request.pk}:{director.pk}:{week[0]}-{week[1]}",
                      context={"leave_request": leave_request}, link=leave_request_url(leave_request)):
                sent += 1
    return sent


SEAT_HOLD_DAYS = 3


def expire_unrequested_seats(*, today=None, hold_days=SEAT_HOLD_DAYS) -> int:
    """A seat held for the director's approval is not kept forever: when the teacher has not submitted
    the leave request within `hold_days` of registering (or by the registration deadline), the seat is
    released to the waiting list and the teacher told. Returns how many were released."""
    from events.models import Registration
    from events.services.registration import release_seat

    today = today or timezone.localdate()
    cutoff = timezone.now() - dt.timedelta(days=hold_days)
    held = (
        Registration.objects.filter(status=Registration.Status.PENDING, needs_approval=True, approved=False)
        .filter(Q(created_at__lt=cutoff) | Q(event__registration_deadline__lt=today))
        .filter(Q(leave_request__isnull=True) | Q(leave_request__status=S.DRAFT))
        .select_related("event", "teacher")
    )
    released = 0
    for registration in held:
        with transaction.atomic():
            draft = LeaveRequest.objects.filter(registration=registration).first()
            if draft is not None:
                _close_as_withdrawn(draft, registration.teacher,
                                    str(_("Not submitted in time; the seat was released.")))
            release_seat(registration=registration, reason=str(_("The leave request was not submitted in time.")))
            notify(kind="seat_hold_expired", recipient=registration.teacher,
                   key=f"seat_hold_expired:{registration.pk}:{registration.created_at.isoformat()}",
                   context={"registration": registration, "event": registration.event, "hold_days": hold_days},
                   link=registration.event.get_absolute_url())
        released += 1
    return released
