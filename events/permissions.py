"""Who may manage an event, take its attendance, see its registrants, register and cancel.

Object predicates (`can_*`) for views and services, querysets (`*_by`) for lists, over `people.roles`.
"""

from django.apps import apps

from people import roles


def can_manage_events(user):
    return roles.is_centre_staff(user)


def can_manage_event(user, event):
    """Centre staff of the organising centre manage an event (edit, publish, registrants, certificates)."""
    return event.organiser_id in roles.centre_ids(user)


def can_undo_import_run(user, run):
    """Centre staff of the importing centre undo its plan import runs."""
    return run.organiser_id in roles.centre_ids(user)


def can_take_attendance(user, event):
    if can_manage_event(user, event):
        return True
    return roles.is_lecturer(user) and event.lecturers.filter(pk=user.pk).exists()


def can_view_registrants(user, event):
    return can_take_attendance(user, event)


def events_managed_by(user):
    return apps.get_model("events", "Event").objects.filter(organiser_id__in=roles.centre_ids(user))


def events_lectured_by(user):
    return apps.get_model("events", "Event").objects.filter(lecturers=user)


def can_register(user):
    return roles.is_teacher(user)


def can_cancel_registration(user, registration):
    return registration.teacher_id == user.pk or can_manage_event(user, registration.event)


def can_view_registration(user, registration):
    """The teacher's own place, the organising centre's staff, and the heads of the school it is for
    (they decide the leave that goes with it)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (registration.teacher_id == user.pk or can_manage_event(user, registration.event)
            or (registration.school_id is not None and registration.school_id in roles.headed_school_ids(user)))
