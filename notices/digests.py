"""Digests to school heads (the centre's functions 9 and 10): next month's plan, newly published events,
completed programmes with the school's own participants.

Each head (director and deputy) of each school gets one e-mail per digest, listing only what concerns
that school; an empty digest is not sent. The notice key names the digest's period, the school and the
head, so running a digest twice sends nothing the second time.
"""

import calendar
import datetime as dt
import logging
from collections import defaultdict

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Event, Registration
from lithuanian.collation import lt_order
from people.models import Membership, Organisation, Role

from .models import DigestCursor, NoticeLog
from .services import notify

logger = logging.getLogger(__name__)

HEAD_ROLES = (Role.DIRECTOR, Role.DEPUTY)
FIRST_NEW_EVENTS_WINDOW = dt.timedelta(days=7)


def school_heads():
    """{school: [head, ...]} for every active school, each head once per school."""
    memberships = (
        Membership.objects.active()
        .filter(role__in=HEAD_ROLES, organisation__kind=Organisation.Kind.SCHOOL, organisation__is_active=True,
                user__is_active=True)
        .select_related("organisation", "user")
        .order_by(lt_order("organisation__name"), "role", "user_id")
    )
    heads = defaultdict(list)
    for membership in memberships:
        if membership.user not in heads[membership.organisation]:
            heads[membership.organisation].append(membership.user)
    return heads


def concerns_school(event, school) -> bool:
    """An event concerns a school when it has no school-level restriction or the school's level is named."""
    return not event.audience_levels or school.school_level in event.audience_levels


def _month_bounds(year, month):
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _next_month(day):
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


def _previous_month(day):
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def _send_to_heads(*, kind, key_prefix, events_for_school, context, link, attachments_for_school=None):
    """One notice per head per school whose list is not empty. Returns how many notices were created."""
    created = 0
    heads_by_school = school_heads()
    keys = {f"{key_prefix}:{school.pk}:{head.pk}" for school, heads in heads_by_school.items() for head in heads}
    done = set(NoticeLog.objects.filter(key__in=keys).values_list("key", flat=True))
    for school, heads in heads_by_school.items():
        heads = [head for head in heads if f"{key_prefix}:{school.pk}:{head.pk}" not in done]
        if not heads:
            continue  # this digest already reached them (a second run): no work, no attachment
        items = events_for_school(school)
        if not items:
            continue
        attachments = attachments_for_school(school, items) if attachments_for_school else []
        for head in heads:
            notice = notify(
                kind=kind, recipient=head, key=f"{key_prefix}:{school.pk}:{head.pk}",
                context={**context, "school": school, "items": items}, link=link, attachments=attachments,
            )
            created += notice is not None
    return created


# --- Next month's plan ------------------------------------------------------------------------------

def plan_pdf_attachment(*, organiser, year, month):
    """Render the month's plan PDF for `organiser` once and keep it in storage for the delivery task.
    Returns the attachment description, or None when the PDF cannot be made (the digest goes without)."""
    try:
        from events.pdf import render_plan_pdf
    except ImportError:
        logger.warning("events.pdf.render_plan_pdf is not available; the plan digest goes without the PDF")
        return None
    try:
        content = render_plan_pdf(organiser=organiser, year=year, month=month)
    except Exception:
        logger.exception("The plan PDF for %s %s-%02d could not be made", organiser, year, month)
        return None
    path = f"notices/attachments/plan-{organiser.pk}-{year}-{month:02d}.pdf"
    if default_storage.exists(path):
        default_storage.delete(path)
    path = default_storage.save(path, ContentFile(content))
    return {"path": path, "name": f"renginiu-planas-{year}-{month:02d}.pdf", "mimetype": "application/pdf"}


def monthly_plan_events(*, year, month):
    first, last = _month_bounds(year, month)
    return list(
        Event.objects.filter(status=Event.Status.PUBLISHED, starts_on__range=(first, last))
        .select_related("organiser", "programme")
        .order_by("starts_on", "id")
    )


