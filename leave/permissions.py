"""Who may see, edit, agree the cover of and decide a leave request, and see a report back.

A director's own request is decided by the municipality administrator (the school's founder); nobody
decides their own. Lists use `leave_requests_visible_to`, so a list never shows what a detail refuses.
"""

from django.db.models import Exists, OuterRef, Q

from people import roles
from people.models import Membership, Role

from .models import LeaveRequest


def is_directors_request(leave_request):
    """The request's teacher is a director of the request's school: the school's founder (the
    municipality administrator) decides it, never the director."""
    return Membership.objects.active().filter(
        user_id=leave_request.teacher_id, organisation_id=leave_request.school_id, role=Role.DIRECTOR
    ).exists()


def directors_requests_q():
    """A queryset condition on leave requests: the teacher is a director of the request's school."""
    return Q(Exists(Membership.objects.filter(
        user_id=OuterRef("teacher_id"), organisation_id=OuterRef("school_id"), role=Role.DIRECTOR,
        is_active=True)))


def can_view_leave_request(user, leave_request):
    if not getattr(user, "is_authenticated", False):
        return False
    if leave_request.teacher_id == user.pk or leave_request.school_id in roles.headed_school_ids(user):
        return True
    return roles.is_administrator(user) and is_directors_request(leave_request)


def can_agree_cover(user, leave_request):
    """The deputy (or the director, who may act for the deputy) of the request's school."""
    return leave_request.school_id in roles.headed_school_ids(user)


def can_decide_leave(user, leave_request):
    """Nobody decides their own request. A director's request is decided by the municipality
    administrator (the school's founder); everybody else's by a director of the request's school."""
    if not getattr(user, "is_authenticated", False) or leave_request.teacher_id == user.pk:
        return False
    if is_directors_request(leave_request):
        return roles.is_administrator(user)
    return leave_request.school_id in roles.headed_school_ids(user, roles=(Role.DIRECTOR,))


def can_edit_leave_request(user, leave_request):
    return leave_request.teacher_id == user.pk


def leave_requests_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return LeaveRequest.objects.none()
    visible = Q(teacher=user) | Q(school_id__in=roles.headed_school_ids(user))
    if roles.is_administrator(user):
        visible |= directors_requests_q()
    return LeaveRequest.objects.filter(visible)


def can_view_report_back(user, report):
    """The teacher's own report, and the deputy and director of one of the teacher's schools."""
    return roles.is_self_or_head_of(user, report.teacher)
