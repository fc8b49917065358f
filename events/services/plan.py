"""The centre's yearly event plan: publishing it and building its PDF in the background.

The PDF's content is a function of the plan's events alone (fixed order, no timestamps in the text), so
building it twice gives the same document; `content_hash` is taken over the same data."""

import datetime as dt
import hashlib
import json

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from kvalifikacija.queue import publish_on_commit
from lithuanian.documents import printed_title
from people.models import Organisation

from ..fragments import invalidate_plan
from ..models import Event, YearPlan
from ..pdf import render_plan_pdf
from ..selectors import plan_events

SYNC_BUILD_LIMIT = 120  # a plan this small is built in the web request when no PDF was ever built
REBUILD_DELAY_SECONDS = 30  # the changes made within this time after the first one are built together
REBUILD_LOST_AFTER = dt.timedelta(minutes=15)  # a rebuild pending longer was lost (no broker): ask again


class PlanError(DomainError):
    default_message = _("The plan cannot be published.")


class NothingToPublish(PlanError):
    default_message = _("The plan has no published events for this year.")


def event_entry(event) -> dict:
    """What the plan says about one event, as plain data (the PDF and the hash both use it)."""
    lecturers = [u.get_full_name() or u.email for u in event.lecturers.all()]
    if event.lecturer_names:
        lecturers.append(event.lecturer_names)
    return {
        "id": event.pk,
        "title": printed_title(event.title),
        "form_code": event.form,
        "mode_code": event.delivery_mode,
        "form": str(event.get_form_display()),
        "delivery_mode": str(event.get_delivery_mode_display()),
        "starts_on": event.starts_on.isoformat() if event.starts_on else "",
        "ends_on": event.ends_on.isoformat() if event.ends_on else "",
        "sessions": [
            [s.date.isoformat(), s.start_time.strftime("%H:%M"), s.end_time.strftime("%H:%M"), s.place]
            for s in event.sessions.all()
        ],
        "place": event.place,
        "academic_hours": event.academic_hours,
        "seats": event.seats,
        "fee": f"{event.fee:.2f}",
        "registration_deadline": event.registration_deadline.isoformat() if event.registration_deadline else "",
        "audience": ", ".join([s.name for s in event.audience_subjects.all()] + (
            [event.audience_note] if event.audience_note else [])),
        "lecturers": ", ".join(lecturers),
        "provider": str(event.provider or event.organiser),
        "registry_code": event.programme.registry_code if event.programme_id else "",
        "outside_working_hours": event.outside_working_hours,
        "status": event.status,
    }


def plan_entries(*, organiser, year, month=None) -> list[dict]:
    return [event_entry(e) for e in plan_events(organiser=organiser, year=year, month=month)]


LABEL_KEYS = {"form", "delivery_mode"}  # translated labels: the codes beside them go into the hash instead


