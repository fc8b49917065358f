"""The public plan PDF is never stale for long: a change to a published event schedules one rebuild of
that year's PDF (debounced, after the commit) and drops the cached plan page; until the rebuild is done
`/planas/<year>.pdf` serves the last built PDF and the plan page says when it was built."""

import datetime as dt
import io

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from events import fragments
from events.models import Event, YearPlan
from events.services import events as event_services
from events.services import plan as plan_services
from kvalifikacija import queue
from lithuanian.formats import table_datetime
from people.models import Role
from tests.factories import CentreFactory, EventFactory, UserFactory, member

pytestmark = pytest.mark.django_db

DAY = timezone.localdate() + dt.timedelta(days=40)
YEAR = DAY.year


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def published_plan(django_capture_on_commit_callbacks):
    """A centre with two published events and its published plan, built (eager Celery, no broker)."""
    centre = CentreFactory()
    events = [EventFactory(organiser=centre, title=f"Seminaras „Ąžuolas“ Nr. {n}", starts_on=DAY + dt.timedelta(days=n))
              for n in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_services.publish_plan(organiser=centre, year=YEAR, by=UserFactory(), title="Centro planas")
    plan.refresh_from_db()
    assert plan.build_status == YearPlan.BuildStatus.READY and not plan.is_stale
    return centre, events, plan


@pytest.fixture
def builds(monkeypatch):
    """Every plan build put on the queue: (plan id, countdown)."""
    sent = []
    original = queue.publish

    def record(task, *args, countdown=None, **kwargs):
        if task.name.endswith("build_year_plan_pdf"):
            sent.append((args[0], countdown))
            return True
        return original(task, *args, countdown=countdown, **kwargs)

    monkeypatch.setattr(queue, "publish", record)
    return sent


def test_an_edit_schedules_one_rebuild_only_after_the_commit(published_plan, builds, django_capture_on_commit_callbacks):
    centre, events, plan = published_plan
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event_services.cancel_event(event=events[0], by=UserFactory(), reason="Nėra lektoriaus")
        assert builds == []  # nothing is queued inside the transaction
    plan.refresh_from_db()
    assert plan.is_stale and plan.rebuild_pending_since is not None
    for callback in callbacks:
        callback()
    assert builds == [(plan.pk, plan_services.REBUILD_DELAY_SECONDS)]


def test_a_rolled_back_edit_schedules_nothing(published_plan, builds, django_capture_on_commit_callbacks):
    centre, events, plan = published_plan
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            event_services.cancel_event(event=events[0], by=UserFactory(), reason="Nėra lektoriaus")
            raise RuntimeError("the request failed after the change")
    plan.refresh_from_db()
    assert builds == [] and plan.rebuild_pending_since is None and not plan.is_stale


def test_ten_edits_in_a_row_make_one_build(published_plan, builds, django_capture_on_commit_callbacks):
    centre, events, plan = published_plan
    by = UserFactory()
    for n in range(8):  # separate requests, each committed, while the first build waits out its countdown
        with django_capture_on_commit_callbacks(execute=True):
            event_services.create_event(
                organiser=centre, by=by, status=Event.Status.PUBLISHED, title=f"Naujas renginys {n}",
                academic_hours=6, seats=20, plan_year=YEAR,
                sessions=[{"date": DAY, "start_time": dt.time(10), "end_time": dt.time(15)}])
    with django_capture_on_commit_callbacks(execute=True):
        event_services.cancel_event(event=events[0], by=by, reason="Nėra lektoriaus")
        event_services.mark_completed(event=events[1], by=by, today=DAY + dt.timedelta(days=1))
    assert builds == [(plan.pk, plan_services.REBUILD_DELAY_SECONDS)]
    # The build runs: a change after it has started asks for a build of its own.
    plan_services.build_plan_pdf(plan_id=plan.pk)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.create_event(
            organiser=centre, by=by, status=Event.Status.PUBLISHED, title="Dar vienas renginys",
            academic_hours=6, seats=20, plan_year=YEAR,
            sessions=[{"date": DAY, "start_time": dt.time(10), "end_time": dt.time(15)}])
    assert len(builds) == 2


def test_a_lost_rebuild_is_asked_for_again(published_plan, builds):
    centre, events, plan = published_plan
    long_ago = timezone.now() - plan_services.REBUILD_LOST_AFTER - dt.timedelta(minutes=1)
    YearPlan.objects.filter(pk=plan.pk).update(rebuild_pending_since=long_ago)
    assert plan_services.schedule_rebuild(organiser_id=centre.pk, year=YEAR)
    YearPlan.objects.filter(pk=plan.pk).update(rebuild_pending_since=timezone.now())
    assert not plan_services.schedule_rebuild(organiser_id=centre.pk, year=YEAR)


def test_the_same_change_drops_the_cached_plan_page(published_plan, django_capture_on_commit_callbacks):
    centre, events, plan = published_plan
    with django_capture_on_commit_callbacks(execute=True):
        fragments._bump_plan_version()
    before = fragments.plan_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan_services.plan_changed(organiser_id=centre.pk, year=YEAR)
    assert any(getattr(c, "__name__", "") == "_bump_plan_version" for c in callbacks)
    for callback in callbacks:
        callback()
    assert fragments.plan_version() != before


def test_with_no_broker_the_edit_rebuilds_the_pdf_at_once(published_plan, django_capture_on_commit_callbacks):
    centre, events, plan = published_plan
    with django_capture_on_commit_callbacks(execute=True):
        event_services.cancel_event(event=events[0], by=UserFactory(), reason="Nėra lektoriaus")
    plan.refresh_from_db()
    assert not plan.is_stale and plan.rebuild_pending_since is None and plan_services.is_fresh(plan)
    assert "Nr. 0" not in pdf_text(plan.pdf.read())


def test_until_rebuilt_the_pdf_is_the_last_built_and_says_when(client, published_plan, builds,
                                                               django_capture_on_commit_callbacks):
    centre, events, plan = published_plan
    built = table_datetime(plan.built_at)
    page = client.get(f"/planas/{YEAR}/").content.decode()
    assert f"PDF parengtas {built}" in page and "atnaujinamas" not in page
    with django_capture_on_commit_callbacks(execute=True):  # the build waits in the queue (not run here)
        event_services.cancel_event(event=events[0], by=UserFactory(), reason="Nėra lektoriaus")
    page = client.get(f"/planas/{YEAR}/").content.decode()
    assert f"PDF parengtas {built}; atnaujinamas" in page
    response = client.get(f"/planas/{YEAR}.pdf")
    assert response.status_code == 200 and response["X-Plan-Status"] == "updating"
    assert response["Last-Modified"]
    assert "Nr. 0" in pdf_text(b"".join(response.streaming_content))  # the last built PDF, served at once


def test_the_staff_page_says_the_rebuild_is_automatic(client, published_plan, builds,
                                                      django_capture_on_commit_callbacks):
    centre, events, plan = published_plan
    with django_capture_on_commit_callbacks(execute=True):
        event_services.cancel_event(event=events[0], by=UserFactory(), reason="Nėra lektoriaus")
    client.force_login(member(Role.CENTRE_STAFF, centre))
    html = client.get(reverse("events:plan_status"), {"year": YEAR}).content.decode()
    assert "atnaujintas automatiškai" in html
