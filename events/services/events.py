"""Events: validation, saving with sessions, copying, and the status changes draft → published →
completed / cancelled. Every change of a published event marks a built yearly plan out of date."""

import datetime as dt

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from kvalifikacija.text import required_text

from ..models import Event, EventSession, Programme
from .plan import plan_changed


class EventError(DomainError):
    default_message = _("This change to the event is not allowed.")


class EventInvalid(EventError):
    """Carries `errors`: {field name: [messages]}; field None means the event as a whole."""

    default_message = _("The event has errors.")

    def __init__(self, errors, message=None):
        self.errors = errors
        if len(errors) == 1:
            self.field = next(iter(errors))
        super().__init__(message)


class NotAllowedInStatus(EventError):
    pass


# Messages shared by forms, the import and the services, so each rule reads the same everywhere.
MSG_END_AFTER_START = _("The end time must be after the start time.")
MSG_DEADLINE_BEFORE_FIRST = _("The registration deadline must be before the first session.")
MSG_HOURS_POSITIVE = _("Academic hours must be more than 0.")
MSG_SEATS_NOT_NEGATIVE = _("Seats cannot be negative (0 means no limit).")
MSG_FEE_NOT_NEGATIVE = _("The fee cannot be negative.")
MSG_NEEDS_SESSION = _("An event needs at least one session.")
MSG_MODULE_OF_PROGRAMME = _("Choose a module of the event's programme.")
MSG_CONFIRM_PAST = _("The first session is in the past. Tick the box to confirm that you are entering an event "
                     "that has already started.")


def check_not_past(*, first_date, confirm_past) -> None:
    """A new event (created, copied or imported) whose first session is before today is entered only with
    an explicit confirmation; without it, EventInvalid on the `confirm_past` field."""
    if first_date is not None and first_date < timezone.localdate() and not confirm_past:
        raise EventInvalid({"confirm_past": [MSG_CONFIRM_PAST]}, MSG_CONFIRM_PAST)


def validate_event(*, academic_hours, seats, fee=0, registration_deadline=None, sessions=None, programme=None,
                   module=None):
    """The event rules: hours > 0, seats ≥ 0, fee ≥ 0, a module only of the event's own programme, at
    least one session, each session ending after it starts, and the registration deadline before the
    first session. Returns {field: [messages]};
    `sessions=None` checks the event's own fields only, a value of None skips that field's rule."""
    errors = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if academic_hours is not None and academic_hours <= 0:
        add("academic_hours", MSG_HOURS_POSITIVE)
    if seats is not None and seats < 0:
        add("seats", MSG_SEATS_NOT_NEGATIVE)
    if fee is not None and fee < 0:
        add("fee", MSG_FEE_NOT_NEGATIVE)
    if module is not None and (programme is None or module.programme_id != programme.pk):
        add("module", MSG_MODULE_OF_PROGRAMME)
    if sessions is None:
        return errors
    sessions = list(sessions)
    if not sessions:
        add("sessions", MSG_NEEDS_SESSION)
    for session in sessions:
        start, end = session.get("start_time"), session.get("end_time")
        if start and end and end <= start:
            add("sessions", MSG_END_AFTER_START)
            break
    dates = [s["date"] for s in sessions if s.get("date")]
    if registration_deadline and dates and registration_deadline >= min(dates):
        add("registration_deadline", MSG_DEADLINE_BEFORE_FIRST)
    return errors


def sync_dates(event) -> Event:
    """Keep `starts_on`/`ends_on` equal to the first and last session dates (the catalogue sorts on them)."""
    dates = list(EventSession.objects.filter(event=event).values_list("date", flat=True))
    starts_on, ends_on = (min(dates), max(dates)) if dates else (None, None)
    if (event.starts_on, event.ends_on) != (starts_on, ends_on):
        event.starts_on, event.ends_on = starts_on, ends_on
        Event.objects.filter(pk=event.pk).update(starts_on=starts_on, ends_on=ends_on)
    return event


def _touch_plan(event, *, was_public=False, previous_year=None):
    if was_public or event.status in (Event.Status.PUBLISHED, Event.Status.COMPLETED):
        plan_changed(organiser_id=event.organiser_id, year=event.plan_year)
        if previous_year and previous_year != event.plan_year:
            plan_changed(organiser_id=event.organiser_id, year=previous_year)


