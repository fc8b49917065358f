import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from events.models import Event, YearPlan
from events.pdf import render_plan_pdf
from events.services import plan as plan_services
from events.services.events import cancel_event
from people.models import Role
from tests.factories import CentreFactory, EventFactory, UserFactory, member, teacher

pytestmark = pytest.mark.django_db

YEAR = 2031
TITLES = [
    "Šiuolaikinė pamoka: ką žinome apie mokymąsi",
    "Įtraukusis ugdymas – ąžuolo šaknys",
    "Žaliųjų erdvių edukacinė išvyka į Anykščių šilelį",
    "Ūkinės veiklos ir čiuožyklų saugumas: praktiniai užsiėmimai",
]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what the code scheduled for after the commit (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def plan_events(centre):
    events = []
    for month, title in enumerate(TITLES, start=1):
        events.append(EventFactory(organiser=centre, title=title, starts_on=dt.date(YEAR, month * 2, 10),
                                   fee=Decimal("12.50") if month == 2 else Decimal("0"), plan_year=YEAR))
    EventFactory(organiser=centre, title="Juodraštis nerodomas", status=Event.Status.DRAFT,
                 starts_on=dt.date(YEAR, 5, 5), plan_year=YEAR)
    return events


def test_plan_pdf_holds_every_event_title_with_lithuanian_letters():
    centre = CentreFactory(name="Pavyzdžio rajono švietimo centras")
    plan_events(centre)
    data = render_plan_pdf(organiser=centre, year=YEAR)
    text = pdf_text(data)
    assert data.startswith(b"%PDF")
    for title in TITLES:
        assert title in text
    assert "Juodraštis nerodomas" not in text
    assert "Pavyzdžio rajono švietimo centras" in text
    assert "Vasaris" in text and ("Turinys" in text or "Contents" in text)  # month headings and the contents


def test_month_plan_has_only_that_months_events():
    centre = CentreFactory()
    plan_events(centre)
    text = pdf_text(render_plan_pdf(organiser=centre, year=YEAR, month=4))
    assert TITLES[1] in text and TITLES[0] not in text


def test_publishing_builds_the_pdf_in_the_background_and_records_it(commit):
    centre = CentreFactory()
    plan_events(centre)
    staff = member(Role.CENTRE_STAFF, centre)
    with pytest.raises(plan_services.NothingToPublish):
        plan_services.publish_plan(organiser=centre, year=YEAR + 1, by=staff)
    with commit():
        plan = plan_services.publish_plan(organiser=centre, year=YEAR, by=staff, title="Renginių planas 2031")
    plan.refresh_from_db()  # Celery is eager in tests; the task ran after the commit
    assert plan.is_published and plan.build_status == YearPlan.BuildStatus.READY
    assert plan.build_progress == 100 and plan.built_at and len(plan.content_hash) == 64
    assert not plan.is_stale
    text = pdf_text(plan.pdf.read())
    assert "Renginių planas 2031" in text and all(title in text for title in TITLES)


def test_building_twice_gives_the_same_content(commit):
    centre = CentreFactory()
    plan_events(centre)
    with commit():
        plan = plan_services.publish_plan(organiser=centre, year=YEAR, by=UserFactory())
    plan.refresh_from_db()
    first_hash, first_text = plan.content_hash, pdf_text(plan.pdf.read())
    again = plan_services.build_plan_pdf(plan_id=plan.pk, force=True)
    assert again.content_hash == first_hash
    assert pdf_text(again.pdf.read()) == first_text


def test_building_again_when_nothing_changed_does_nothing(commit):
    centre = CentreFactory()
    plan_events(centre)
    with commit():
        plan = plan_services.publish_plan(organiser=centre, year=YEAR, by=UserFactory())
    plan.refresh_from_db()
    built_at = plan.built_at
    plan_services.build_plan_pdf(plan_id=plan.pk)
    plan.refresh_from_db()
    assert plan.built_at == built_at


def test_an_edit_after_the_build_marks_the_plan_out_of_date_until_rebuilt(commit):
    centre = CentreFactory()
    events = plan_events(centre)
    with commit():
        plan = plan_services.publish_plan(organiser=centre, year=YEAR, by=UserFactory())
    cancel_event(event=events[0], by=UserFactory(), reason="Nėra lektoriaus")
    plan.refresh_from_db()
    assert plan.is_stale and not plan_services.is_fresh(plan)
    plan = plan_services.build_plan_pdf(plan_id=plan.pk)
    assert not plan.is_stale and plan_services.is_fresh(plan)
    assert TITLES[0] not in pdf_text(plan.pdf.read())


def test_public_plan_page_lists_events_by_month(client):
    centre = CentreFactory()
    plan_events(centre)
    response = client.get(f"/planas/{YEAR}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert all(title in html for title in TITLES) and "Juodraštis nerodomas" not in html
    assert [name for _n, name, _items in response.context["months"]][:1] == ["Vasaris"]


def test_plan_pdf_address_builds_a_small_plan_on_the_spot(client):
    centre = CentreFactory()
    plan_events(centre)
    response = client.get(f"/planas/{YEAR}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert TITLES[2] in pdf_text(response.content)


def test_plan_pdf_address_serves_the_built_pdf_when_published_and_fresh(client, commit):
    centre = CentreFactory()
    plan_events(centre)
    with commit():
        plan = plan_services.publish_plan(organiser=centre, year=YEAR, by=UserFactory(), title="Paskelbtas planas")
    plan.refresh_from_db()
    response = client.get(f"/planas/{YEAR}.pdf")
    assert "Paskelbtas planas" in pdf_text(b"".join(response.streaming_content))


def test_plan_pdf_of_a_year_without_events_is_not_found(client):
    CentreFactory()
    assert client.get("/planas/1999.pdf").status_code == 404


def test_centre_staff_build_and_publish_the_plan_without_the_admin(client, commit):
    centre = CentreFactory()
    plan_events(centre)
    client.force_login(member(Role.CENTRE_STAFF, centre))
    page = client.get(reverse("events:plan_manage"), {"year": YEAR})
    assert page.status_code == 200 and b"publish-plan" in page.content
    with commit():
        response = client.post(reverse("events:plan_publish"), {"year": YEAR, "title": "Centro renginių planas",
                                                                 "introduction": "Kviečiame dalyvauti."})
    assert response.status_code == 302
    plan = YearPlan.objects.get(organiser=centre, year=YEAR)
    assert plan.is_published and plan.build_status == YearPlan.BuildStatus.READY
    status = client.get(reverse("events:plan_status"), {"year": YEAR})
    assert b"Atidaryti PDF" in status.content or b"Open the PDF" in status.content
    assert b'hx-trigger="every 2s"' not in status.content  # no polling once built
    pdf = client.get(f"/planas/{YEAR}.pdf")
    assert "Centro renginių planas" in pdf_text(b"".join(pdf.streaming_content))


def test_progress_partial_polls_while_the_build_is_queued(client):
    centre = CentreFactory()
    YearPlan.objects.create(organiser=centre, year=YEAR, build_status=YearPlan.BuildStatus.BUILDING,
                            build_progress=30)
    client.force_login(member(Role.CENTRE_STAFF, centre))
    response = client.get(reverse("events:plan_status"), {"year": YEAR})
    assert b'hx-trigger="every 2s"' in response.content and b"w-progress-30" in response.content


def test_manage_page_says_out_of_date(client, commit):
    centre = CentreFactory()
    plan_events(centre)
    with commit():
        plan = plan_services.publish_plan(organiser=centre, year=YEAR, by=UserFactory())
    YearPlan.objects.filter(pk=plan.pk).update(is_stale=True)
    client.force_login(member(Role.CENTRE_STAFF, centre))
    response = client.get(reverse("events:plan_manage"), {"year": YEAR})
    assert response.context["out_of_date"]


def test_teachers_cannot_publish_a_plan(client):
    centre = CentreFactory()
    plan_events(centre)
    client.force_login(teacher())
    assert client.post(reverse("events:plan_publish"), {"year": YEAR}).status_code == 403
    assert client.get(reverse("events:plan_status"), {"year": YEAR}).status_code == 403
    assert not YearPlan.objects.filter(is_published=True).exists()


def test_the_build_task_is_enqueued_only_after_commit(django_capture_on_commit_callbacks):
    centre = CentreFactory()
    plan_events(centre)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan = plan_services.publish_plan(organiser=centre, year=YEAR, by=UserFactory())
    plan.refresh_from_db()
    assert plan.build_status == YearPlan.BuildStatus.QUEUED and callbacks  # nothing built yet
    for callback in callbacks:  # the build, and the page caches refreshed after the commit
        callback()
    plan.refresh_from_db()
    assert plan.build_status == YearPlan.BuildStatus.READY


def test_content_hash_does_not_depend_on_the_language(commit):
    from django.utils import translation

    centre = CentreFactory()
    plan_events(centre)
    with translation.override("en"):
        english = plan_services.content_hash(plan_services.plan_entries(organiser=centre, year=YEAR))
    with translation.override("lt"):
        lithuanian = plan_services.content_hash(plan_services.plan_entries(organiser=centre, year=YEAR))
    assert english == lithuanian


@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_builds_the_published_plan(celery_worker_process):
    import time

    centre = CentreFactory()
    plan_events(centre)
    plan = plan_services.publish_plan(organiser=centre, year=YEAR, by=UserFactory())
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        plan.refresh_from_db()
        if plan.build_status in (YearPlan.BuildStatus.READY, YearPlan.BuildStatus.FAILED):
            break
        time.sleep(0.5)
    assert plan.build_status == YearPlan.BuildStatus.READY, plan.build_error
    with plan.pdf.open("rb") as handle:
        data = handle.read()
    assert all(title in pdf_text(data) for title in TITLES)


def test_a_lost_plan_file_is_built_again_instead_of_failing(client, settings):
    from events.services import plan as plan_services
    from tests.factories import CentreFactory, EventFactory, YearPlanFactory

    centre = CentreFactory()
    event = EventFactory(organiser=centre, title="Seminaras „Žalioji mokykla“")
    plan = YearPlanFactory(organiser=centre, year=event.plan_year, is_published=True)
    plan_services.build_plan_pdf(plan_id=plan.pk)
    plan.refresh_from_db()
    plan.pdf.storage.delete(plan.pdf.name)
    response = client.get(f"/planas/{event.plan_year}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
