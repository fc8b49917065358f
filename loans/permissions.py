"""Who may keep the equipment catalogue, borrow, decide loans, and upload, review and see methodical
material."""

from django.apps import apps
from django.db.models import Q

from people import roles


def can_manage_loans(user):
    """Centre staff keep the equipment catalogue and decide loans."""
    return roles.is_centre_staff(user)


def can_view_equipment(user):
    return roles.is_centre_staff(user) or roles.is_school_head(user)


def can_request_loan(user, school):
    """The director or deputy of a school borrows for it."""
    return school.pk in roles.headed_school_ids(user)


def can_view_loan(user, loan):
    return loan.equipment.owner_id in roles.centre_ids(user) or loan.school_id in roles.headed_school_ids(user)


def can_decide_loan(user, loan):
    return loan.equipment.owner_id in roles.centre_ids(user)


def can_withdraw_loan(user, loan):
    """The school's director or deputy withdraw its request (while the centre has not decided it)."""
    return loan.school_id in roles.headed_school_ids(user)


def loans_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return apps.get_model("loans", "Loan").objects.none()
    return apps.get_model("loans", "Loan").objects.filter(Q(equipment__owner_id__in=roles.centre_ids(user)) | Q(school_id__in=roles.headed_school_ids(user)))


def can_upload_material(user):
    """Teachers (and school heads, who also prepare material) upload methodical material."""
    return roles.is_teacher(user) or roles.is_school_head(user)


def can_edit_material(user, material):
    return material.author_id == user.pk and material.is_editable


def can_review_materials(user):
    """Centre staff have a review queue (of their own centre's material)."""
    return roles.is_centre_staff(user)


def can_review_material(user, material):
    """The staff of the centre the material was sent to review it (material from before centres were
    told apart, with no centre, any centre's staff)."""
    if not roles.is_centre_staff(user):
        return False
    return material.centre_id is None or material.centre_id in roles.centre_ids(user)


def materials_reviewable_by(user):
    """The material a person may review: their centres' (and material with no centre)."""
    if not roles.is_centre_staff(user):
        return apps.get_model("loans", "MethodicalMaterial").objects.none()
    return apps.get_model("loans", "MethodicalMaterial").objects.filter(
        Q(centre__isnull=True) | Q(centre_id__in=roles.centre_ids(user)))


def can_view_material(user, material):
    """Published material is public; before that only its author and the staff of its centre see it."""
    if material.status == "published":
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return material.author_id == user.pk or can_review_material(user, material)