def save_event(*, form, sessions_formset, by, confirm_past=False) -> Event:
    """Save an event form and its sessions formset together (both already valid): all or nothing.
    Dates follow the sessions; a published event's plan goes out of date. A new event whose first
    session is in the past needs `confirm_past=True`."""
    previous_year = form.initial.get("plan_year") if form.instance.pk else None
    was_public = bool(form.instance.pk) and form.instance.status in (Event.Status.PUBLISHED, Event.Status.COMPLETED)
    if not form.instance.pk:
        dates = [s["date"] for s in sessions_formset.live_sessions()]
        check_not_past(first_date=min(dates) if dates else None, confirm_past=confirm_past)
    with transaction.atomic():
        event = form.save(commit=False)
        if not event.pk:
            event.created_by = by
        if not event.may_be_edited:
            raise NotAllowedInStatus(_("A cancelled event cannot be edited."))
        event.save()
        form.save_m2m()
        sessions_formset.instance = event
        sessions_formset.save()
        sync_dates(event)
        if not EventSession.objects.filter(event=event).exists():
            raise EventInvalid({"sessions": [MSG_NEEDS_SESSION]}, MSG_NEEDS_SESSION)
        _touch_plan(event, was_public=was_public, previous_year=previous_year)
    return event


def create_event(*, organiser, sessions, by=None, subjects=(), lecturers=(), status=Event.Status.DRAFT,
                 confirm_past=False, **fields) -> Event:
    """Create an event with its sessions (dicts of date, start_time, end_time, place) after checking
    every rule; raises EventInvalid with all problems at once. A first session in the past needs
    `confirm_past=True`."""
    errors = validate_event(
        academic_hours=fields.get("academic_hours"), seats=fields.get("seats"), fee=fields.get("fee", 0),
        registration_deadline=fields.get("registration_deadline"), sessions=sessions,
        programme=fields.get("programme"), module=fields.get("module"),
    )
    if errors:
        raise EventInvalid(errors)
    check_not_past(first_date=min(s["date"] for s in sessions), confirm_past=confirm_past)
    with transaction.atomic():
        event = Event(organiser=organiser, created_by=by, status=status, **fields)
        if not event.plan_year:
            event.plan_year = min(s["date"] for s in sessions).year
        if status == Event.Status.PUBLISHED:
            event.published_at = timezone.now()
        event.save()
        EventSession.objects.bulk_create([
            EventSession(event=event, date=s["date"], start_time=s["start_time"], end_time=s["end_time"],
                         place=s.get("place", "")) for s in sessions
        ])
        if subjects:
            event.audience_subjects.set(subjects)
        if lecturers:
            event.lecturers.set(lecturers)
        sync_dates(event)
        _touch_plan(event)
    return event


def event_initial_from_programme(programme: Programme, module=None) -> dict:
    """A new event made from a programme starts with its title, hours, provider, audience and lecturers;
    made for one module of it, with the module's hours and the module named in the title."""
    return {
        "programme": programme.pk,
        "module": module.pk if module else None,
        "title": f"{programme.title}: {module.title}" if module else programme.title,
        "description": programme.description,
        "competences": programme.competences,
        "academic_hours": module.academic_hours if module else programme.academic_hours,
        "provider": programme.provider_id,
        "audience_note": programme.target_audience[:300],
        "lecturers": list(programme.lecturers.values_list("pk", flat=True)),
        "lecturer_names": programme.lecturer_names,
    }


def copy_event(*, event, first_date: dt.date, by, confirm_past=False) -> Event:
    """Copy an event to new dates as a draft: sessions keep their spacing and times, the registration
    deadline keeps its distance from the first session, audience and lecturers are copied. A first
    date in the past needs `confirm_past=True`."""
    sessions = list(event.sessions.all())
    if not sessions:
        raise EventInvalid({"sessions": [MSG_NEEDS_SESSION]}, MSG_NEEDS_SESSION)
    check_not_past(first_date=first_date, confirm_past=confirm_past)
    shift = first_date - min(s.date for s in sessions)
    with transaction.atomic():
        subjects = list(event.audience_subjects.all())
        lecturers = list(event.lecturers.all())
        copy = Event.objects.get(pk=event.pk)
        copy.pk = None
        copy.status = Event.Status.DRAFT
        copy.cancel_reason = ""
        copy.published_at = copy.completed_at = copy.cancelled_at = None
        copy.created_by = by
        copy.plan_year = first_date.year
        if copy.registration_deadline:
            copy.registration_deadline += shift
        copy.save()
        EventSession.objects.bulk_create([
            EventSession(event=copy, date=s.date + shift, start_time=s.start_time, end_time=s.end_time, place=s.place)
            for s in sessions
        ])
        copy.audience_subjects.set(subjects)
        copy.lecturers.set(lecturers)
        sync_dates(copy)
    return copy


