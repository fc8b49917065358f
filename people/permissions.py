"""Who may see or do what among people and organisations: teacher records, school management, the
admin link and the notice log. Built on `people.roles`; each app above keeps its own rules in its
`permissions.py`.
"""

from django.db.models import Q

from notices.models import NoticeLog
from people import roles

from .models import Role, User


def can_use_admin(user):
    """The Django admin is for superusers (and anyone given model permissions there); everybody else
    works in the portal's own pages, so the link is not shown to them."""
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_staff):
        return False
    return user.is_superuser or bool(user.get_all_permissions())


def can_view_teacher_record(user, teacher):
    """A teacher sees own record; the deputy and director of one of the teacher's schools see it;
    administrators see the district."""
    if not getattr(user, "is_authenticated", False):
        return False
    return roles.is_administrator(user) or roles.is_self_or_head_of(user, teacher)


def teachers_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return User.objects.none()
    if roles.is_administrator(user):
        return User.objects.filter(memberships__role=Role.TEACHER, memberships__is_active=True).distinct()
    schools = roles.headed_school_ids(user)
    return User.objects.filter(
        Q(pk=user.pk)
        | Q(memberships__organisation_id__in=schools, memberships__role=Role.TEACHER, memberships__is_active=True)
    ).distinct()


def can_manage_school(user, school):
    """Priorities, recommendations and school reports: the school's director or deputy."""
    return school.pk in roles.headed_school_ids(user)


def can_view_notice_log(user):
    """The notice log and its dead letter: centre staff and administrators."""
    return roles.is_centre_staff(user) or roles.is_administrator(user)


def notice_log_visible_to(user):
    """The notice log's rows: administrators see every notice; centre staff see their centres' notices
    and those about no centre's work (sign-in, invitations), never another centre's."""
    if roles.is_administrator(user):
        return NoticeLog.objects.all()
    if roles.is_centre_staff(user):
        return NoticeLog.objects.filter(Q(centre__isnull=True) | Q(centre_id__in=roles.centre_ids(user)))
    return NoticeLog.objects.none()
