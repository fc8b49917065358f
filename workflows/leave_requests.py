"""The director's decision on a leave request and the teacher's withdrawal, with the seat and the
money that go with them, each in one transaction.

Approval confirms the held seat (or keeps the approval for when a waiting person is promoted) and
commits the cost from the funding source; rejection, revocation and withdrawal release the money and
the seat, and the waiting list moves. The leave rules and steps are `leave.services.decisions`.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events.services import registration as places
from funding import services as funding
from leave import services as leave


def approve_request(*, leave_request, by, funding_source=None, note="", override_reason="",
                    warnings_seen=False):
    """The director approves: the seat is confirmed (or the approval kept on the waiting list), the
    cost committed from the source. Warnings (plan, money, staff away) must be confirmed first; a
    shortfall in the source needs the director's written override reason."""
    source = leave.check_approval(leave_request=leave_request, by=by, funding_source=funding_source,
                                  warnings_seen=warnings_seen)
    registration = leave_request.registration
    try:
        with transaction.atomic():
            step = leave.record_approval(leave_request=leave_request, by=by, source=source, note=note)
            if leave_request.cost > 0:
                funding.commit(
                    source=source, amount=leave_request.cost, by=by, leave_request=leave_request,
                    registration=registration, teacher=leave_request.teacher,
                    description=str(_("Leave request: %(title)s") % {"title": leave_request.event_title})[:300],
                    override_reason=override_reason,
                )
            if registration is not None:
                places.approve_registration(registration=registration)
            leave.notify_decision(leave_request, step)
    except Exception:
        # The transaction rolled back; the object in hand must not keep the half-made change.
        leave_request.refresh_from_db()
        raise
    return leave_request


def reject_request(*, leave_request, by, reason):
    """The director rejects with a written reason (or revokes an approval before the event starts);
    the seat is released, the waiting list moves, committed money is released."""
    leave.check_rejection(leave_request=leave_request, by=by, reason=reason)
    with transaction.atomic():
        step = leave.record_rejection(leave_request=leave_request, by=by, reason=reason)
        _release(leave_request, str(_("Leave request rejected: %(reason)s") % {"reason": reason.strip()}))
        leave.notify_decision(leave_request, step)
    return leave_request


def withdraw_request(*, leave_request, by, comment=""):
    """The teacher withdraws until the request is decided; the seat and the money are released."""
    with transaction.atomic():
        leave.record_withdrawal(leave_request=leave_request, by=by, comment=comment)
        _release(leave_request, str(_("Leave request withdrawn")))
    return leave_request


def _release(leave_request, reason):
    """A request closed by its own decision lets go of its money and its seat (the system ends it)."""
    funding.release_for(leave_request=leave_request, reason=reason)
    if leave_request.registration_id:
        places.end_place(registration=leave_request.registration, by=None, reason=reason)