def publish_event(*, event, by) -> Event:
    """A draft with at least one session becomes public in the catalogue and the plan."""
    with transaction.atomic():
        event = lock_row(event, still="may_be_published",
                         refusal=NotAllowedInStatus(_("Only a draft can be published.")))
        if not event.sessions.exists():
            raise EventInvalid({"sessions": [MSG_NEEDS_SESSION]}, MSG_NEEDS_SESSION)
        event.status = Event.Status.PUBLISHED
        event.published_at = timezone.now()
        event.save(update_fields=["status", "published_at", "updated_at"])
        _touch_plan(event)
    return event


def cancel_event(*, event, by, reason) -> Event:
    """Cancel a draft or published event with a reason. Only the event's own change: its places are
    ended by the cancellation workflow (`workflows.event_cancellation`), in the same transaction."""
    reason = required_text(reason, EventInvalid({"reason": [_("Give a reason for cancelling.")]},
                                                _("Give a reason for cancelling.")))
    with transaction.atomic():
        event = lock_row(event, still="may_be_cancelled",
                         refusal=NotAllowedInStatus(_("Only a draft or published event can be cancelled.")))
        was_public = event.status == Event.Status.PUBLISHED
        event.status = Event.Status.CANCELLED
        event.cancel_reason = reason
        event.cancelled_at = timezone.now()
        event.save(update_fields=["status", "cancel_reason", "cancelled_at", "updated_at"])
        _touch_plan(event, was_public=was_public)
    return event


def mark_completed(*, event, by, today=None) -> Event:
    """A published event that has started can be marked completed (only the event's own change: the
    completion workflow, `workflows.event_completion`, settles its places in the same transaction)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        event = lock_row(event, still="may_be_completed",
                         refusal=NotAllowedInStatus(_("Only a published event can be marked completed.")))
        if event.starts_on and event.starts_on > today:
            raise NotAllowedInStatus(_("An event can be marked completed only after it has started."))
        event.status = Event.Status.COMPLETED
        event.completed_at = timezone.now()
        event.save(update_fields=["status", "completed_at", "updated_at"])
        _touch_plan(event)
    return event


def delete_draft(*, event, by) -> None:
    """Only a draft that nobody has registered for can be deleted (a wrong import, a test); anything
    published is cancelled instead, so registrations and the plan keep their history."""
    with transaction.atomic():
        event = lock_row(event, still="may_be_deleted",
                         refusal=NotAllowedInStatus(_("Only a draft can be deleted; cancel a published event instead.")))
        if event.registrations.exists():
            raise NotAllowedInStatus(_("People have registered for this draft, so it cannot be deleted."))
        try:
            with transaction.atomic():
                event.delete()
        except ProtectedError:
            raise NotAllowedInStatus(_("Money or certificates are tied to this draft, so it cannot be deleted."))


def save_programme(*, form, modules_formset) -> Programme:
    """Save a programme form and its modules formset together (both already valid): all or nothing."""
    with transaction.atomic():
        programme = form.save()
        modules_formset.instance = programme
        modules_formset.save()
    return programme


def add_exhibit(*, form, event):
    """Add an exhibit (its form already valid, the photo checked by content) to an exhibition event."""
    exhibit = form.save(commit=False)
    exhibit.event = event
    exhibit.save()
    return exhibit


def remove_exhibit(*, exhibit) -> None:
    """Remove an exhibit and its photo file."""
    photo = exhibit.photo
    with transaction.atomic():
        exhibit.delete()
    if photo:
        transaction.on_commit(lambda: photo.storage.delete(photo.name))


def archive_programme(*, programme, by, archived=True) -> Programme:
    """An archived programme stays on its past events but is no longer offered for new ones."""
    programme.is_archived = archived
    programme.save(update_fields=["is_archived", "updated_at"])
    return programme
