"""The public catalogue, the event page and the calendar feeds."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.generic import DetailView, ListView

from kvalifikacija.viewer_cache import cached_fragment

from .. import permissions
from ..feeds import event_calendar, events_calendar
from ..filters import EventFilter
from ..fragments import attach_cards, filter_form_html
from ..models import Event, Registration
from ..selectors import (
    annotate_seats_left,
    catalogue_events,
    event_detail_queryset,
    public_events,
    staff_event_detail_queryset,
)

LINK_STATUSES = (Registration.Status.PENDING, Registration.Status.CONFIRMED, Registration.Status.ATTENDED)


class CatalogueView(ListView):
    template_name = "events/catalogue.html"
    context_object_name = "events"
    paginate_by = 20

    def get_queryset(self):
        self.filterset = EventFilter(self.request.GET or None, queryset=catalogue_events())
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        """A bookmarked page number past the end (the list got shorter) shows the last page, not 404."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get(self, request, *args, **kwargs):
        """The results and the filter form depend on the filters only, not on who looks: each is a cached
        fragment (kvalifikacija.viewer_cache: keyed on the versions of the tables it read, so a new
        registration or a changed event shows at once), rendered here only when it is not cached."""
        self.object_list, self.results_context = None, {}
        params = request.GET.copy()
        params.pop("page", None)
        query_string = params.urlencode()
        results = cached_fragment("events:catalogue-results", sorted(request.GET.lists()),
                                  lambda: self.render_results(query_string))
        form_html = filter_form_html(EventFilter.base_filters, params, lambda: render_to_string(
            "events/_filter_form.html", {"form": self.filterset_for_form().form}))
        context = self.results_context | {
            "results_html": results, "filter_form_html": form_html, "query_string": query_string,
            "filtered": bool(params), "current_year": timezone.localdate().year, "view": self}
        return self.render_to_response(context)

    def filterset_for_form(self):
        if not hasattr(self, "filterset"):
            self.filterset = EventFilter(self.request.GET or None, queryset=catalogue_events())
        return self.filterset

    def render_results(self, query_string):
        self.object_list = self.get_queryset()
        context = super().get_context_data()
        attach_cards(annotate_seats_left(context["events"]))
        context["query_string"] = query_string
        self.results_context = context
        return render_to_string("events/_catalogue_results.html", context)


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_object(self, queryset=None):
        user = self.request.user
        event = get_object_or_404(staff_event_detail_queryset(), pk=self.kwargs["pk"])
        self.can_manage = permissions.can_manage_event(user, event)
        if event.status == Event.Status.DRAFT and not self.can_manage:
            raise Http404
        annotate_seats_left([event])
        return event

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, user = self.object, self.request.user
        holds_seat = user.is_authenticated and Registration.objects.filter(
            event=event, teacher=user, status__in=LINK_STATUSES
        ).exists()
        lecturers = list(event.lecturers.all())
        context.update(
            can_manage=self.can_manage,
            show_online_link=bool(event.online_link) and (holds_seat or self.can_manage
                                                          or any(u.pk == user.pk for u in lecturers)),
            lecturers=lecturers,
            sessions=list(event.sessions.all()),
        )
        return context


def catalogue_ics(request):
    """The catalogue as a calendar; the same query parameters filter it."""
    filterset = EventFilter(request.GET or None, queryset=public_events().prefetch_related("sessions"))
    response = HttpResponse(events_calendar(filterset.qs), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="renginiai.ics"'
    return response


def event_ics(request, pk):
    event = get_object_or_404(event_detail_queryset(), pk=pk)
    response = HttpResponse(event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="renginys-{event.pk}.ics"'
    return response
