from django.views.generic import DetailView, ListView

from ..models import Event
from ..selectors import public_events


class CatalogueView(ListView):
    template_name = "events/catalogue.html"
    context_object_name = "events"
    paginate_by = 25

    def get_queryset(self):
        return public_events()


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return public_events().prefetch_related("sessions", "lecturers", "audience_subjects")

    def get_object(self, queryset=None):
        return super().get_object(queryset)


__all__ = ["CatalogueView", "EventDetailView", "Event"]
