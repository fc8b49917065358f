"""Who sees which notice: a person's inbox holds only the notices addressed to them. (Who may read the
whole log is a question of roles: `people.permissions.can_view_notice_log`.)"""

from .models import NoticeLog


def notices_visible_to(user):
    """A person's inbox: only notices addressed to them."""
    if not getattr(user, "is_authenticated", False):
        return NoticeLog.objects.none()
    return NoticeLog.objects.filter(recipient=user)
