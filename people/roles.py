"""Roles: who a person is, and where, from their active memberships.

The shared ground of every app's permissions: centre staff of which centres, director or deputy of
which schools, teacher at which schools, lecturer, administrator. Only membership queries live here;
what a role may do to an object is in the owning app's `permissions.py` (events, leave, funding,
certificates, surveys, loans), built on these answers. Memberships are cached on the user object for
the request (`forget_memberships` after they change).
"""

from django.db import connection

from kvalifikacija.compiled import compiled_once

from .models import Membership, Organisation, Role

SCHOOL_HEADS = (Role.DIRECTOR, Role.DEPUTY)


def _memberships(user):
    """Active (organisation_id, organisation_kind, role) triples, cached on the user object per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_kv_memberships", None)
    if cached is None:
        # Read on every signed-in request: compiled once (see `kvalifikacija.compiled`).
        sql, params = compiled_once("memberships", connection, lambda sentinel: (
            Membership.objects.active().filter(user_id=sentinel, organisation__is_active=True)
            .values_list("organisation_id", "organisation__kind", "role")), user.pk)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cached = tuple(cursor.fetchall())
        user._kv_memberships = cached
    return cached


def forget_memberships(user):
    """Drop the per-request cache after memberships change (used by services and tests)."""
    if hasattr(user, "_kv_memberships"):
        del user._kv_memberships


def org_ids(user, *roles, kind=None):
    return {
        org_id
        for org_id, org_kind, role in _memberships(user)
        if (not roles or role in roles) and (kind is None or org_kind == kind)
    }


def has_role(user, *roles):
    return any(role in roles for _, _, role in _memberships(user))


def is_teacher(user):
    return bool(org_ids(user, Role.TEACHER, kind=Organisation.Kind.SCHOOL))


def is_centre_staff(user):
    return has_role(user, Role.CENTRE_STAFF)


def is_administrator(user):
    return has_role(user, Role.ADMINISTRATOR)


def is_lecturer(user):
    return has_role(user, Role.LECTURER)


def is_school_head(user):
    return has_role(user, *SCHOOL_HEADS)


def is_director(user):
    return has_role(user, Role.DIRECTOR)


def teacher_school_ids(user):
    return org_ids(user, Role.TEACHER, kind=Organisation.Kind.SCHOOL)


def headed_school_ids(user, roles=SCHOOL_HEADS):
    return org_ids(user, *roles, kind=Organisation.Kind.SCHOOL)


def centre_ids(user):
    return org_ids(user, Role.CENTRE_STAFF)


def schools_of_teacher(teacher):
    return set(
        Membership.objects.active()
        .filter(user=teacher, role=Role.TEACHER, organisation__kind=Organisation.Kind.SCHOOL)
        .values_list("organisation_id", flat=True)
    )


def leave_school_ids(user):
    """Schools a person may ask leave from: where they teach, and where they are the director (whose
    request then goes to the municipality)."""
    return teacher_school_ids(user) | headed_school_ids(user, roles=(Role.DIRECTOR,))


def can_ask_leave(user):
    return bool(leave_school_ids(user))


def heads_school_of(user, teacher):
    """The user is the director or deputy of one of the teacher's schools."""
    return bool(headed_school_ids(user) & schools_of_teacher(teacher))


def is_self_or_head_of(user, teacher):
    """The teacher themself, or the director or deputy of one of the teacher's schools: who sees a
    teacher's private records (outside certificates, reports back)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return teacher.pk == user.pk or heads_school_of(user, teacher)
