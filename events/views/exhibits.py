"""Exhibitions (function 17): centre staff add the exhibits of an exhibition event; their photos are
shown on the event page once it is public (media is private, so photos go through this view)."""

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from .. import permissions
from ..forms import ExhibitForm
from ..models import Event, Exhibit
from ..services import events as event_services
from .staff import StaffMixin


class ExhibitsView(StaffMixin, View):
    template_name = "events/staff/exhibits.html"

    def render_page(self, event, form, status=200):
        return render(self.request, self.template_name,
                      {"event": event, "form": form, "exhibits": event.exhibits.select_related("school")},
                      status=status)

    def get(self, request, pk):
        event = self.get_event(pk)
        return self.render_page(event, ExhibitForm())

    def post(self, request, pk):
        event = self.get_event(pk)
        form = ExhibitForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(event, form, status=400)
        event_services.add_exhibit(event=event, form=form)
        messages.success(request, _("The exhibit is added."))
        return redirect("events:exhibits", pk=event.pk)


class ExhibitDeleteView(StaffMixin, View):
    def post(self, request, pk, exhibit_pk):
        event = self.get_event(pk)
        exhibit = get_object_or_404(Exhibit, pk=exhibit_pk, event=event)
        event_services.remove_exhibit(exhibit=exhibit)
        messages.success(request, _("The exhibit is removed."))
        return redirect("events:exhibits", pk=event.pk)


def exhibit_photo(request, pk):
    """An exhibit's photo, for anyone once its event is public; drafts only for the organising centre."""
    exhibit = get_object_or_404(Exhibit.objects.select_related("event"), pk=pk)
    if not exhibit.photo:
        raise Http404
    if exhibit.event.status == Event.Status.DRAFT and not permissions.can_manage_event(request.user, exhibit.event):
        raise Http404
    content_type = mimetypes.guess_type(exhibit.photo.name)[0] or "application/octet-stream"
    try:
        handle = exhibit.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