def content_hash(entries, *, title="", introduction="", approval="") -> str:
    """The same for the same plan data, whatever the language of the request that asks."""
    events = [{k: v for k, v in entry.items() if k not in LABEL_KEYS} for entry in entries]
    payload = json.dumps({"title": title, "introduction": introduction, "events": events, "approval": approval},
                         sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def approval_key(plan) -> str:
    """The approval order as it enters the PDF's content hash (a new order number rebuilds the PDF)."""
    day = plan.approval_order_date.isoformat() if plan.approval_order_date else ""
    return f"{plan.approval_order_number}|{day}"


def plan_digest(plan, entries) -> str:
    return content_hash(entries, title=plan.title, introduction=plan.introduction, approval=approval_key(plan))


def plan_centre(year=None):
    """The centre whose plan the public addresses show: the one with a published plan for the year,
    else the first centre (a district has one)."""
    if year:
        plan = YearPlan.objects.filter(year=year, is_published=True).select_related("organiser").order_by("pk").first()
        if plan:
            return plan.organiser
    return Organisation.objects.filter(kind=Organisation.Kind.CENTRE, is_active=True).order_by("pk").first()


def get_plan(*, organiser, year) -> YearPlan:
    plan, _created = YearPlan.objects.get_or_create(organiser=organiser, year=year)
    return plan


def _enqueue_build(plan_id, countdown=None):
    from ..tasks import build_year_plan_pdf  # noqa: PLC0415 - task: the tasks module imports this service

    publish_on_commit(build_year_plan_pdf, plan_id, countdown=countdown)


def mark_plan_stale(*, organiser_id, year) -> int:
    """A yearly plan whose PDF is built goes out of date when one of its public events changes."""
    return (
        YearPlan.objects.filter(organiser_id=organiser_id, year=year, is_stale=False)
        .exclude(built_at__isnull=True)
        .update(is_stale=True)
    )


def schedule_rebuild(*, organiser_id, year, now=None) -> bool:
    """Ask for one rebuild of the year's published plan PDF, `REBUILD_DELAY_SECONDS` after the commit.
    Debounced: the first change marks the plan "rebuild pending" and queues the build; the changes after
    it, until the build starts, find the mark and queue nothing (ten edits in a row, one build). A mark
    older than `REBUILD_LOST_AFTER` is taken as lost and the build is asked for again. Rolled back with
    the change that asked. True when this call queued the build."""
    now = now or timezone.now()
    plan_id = (YearPlan.objects.filter(organiser_id=organiser_id, year=year, is_published=True)
               .values_list("pk", flat=True).first())
    if plan_id is None:
        return False  # an unpublished plan's PDF is built when it is published
    claimed = YearPlan.objects.filter(pk=plan_id).filter(
        Q(rebuild_pending_since__isnull=True) | Q(rebuild_pending_since__lt=now - REBUILD_LOST_AFTER),
    ).update(rebuild_pending_since=now)
    if claimed:
        _enqueue_build(plan_id, countdown=REBUILD_DELAY_SECONDS)
    return bool(claimed)


def plan_changed(*, organiser_id, year) -> None:
    """Something the year's public plan shows has changed (an event created, edited, published,
    cancelled or completed, its sessions): the built PDF is out of date, one rebuild is scheduled after
    the commit (debounced), and the cached plan page is dropped after the commit."""
    mark_plan_stale(organiser_id=organiser_id, year=year)
    schedule_rebuild(organiser_id=organiser_id, year=year)
    invalidate_plan()


def publish_plan(*, organiser, year, by, title=None, introduction=None, approval_order_number=None,
                 approval_order_date=None) -> YearPlan:
    """Publish the year's plan and queue its PDF build (after the commit). A plan needs at least one
    published event; publishing again rebuilds the PDF. The number and date of the director's order
    approving the plan, when given, are printed in the PDF's approval block."""
    if not Event.objects.published().filter(organiser=organiser, plan_year=year).exists():
        raise NothingToPublish()
    with transaction.atomic():
        plan = get_plan(organiser=organiser, year=year)
        plan = lock_row(plan)
        if title is not None:
            plan.title = title
        if introduction is not None:
            plan.introduction = introduction
        if approval_order_number is not None:
            plan.approval_order_number = approval_order_number.strip()
        if approval_order_date is not None or approval_order_number is not None:
            plan.approval_order_date = approval_order_date
        if not plan.is_published:
            plan.is_published = True
            plan.published_at = timezone.now()
        plan.build_status = YearPlan.BuildStatus.QUEUED
        plan.build_progress = 0
        plan.build_error = ""
        plan.save()
        _enqueue_build(plan.pk)
    return plan


def unpublish_plan(*, plan, by) -> YearPlan:
    plan.is_published = False
    plan.save(update_fields=["is_published"])
    return plan


def is_fresh(plan, entries=None) -> bool:
    """The built PDF matches the events as they are now."""
    if plan.build_status != YearPlan.BuildStatus.READY or not plan.pdf or plan.is_stale:
        return False
    if not plan.pdf.storage.exists(plan.pdf.name):  # the file was lost (a restored backup, a new disk)
        return False
    if entries is None:
        entries = plan_entries(organiser=plan.organiser, year=plan.year)
    return plan.content_hash == plan_digest(plan, entries)


def _progress(plan_id, percent, status=None):
    fields = {"build_progress": percent}
    if status:
        fields["build_status"] = status
    YearPlan.objects.filter(pk=plan_id).update(**fields)


def build_plan_pdf(*, plan_id, force=False) -> YearPlan:
    """Build the plan's PDF into `YearPlan.pdf`. Running it again when nothing changed does nothing
    (the task is safe to retry); the progress is written as it goes, for the staff page to poll."""
    # From here on a new change asks for a build of its own (the one pending is now being done).
    YearPlan.objects.filter(pk=plan_id).exclude(rebuild_pending_since=None).update(rebuild_pending_since=None)
    plan = YearPlan.objects.select_related("organiser").get(pk=plan_id)
    entries = plan_entries(organiser=plan.organiser, year=plan.year)
    digest = plan_digest(plan, entries)
    if not force and plan.build_status == YearPlan.BuildStatus.READY and plan.content_hash == digest and plan.pdf \
            and not plan.is_stale:
        return plan
    _progress(plan.pk, 10, YearPlan.BuildStatus.BUILDING)
    try:
        data = render_plan_pdf(organiser=plan.organiser, year=plan.year, plan=plan,
                               progress=lambda percent: _progress(plan.pk, percent))
    except Exception as exc:
        YearPlan.objects.filter(pk=plan.pk).update(build_status=YearPlan.BuildStatus.FAILED, build_error=str(exc)[:2000])
        raise
    old_name = plan.pdf.name if plan.pdf else ""
    plan.pdf.save(f"renginiu-planas-{plan.organiser_id}-{plan.year}.pdf", ContentFile(data), save=False)
    if old_name and old_name != plan.pdf.name:
        plan.pdf.storage.delete(old_name)
    # The plan may have gone out of date again while it was being built.
    now_digest = plan_digest(plan, plan_entries(organiser=plan.organiser, year=plan.year))
    YearPlan.objects.filter(pk=plan.pk).update(
        pdf=plan.pdf.name, build_status=YearPlan.BuildStatus.READY, build_progress=100, build_error="",
        built_at=timezone.now(), content_hash=digest, is_stale=now_digest != digest,
    )
    plan.refresh_from_db()
    return plan
