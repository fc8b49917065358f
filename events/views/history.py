"""A registration's history: who took, moved, confirmed or ended the place, when and why."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy as _

from kvalifikacija import audit
from kvalifikacija.views import object_or_404

from .. import permissions
from ..models import Registration

_visible_registration = object_or_404(Registration.objects.select_related("event", "teacher"),
                                      permissions.can_view_registration, hidden=True)


def registration_trail(registration) -> list:
    """The place's audit trail; the teacher, the event and the school never change, so they are left out."""
    return audit.trail(registration.history.all(), hidden=("teacher", "event", "school"))


@login_required
def registration_history(request, pk):
    registration = _visible_registration(request, pk)
    title = f"{registration.teacher.get_full_name()} – {registration.event.title}"
    return audit.history_page(request, title=title, rows=registration_trail(registration),
                              back_url=registration.event.get_absolute_url(), back_label=_("Event"))
