"""`{% registration_panel %}`: the person's own registration state for the event page panel."""

from django import template
from django.utils import timezone

from lithuanian.collation import lt_order
from people import roles
from people.models import Organisation

from .. import permissions
from ..models import Registration
from ..services import seats

register = template.Library()


def panel_context(*, event, user, request=None):
    """What the registration panel shows to `user` for `event` (shared by the tag and the htmx view)."""
    if hasattr(event, "seats_taken"):  # annotated by the catalogue's selector: no extra query
        seats_left = event.seats_left_given(event.seats_taken)
    else:
        seats_left = seats.seats_left(event)
    mine = None
    position = None
    is_teacher = False
    if getattr(user, "is_authenticated", False):
        is_teacher = permissions.can_register(user)
        mine = (
            Registration.objects.filter(event=event, teacher=user).select_related("school").first()
        )
        position = seats.waiting_position(mine) if mine else None
        if mine is not None:
            mine.event = event  # the panel asks the place what may be done with it: no second query
    active = mine is not None and mine.status != Registration.Status.CANCELLED
    schools = []
    if is_teacher and not active:

        schools = list(Organisation.objects.filter(pk__in=roles.teacher_school_ids(user)).order_by(lt_order("name")))
    return {
        "event": event,
        "user": user,
        "request": request,
        "seats_left": seats_left,
        "registration": mine,
        "active_registration": active,
        "position": position,
        "is_teacher": is_teacher,
        "schools": schools,
        "registration_open": event.registration_open_on(_today()),
        "can_manage": getattr(user, "is_authenticated", False) and permissions.can_view_registrants(user, event),
    }


def _today():
    return timezone.localdate()


@register.inclusion_tag("events/registration/_panel_body.html", takes_context=True)
def registration_panel(context, event=None):
    event = event or context["event"]
    data = panel_context(event=event, user=context.get("user"), request=context.get("request"))
    data["csrf_token"] = context.get("csrf_token")
    return data