def send_monthly_plan_digest(*, today=None) -> int:
    """Around the 20th: next month's published events to each school head, with the month's plan PDF."""
    today = today or timezone.localdate()
    year, month = _next_month(today)
    events = monthly_plan_events(year=year, month=month)
    if not events:
        return 0
    pdfs = {}

    def pdfs_for(school, items):
        attachments = []
        for organiser in {event.organiser for event in items}:
            if organiser.pk not in pdfs:
                pdfs[organiser.pk] = plan_pdf_attachment(organiser=organiser, year=year, month=month)
            if pdfs[organiser.pk]:
                attachments.append(pdfs[organiser.pk])
        return attachments

    with transaction.atomic():
        return _send_to_heads(
            kind="digest_monthly_plan", key_prefix=f"digest_monthly_plan:{year}-{month:02d}",
            events_for_school=lambda school: [event for event in events if concerns_school(event, school)],
            context={"month_start": dt.date(year, month, 1)},
            link="/renginiai/",
            attachments_for_school=pdfs_for,
        )


# --- Newly published events -------------------------------------------------------------------------

def send_new_events_digest(*, now=None) -> int:
    """Events published since the previous digest of this kind, to each school head whom they concern.

    The digest's cursor row is locked for the run, so two runs never overlap and each event is listed once.
    """
    now = now or timezone.now()
    with transaction.atomic():
        DigestCursor.objects.get_or_create(
            kind="digest_new_events", defaults={"covered_until": now - FIRST_NEW_EVENTS_WINDOW}
        )
        cursor = DigestCursor.objects.select_for_update().get(kind="digest_new_events")
        since = cursor.covered_until
        if since >= now:
            return 0
        events = list(
            Event.objects.filter(status=Event.Status.PUBLISHED, published_at__gt=since, published_at__lte=now)
            .select_related("organiser")
            .order_by("starts_on", "id")
        )
        created = 0
        if events:
            created = _send_to_heads(
                kind="digest_new_events", key_prefix=f"digest_new_events:{since.isoformat()}",
                events_for_school=lambda school: [event for event in events if concerns_school(event, school)],
                context={"since": since},
                link="/renginiai/",
            )
        cursor.covered_until = now
        cursor.last_run_at = timezone.now()
        cursor.last_notices = created
        cursor.save(update_fields=["covered_until", "last_run_at", "last_notices"])
    return created


# --- Completed programmes ---------------------------------------------------------------------------

def completed_events(*, year, month):
    """Completed events *held* in the month, by their last day, whenever staff marked them completed
    (an event held on the 30th and marked completed on the 1st belongs to the month it was held)."""
    first, last = _month_bounds(year, month)
    attended = Registration.objects.filter(status=Registration.Status.ATTENDED).select_related("teacher", "school")
    return list(
        Event.objects.filter(status=Event.Status.COMPLETED)
        .annotate(last_day=Coalesce("ends_on", "starts_on"))
        .filter(last_day__range=(first, last))
        .select_related("organiser", "programme")
        .prefetch_related(Prefetch("registrations", queryset=attended, to_attr="attended"))
        .order_by("starts_on", "id")
    )


def _teacher_schools(teacher_ids):
    schools = defaultdict(set)
    for user_id, school_id in Membership.objects.active().filter(
        user_id__in=teacher_ids, role=Role.TEACHER, organisation__kind=Organisation.Kind.SCHOOL
    ).values_list("user_id", "organisation_id"):
        schools[user_id].add(school_id)
    return schools


def send_completed_programmes_digest(*, today=None) -> int:
    """Monthly: last month's completed events with the school's own participants and their hours."""
    today = today or timezone.localdate()
    year, month = _previous_month(today)
    events = completed_events(year=year, month=month)
    teacher_ids = {r.teacher_id for event in events for r in event.attended if r.school_id is None}
    memberships = _teacher_schools(teacher_ids)

    def rows_for(school):
        rows = []
        for event in events:
            participants = [
                r.teacher for r in event.attended
                if r.school_id == school.pk or (r.school_id is None and school.pk in memberships[r.teacher_id])
            ]
            if participants:
                rows.append({
                    "event": event, "participants": participants, "hours": event.academic_hours,
                    "total_hours": event.academic_hours * len(participants),
                })
        return rows

    with transaction.atomic():
        return _send_to_heads(
            kind="digest_completed_programmes", key_prefix=f"digest_completed_programmes:{year}-{month:02d}",
            events_for_school=rows_for,
            context={"month_start": dt.date(year, month, 1)},
            link="/",
        )
