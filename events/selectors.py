"""Read queries used by several views."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from lithuanian.collation import lt_order
from people.models import User

from .models import Event, EventSession, Programme, Registration


def seats_taken_subquery():
    """The seats held on the outer event, as a correlated subquery: PostgreSQL counts them only for the
    rows it returns (a page of 20), where a joined COUNT with GROUP BY aggregates every matching event
    before sorting and cutting the page. Served by the (event, status) index of registrations."""
    held = (
        Registration.objects.filter(event=OuterRef("pk"), status__in=Registration.SEAT_HOLDING)
        .order_by().values("event").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), 0)


def with_seats_taken(queryset):
    """Annotate `seats_taken` in the same query (no per-row count)."""
    return queryset.annotate(seats_taken=seats_taken_subquery())


def annotate_seats_left(events):
    """Set `seats_left` on annotated events (None when unlimited) for templates."""
    for event in events:
        event.seats_left = event.seats_left_given(event.seats_taken)
    return events


def public_events():
    return (
        with_seats_taken(Event.objects.published())
        .select_related("organiser", "provider", "programme", "host_school")
        .order_by("starts_on", "id")
    )


def upcoming_public_events(limit=6):
    today = timezone.localdate()
    return list(public_events().filter(status=Event.Status.PUBLISHED, starts_on__gte=today)[:limit])


def catalogue_events():
    """Public events with what a catalogue card shows, in a constant number of queries."""
    return public_events().prefetch_related("audience_subjects")


def event_detail_queryset():
    """Everything the event page shows. Centre staff also reach drafts and cancelled events through
    `staff_event_detail_queryset`."""
    return _detail(with_seats_taken(Event.objects.exclude(status=Event.Status.DRAFT)))


def staff_event_detail_queryset():
    return _detail(with_seats_taken(Event.objects.all()))


def _detail(queryset):
    return queryset.select_related("organiser", "provider", "programme", "module", "host_school").prefetch_related(
        "sessions", "audience_subjects", "open_to_schools", "exhibits__school",
        Prefetch("lecturers", queryset=User.objects.order_by(lt_order("last_name"))),
    )


def staff_events(organiser_ids):
    return (
        with_seats_taken(Event.objects.filter(organiser_id__in=organiser_ids))
        .select_related("programme", "provider")
        .order_by("-plan_year", "starts_on", "id")
    )


def staff_programmes(organiser_ids):
    return (
        Programme.objects.filter(owner_id__in=organiser_ids)
        .select_related("provider")
        .annotate(event_count=Count("events"))
        .order_by("is_archived", lt_order("title"))
    )


def plan_events(*, organiser, year, month=None):
    """The plan's events: published and completed ones of the plan year, in a fixed order (date, then
    title, then id) so that building the plan twice gives the same document."""
    queryset = (
        Event.objects.published()
        .filter(organiser=organiser, plan_year=year)
        .select_related("provider", "programme", "organiser")
        .prefetch_related(
            Prefetch("sessions", queryset=EventSession.objects.order_by("date", "start_time", "id")),
            "audience_subjects",
            Prefetch("lecturers", queryset=User.objects.order_by(lt_order("last_name"), lt_order("first_name"), "id")),
        )
        .order_by("starts_on", lt_order("title"), "id")
    )
    if month:
        queryset = queryset.filter(starts_on__month=month)
    return queryset


def overlapping_events(*, teacher, starts_on, ends_on, exclude_event_id=None) -> list:
    """The teacher's other catalogue events (a held, confirmed or waiting place) whose dates overlap
    `starts_on`–`ends_on`: the teacher is warned before taking on two events at once."""
    active = (Registration.Status.PENDING, Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
    return list(
        Event.objects.filter(
            registrations__teacher=teacher, registrations__status__in=active,
            status__in=(Event.Status.PUBLISHED, Event.Status.COMPLETED),
            starts_on__lte=ends_on, ends_on__gte=starts_on,
        )
        .exclude(pk=exclude_event_id)
        .distinct().order_by("starts_on", "id")
    )
