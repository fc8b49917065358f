"""The director's decision on a leave request, the leave side of it: warnings before approving, the
checks and recorded steps (in the request's history) of approval, rejection or revocation, the teacher's withdrawal, and the
system's closing of a request whose place is gone. The seat and the money that go with a decision
are moved by the workflows (`workflows.leave_requests`, `workflows.places`), in the same transaction."""
import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Registration
from funding.services import available
from kvalifikacija import audit
from lithuanian.collation import sorted_lt
from lithuanian.formats import money, number, table_date
from people.models import Subject
from people.qualification import days_from_hours

from .. import permissions, selectors
from ..models import LeaveRequest
from .errors import (
    FundingSourceRequired,
    LeaveError,
    NotAllowed,
    ReasonRequired,
    TransitionNotAllowed,
    WarningsNotConfirmed,
)
from .requests import _decidable, _lock, _move, _notify_teacher, _saved_step, _started

S = LeaveRequest.Status

# Teachers away on one day (including the one asking) from which the director is warned.
AWAY_PER_SCHOOL_WARNING = getattr(settings, "LEAVE_AWAY_PER_SCHOOL_WARNING", 3)
AWAY_PER_SUBJECT_WARNING = getattr(settings, "LEAVE_AWAY_PER_SUBJECT_WARNING", 2)


def approval_warnings(leave_request, funding_source=None) -> list[str]:
    """What the director should know before approving: beyond the school's planned days, beyond the
    money in the source, too many of the school's (or one subject's) teachers away the same day.
    The five-day right is a minimum, never a reason to refuse, so it never appears here."""
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


def check_approval(*, leave_request, by, funding_source=None, warnings_seen=False):
    """Whether the director may approve now: their decision to make, the lesson cover agreed, a
    school's funding source for a cost, a place not cancelled, and the warnings (plan, money, staff
    away) confirmed. Returns the funding source the cost is paid from."""
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
        raise WarningsNotConfirmed(warnings=warnings)
    return source


def record_approval(*, leave_request, by, source, note=""):
    """The approval step, under the request's lock: still decidable, who decided, when, with what note;
    a cost keeps its funding source. Returns the step's history record."""
    _lock(leave_request)
    if not _decidable(leave_request):
        raise TransitionNotAllowed()
    _move(leave_request, "approve", by, note.strip())
    if leave_request.cost > 0:
        leave_request.funding_source = source
    return _decided(leave_request, by, note)


def check_rejection(*, leave_request, by, reason) -> None:
    """The director rejects with a written reason, or revokes an approval before the event starts."""
    if not permissions.can_decide_leave(by, leave_request):
        raise NotAllowed()
    if not reason.strip():
        raise ReasonRequired(_("Write the reason for the rejection."), field="note")
    if leave_request.status == S.APPROVED and _started(leave_request):
        raise TransitionNotAllowed(_("An approval cannot be revoked once the event has started."))


def record_rejection(*, leave_request, by, reason):
    """The rejection step, under the request's lock, with the reason as the decision note (and as the
    reason of the history record). Returns the step's history record."""
    _lock(leave_request)
    _move(leave_request, "reject", by, reason.strip())
    return _decided(leave_request, by, reason)


def record_withdrawal(*, leave_request, by, comment=""):
    """The teacher withdraws until the request is decided. Returns the step's history record."""
    if not permissions.can_edit_leave_request(by, leave_request):
        raise NotAllowed()
    _lock(leave_request)
    _move(leave_request, "withdraw", by, comment.strip())
    return _saved_step(leave_request)


def _decided(leave_request, by, note):
    leave_request.decided_by = by
    leave_request.decided_at = timezone.now()
    leave_request.decision_note = note.strip()
    return _saved_step(leave_request)


def notify_decision(leave_request, step) -> None:
    """The teacher is told the director's decision."""
    _notify_teacher(leave_request, "leave_decided", step)


def close_for_ended_place(*, registration, by, reason) -> LeaveRequest | None:
    """A catalogue place ended (given up by the teacher or the centre, the event cancelled or over, a
    seat hold expired) ends its leave request: an open or approved request is closed as withdrawn, the
    step recorded with who (`by`; None: the request's user, or the system) and why. Returns the request, if there is one, for its money to be released."""
    leave_request = LeaveRequest.objects.select_for_update().filter(registration=registration).first()
    if leave_request is None:
        return None
    if leave_request.status in (*LeaveRequest.OPEN, S.APPROVED):
        _close_as_withdrawn(leave_request, by, reason)
    return leave_request


def _close_as_withdrawn(leave_request, actor, comment):
    """Withdraw on the system's side (the place is gone), outside the teacher's own transitions; the
    step is recorded like any other (`actor` None: the person whose request ended the place, or the
    system when a scheduled job did)."""
    leave_request.status = S.WITHDRAWN
    audit.attribute(leave_request, by=actor, reason=comment)
    leave_request.save(update_fields=["status", "updated_at"])


SEAT_HOLD_DAYS = 3


def expired_seat_holds(*, today=None, hold_days=SEAT_HOLD_DAYS):
    """Seats held for the director's approval whose leave request was not submitted within `hold_days`
    of registering (or by the registration deadline)."""
    today = today or timezone.localdate()
    cutoff = timezone.now() - dt.timedelta(days=hold_days)
    return (
        Registration.objects.filter(status=Registration.Status.PENDING, needs_approval=True, approved=False)
        .filter(Q(created_at__lt=cutoff) | Q(event__registration_deadline__lt=today))
        .filter(Q(leave_request__isnull=True) | Q(leave_request__status=S.DRAFT))
        .select_related("event", "teacher")
    )
