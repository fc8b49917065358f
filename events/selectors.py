"""Read queries used by several views."""

from django.db.models import Count, Q
from django.utils import timezone

from .models import Event, Registration


def with_seats_taken(queryset):
    """Annotate `seats_taken` in the same query (no per-row count)."""
    return queryset.annotate(
        seats_taken=Count("registrations", filter=Q(registrations__status__in=Registration.SEAT_HOLDING))
    )


def annotate_seats_left(events):
    """Set `seats_left` on annotated events (None when unlimited) for templates."""
    for event in events:
        event.seats_left = None if event.is_unlimited else max(event.seats - event.seats_taken, 0)
    return events


def public_events():
    return (
        with_seats_taken(Event.objects.published())
        .select_related("organiser", "provider", "programme")
        .order_by("starts_on", "id")
    )


def upcoming_public_events(limit=6):
    today = timezone.localdate()
    return list(public_events().filter(status=Event.Status.PUBLISHED, starts_on__gte=today)[:limit])
