"""Attendance marking per session, for the organiser's centre staff and the event's lecturers."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija.params import id_list
from kvalifikacija.views import attempt, object_or_404
from lithuanian.collation import lt_order

from .. import permissions
from ..models import AttendanceMark, Event, Registration
from ..services import attendance as attendance_service

MARKABLE = [Registration.Status.CONFIRMED, Registration.Status.ATTENDED, Registration.Status.NO_SHOW]


_attendance_event = object_or_404(Event.objects.select_related("organiser"), permissions.can_take_attendance)


@login_required
def attendance(request, pk, session_pk=None):
    event = _attendance_event(request, pk)
    sessions = list(event.sessions.all())
    if session_pk is not None:
        session = next((s for s in sessions if s.pk == session_pk), None)
        if session is None:
            return redirect("events:attendance", pk=event.pk)
    else:
        today = timezone.localdate()
        # The session of today, else the last one already held, else the first.
        held = [s for s in sessions if s.date <= today]
        session = held[-1] if held else (sessions[0] if sessions else None)
    if request.method == "POST" and session is not None:
        present_ids = id_list(request.POST.getlist("present"))
        attempt(request, lambda: attendance_service.mark_attendance(session=session, present_ids=present_ids,
                                                                    by=request.user),
                _("Attendance for %(date)s is saved.") % {"date": session.date.isoformat()})
        return redirect("events:attendance_session", pk=event.pk, session_pk=session.pk)
    rows = list(
        Registration.objects.filter(event=event, status__in=MARKABLE)
        .select_related("teacher", "school")
        .order_by(lt_order("teacher__last_name"), lt_order("teacher__first_name"), "id")
    )
    marks = {}
    if session is not None:
        marks = dict(AttendanceMark.objects.filter(session=session).values_list("registration_id", "present"))
    for row in rows:
        row.mark = marks.get(row.pk)
    return render(request, "events/registration/attendance.html", {
        "event": event, "sessions": sessions, "session": session, "rows": rows,
        "marked": bool(marks), "editable": event.status in (Event.Status.PUBLISHED, Event.Status.COMPLETED),
    })
