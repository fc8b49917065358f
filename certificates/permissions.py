"""Who may see a certificate, issue certificates for an event, and see or recognise an outside
certificate (private to the teacher and the heads of the teacher's school).
"""

from django.apps import apps
from django.db.models import Q

from events import permissions as event_permissions
from people import permissions as people_permissions
from people import roles
from people.models import Role


def can_view_certificate(user, certificate):
    if not getattr(user, "is_authenticated", False):
        return False
    if certificate.holder_id == user.pk or certificate.issuer_id in roles.centre_ids(user):
        return True
    return people_permissions.can_view_teacher_record(user, certificate.holder)


def can_issue_certificates(user, event):
    return event_permissions.can_manage_event(user, event)


def can_view_outside_certificate(user, outside_certificate):
    """Private to the teacher and the deputy and director of the teacher's school."""
    return roles.is_self_or_head_of(user, outside_certificate.teacher)


def can_recognise_outside_certificate(user, outside_certificate):
    return outside_certificate.teacher_id != user.pk and roles.heads_school_of(user, outside_certificate.teacher)


def can_withdraw_outside_certificate(user, outside_certificate):
    """Only the teacher who uploaded it (while it waits for a decision)."""
    return outside_certificate.teacher_id == user.pk


def outside_certificates_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return apps.get_model("certificates", "OutsideCertificate").objects.none()
    schools = roles.headed_school_ids(user)
    return apps.get_model("certificates", "OutsideCertificate").objects.filter(
        Q(teacher=user)
        | Q(
            teacher__memberships__organisation_id__in=schools,
            teacher__memberships__role=Role.TEACHER,
            teacher__memberships__is_active=True,
        )
    ).distinct()
