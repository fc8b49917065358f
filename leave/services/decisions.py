"""The director's decision on a leave request: warnings before approving, approval, rejection or
revocation, the teacher's withdrawal, and the system's closing of a request whose place is gone."""
import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lithuanian.collation import sorted_lt
from lithuanian.formats import money, number, table_date
from notices.services import notify
from people import permissions
from people.models import Role, Subject
from people.qualification import days_from_hours

from .. import selectors
from ..models import (
    LeaveRequest,
    LeaveStep,
)
from .errors import (
    FundingSourceRequired,
    LeaveError,
    NotAllowed,
    ReasonRequired,
    TransitionNotAllowed,
    WarningsNotConfirmed,
)
from .requests import _decidable, _lock, _move, _notify_teacher, _started, leave_request_url

S = LeaveRequest.Status

# Teachers away on one day (including the one asking) from which the director is warned.
AWAY_PER_SCHOOL_WARNING = getattr(settings, "LEAVE_AWAY_PER_SCHOOL_WARNING", 3)


AWAY_PER_SUBJECT_WARNING = getattr(settings, "LEAVE_AWAY_PER_SUBJECT_WARNING", 2)


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
    # (day, teachers) for the whole school; (day, subject, teachers) for one subject: a colleague counts
    # for a subject only when they teach *that* subject, so two colleagues of two different subjects are
    # never "teachers of the same subject".
    worst_school, worst_subject = (None, set()), (None, None, set())
    day = leave_request.starts_on
    last = min(leave_request.ends_on, leave_request.starts_on + dt.timedelta(days=60))
    while day <= last:
        away = {o.teacher for o in others if o.starts_on <= day <= o.ends_on}
        if len(away) > len(worst_school[1]):
            worst_school = (day, away)
        for subject_id in sorted(mine):
            same_subject = {t for t in away if subject_id in subjects.get(t.pk, set())}
            if len(same_subject) > len(worst_subject[2]):
                worst_subject = (day, subject_id, same_subject)
        day += dt.timedelta(days=1)
    warnings = []
    if worst_school[0] and len(worst_school[1]) + 1 >= AWAY_PER_SCHOOL_WARNING:
        warnings.append(str(_(
            "On %(day)s %(count)s of the school's teachers would be away from lessons (also: %(names)s)."
        ) % {"day": table_date(worst_school[0]), "count": len(worst_school[1]) + 1,
             "names": ", ".join(sorted_lt(str(t) for t in worst_school[1]))}))
    if worst_subject[0] and len(worst_subject[2]) + 1 >= AWAY_PER_SUBJECT_WARNING:
        warnings.append(str(_(
            "On %(day)s %(count)s teachers of the same subject (%(subject)s) would be away (also: %(names)s)."
        ) % {"day": table_date(worst_subject[0]), "count": len(worst_subject[2]) + 1,
             "subject": Subject.objects.get(pk=worst_subject[1]).name,
             "names": ", ".join(sorted_lt(t.get_full_name() or str(t) for t in worst_subject[2]))}))
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


def _release(leave_request, reason, by=None):
    from funding.services import release_for

    release_for(leave_request=leave_request, by=by)
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
    release_for(leave_request=leave_request, by=by)
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
        raise ReasonRequired(_("Write the reason for the rejection."), field="note")
    if leave_request.status == S.APPROVED and _started(leave_request):
        raise TransitionNotAllowed(_("An approval cannot be revoked once the event has started."))
    with transaction.atomic():
        _lock(leave_request)
        step = _move(leave_request, "reject", by, reason.strip())
        leave_request.decided_by = by
        leave_request.decided_at = timezone.now()
        leave_request.decision_note = reason.strip()
        leave_request.save()
        _release(leave_request, str(_("Leave request rejected: %(reason)s") % {"reason": reason.strip()}), by=by)
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
        _release(leave_request, str(_("Leave request withdrawn")), by=by)
    return leave_request


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
