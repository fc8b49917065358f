"""The pages of issue 18 ("fast for signed-in people") read a constant number of queries however many
rows they show, with the cache cold and warm; cached fragments change when their data changes, and a
signed-in page never shows another person's state."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from certificates.models import Certificate
from events import fragments
from events.models import Event, EventSession, Registration
from events.selectors import annotate_seats_left, catalogue_events
from events.views import plan as plan_views
from leave.models import LeaveRequest
from people.models import Membership, Role, TeacherProfile, User
from tests.factories import (
    CentreFactory,
    CertificateFactory,
    EventFactory,
    EventSessionFactory,
    LeaveRequestFactory,
    MunicipalityFactory,
    RegistrationFactory,
    SchoolFactory,
    SubjectFactory,
    UserFactory,
    YearPlanFactory,
    member,
    teacher,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    centre, school = CentreFactory(name="Švietimo centras"), SchoolFactory(name="Ąžuolo gimnazija")
    people = {
        "teacher": teacher(school, first_name="Rūta", last_name="Žemaitytė"),
        "director": member(Role.DIRECTOR, school, first_name="Jūratė", last_name="Šimkienė"),
        "centre_staff": member(Role.CENTRE_STAFF, centre, first_name="Eglė", last_name="Grigaliūnienė"),
        "district": member(Role.ADMINISTRATOR, MunicipalityFactory(), first_name="Gintarė", last_name="Ožeškienė"),
    }
    busy = EventFactory(organiser=centre, title="Populiarus seminaras", seats=1500)  # room for 1,000
    YearPlanFactory(organiser=centre, year=today().year, is_published=True)
    subjects = [SubjectFactory(name="Istorija"), SubjectFactory(name="Geografija")]
    return {"centre": centre, "school": school, "busy": busy, "subjects": subjects, **people}


def grow(d, n):
    """`n` more of every row the pages list: events (upcoming and past), the teacher's registrations,
    certificates and leave requests, the school's teachers and the busy event's registrants. Built in
    bulk (the factories' `.build()`, then one `bulk_create` a model), so a thousand of each takes seconds."""
    centre, school, me = d["centre"], d["school"], d["teacher"]
    upcoming = Event.objects.bulk_create(
        EventFactory.build(organiser=centre, starts_on=today() + dt.timedelta(days=3 + k % 20), fee=k % 2)
        for k in range(n))
    past = Event.objects.bulk_create(
        EventFactory.build(organiser=centre, starts_on=today() - dt.timedelta(days=3 + k % 300),
                           status=Event.Status.COMPLETED)
        for k in range(n))
    EventSession.objects.bulk_create(EventSessionFactory.build(event=event) for event in upcoming + past)
    Event.audience_subjects.through.objects.bulk_create(
        Event.audience_subjects.through(event=event, subject=subject)
        for event in upcoming for subject in d["subjects"])
    Registration.objects.bulk_create(
        RegistrationFactory.build(event=event, teacher=me, school=school) for event in upcoming)
    attended = Registration.objects.bulk_create(
        RegistrationFactory.build(event=event, teacher=me, school=school, status=Registration.Status.ATTENDED)
        for event in past)
    Certificate.objects.bulk_create(CertificateFactory.build(registration=r) for r in attended)
    LeaveRequest.objects.bulk_create(
        LeaveRequestFactory.build(school=school, teacher=me, status=LeaveRequest.Status.COVER_AGREED,
                                  submitted_at=dt.datetime.now(dt.UTC))
        for _ in range(n))
    teachers = User.objects.bulk_create(UserFactory.build() for _ in range(n))
    Membership.objects.bulk_create(Membership(user=t, organisation=school, role=Role.TEACHER) for t in teachers)
    TeacherProfile.objects.bulk_create(TeacherProfile(user=t) for t in teachers)
    Registration.objects.bulk_create(
        RegistrationFactory.build(event=d["busy"], teacher=t, school=school) for t in teachers)


def pages(d):
    year = today().year
    return {
        "catalogue": ("teacher", reverse("events:catalogue")),
        "catalogue, anonymous": (None, reverse("events:catalogue")),
        "event page": ("teacher", d["busy"].get_absolute_url()),
        "my events": ("teacher", reverse("events:my_events")),
        "record": ("teacher", reverse("certificates:my_record")),
        "my requests": ("teacher", reverse("leave:my_requests")),
        "director's queue": ("director", reverse("leave:director_queue")),
        "school's teachers": ("director", reverse("certificates:school_records")),
        "centre's events": ("centre_staff", reverse("events:staff_event_list")),
        "registrants": ("centre_staff", reverse("events:registrants", args=[d["busy"].pk])),
        "district report": ("district", reverse("funding:district_report")),
        "plan page": (None, reverse("events:plan", args=[year])),
    }


def counts(client_class, d):
    """{page: (queries cold, queries warm)}; every page answers 200."""
    result = {}
    for name, (who, path) in pages(d).items():
        client = client_class()
        if who:
            client.force_login(d[who])
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        with CaptureQueriesContext(connection) as warm:
            client.get(path)
        result[name] = (len(cold), len(warm))
    return result


def test_every_page_reads_the_same_number_of_queries_for_few_and_many_rows(client, district, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # the anonymous pages rendered, not served whole from the cache
    grow(district, 10)
    few = counts(client.__class__, district)
    grow(district, 990)  # 1,000 of each: far more than a page of any paginated list
    assert Registration.objects.filter(event=district["busy"]).count() == Certificate.objects.count() == 1000
    many = counts(client.__class__, district)
    assert many == few


def test_a_cached_card_changes_when_its_seats_or_its_event_change(client):
    event = EventFactory(title="Kūrybiškumas pamokoje", seats=2)
    client.get(reverse("events:catalogue"))
    first_key = fragments.card_key(_annotated(event))
    RegistrationFactory(event=event)
    second_key = fragments.card_key(_annotated(event))
    assert first_key != second_key
    assert cache.get(first_key) is not None  # the first rendering was cached
    client.get(reverse("events:catalogue"))
    assert cache.get(second_key) is not None
    assert cache.get(second_key) != cache.get(first_key)
    Event.objects.filter(pk=event.pk).update(title="Kritinis mąstymas")
    page = client.get(reverse("events:catalogue")).content.decode()
    assert "Kritinis mąstymas" in page and "Kūrybiškumas pamokoje" not in page


def _annotated(event):
    return annotate_seats_left([catalogue_events().get(pk=event.pk)])[0]


def test_the_seats_left_on_the_catalogue_are_exact_after_each_registration(client):
    event = EventFactory(title="Kūrybiškumas pamokoje", seats=3)
    for taken in range(1, 4):
        RegistrationFactory(event=event)
        response = client.get(reverse("events:catalogue"))
        shown = response.context["events"][0]
        assert shown.seats_left == 3 - taken
        assert shown.card_html == render_to_string(fragments.CARD_TEMPLATE, {"event": shown})


def test_the_filter_form_offers_a_new_subject_at_once(client, django_capture_on_commit_callbacks):
    client.get(reverse("events:catalogue"))
    assert "Astronomija" not in client.get(reverse("events:catalogue")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        SubjectFactory(name="Astronomija")
    assert "Astronomija" in client.get(reverse("events:catalogue")).content.decode()


def test_the_filter_form_keeps_what_was_typed_and_never_serves_another_query(client):
    first = client.get(reverse("events:catalogue"), {"q": "istorija"}).content.decode()
    second = client.get(reverse("events:catalogue"), {"q": "geografija"}).content.decode()
    assert 'value="istorija"' in first and 'value="geografija"' in second
    assert 'value="istorija"' not in second


def test_the_plan_page_changes_when_an_event_session_or_subject_changes(client, django_capture_on_commit_callbacks):
    centre = CentreFactory()
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(organiser=centre, title="Kūrybiškumas pamokoje")
        YearPlanFactory(organiser=centre, year=event.plan_year, is_published=True)
    url = reverse("events:plan", args=[event.plan_year])
    assert "Kūrybiškumas pamokoje" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Kritinis mąstymas"
        event.save()
    assert "Kritinis mąstymas" in client.get(url).content.decode()
    subject = SubjectFactory(name="Astronomija")
    with django_capture_on_commit_callbacks(execute=True):
        event.audience_subjects.add(subject)
    assert "Astronomija" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        subject.name = "Fizika"
        subject.save()
    assert "Fizika" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        EventSession.objects.filter(event=event).update(place="")  # no signal: not shown on the page either
        Event.objects.filter(pk=event.pk).update(title="Be signalo")
    assert "Kritinis mąstymas" in client.get(url).content.decode()  # cached: a queryset update sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        fragments.invalidate_plan()
    assert "Be signalo" in client.get(url).content.decode()


def test_the_plan_page_shows_a_page_of_events_and_each_page_changes_with_its_events(
        client, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(plan_views, "PLAN_PAGE_SIZE", 2)
    centre = CentreFactory()
    year = today().year
    with django_capture_on_commit_callbacks(execute=True):
        events = [EventFactory(organiser=centre, title=f"Renginys {k}", starts_on=dt.date(year, month, 10),
                               plan_year=year, academic_hours=6) for k, month in enumerate((2, 2, 3, 5, 5))]
        YearPlanFactory(organiser=centre, year=year, is_published=True)
    url = reverse("events:plan", args=[year])
    first, third = client.get(url).content.decode(), client.get(url, {"page": 3}).content.decode()
    assert "Renginys 0" in first and "Renginys 1" in first and "Renginys 2" not in first
    assert "Renginys 4" in third and "Renginys 0" not in third
    with translation.override("lt"):
        hours = gettext("%(hours)s academic hours") % {"hours": 30}
    assert hours in first and hours in third  # the year's figures on every page
    assert 'href="?page=2#month-3"' in first and 'href="?page=2#month-5"' in first  # May starts on page 2
    assert client.get(url, {"page": 99}).content.decode().count("Renginys 4") == 1  # past the end: the last
    assert client.get(url, {"page": "x"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        events[4].title = "Tyrinėjimai"  # still the last of the year
        events[4].save()
    assert "Tyrinėjimai" in client.get(url, {"page": 3}).content.decode()


def test_the_plan_is_invalidated_only_after_the_commit(client, django_capture_on_commit_callbacks):
    centre = CentreFactory()
    event = EventFactory(organiser=centre, title="Kūrybiškumas pamokoje")
    client.get(reverse("events:plan", args=[event.plan_year]))
    before = fragments.plan_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event.title = "Kritinis mąstymas"
        event.save()
        event.save()
    assert fragments.plan_version() == before
    assert fragments._bump_plan_version in callbacks
    for callback in callbacks:
        callback()
    assert fragments.plan_version() != before


def test_the_plan_page_shows_the_manage_link_only_to_its_centre(client):
    centre = CentreFactory()
    event = EventFactory(organiser=centre)
    url = reverse("events:plan", args=[event.plan_year])
    client.force_login(member(Role.CENTRE_STAFF, centre))
    assert reverse("events:plan_manage") in client.get(url).content.decode()
    client.force_login(teacher())
    assert reverse("events:plan_manage") not in client.get(url).content.decode()  # same cached body


def test_a_signed_in_page_never_shows_another_persons_state(client):
    event = EventFactory(title="Kūrybiškumas pamokoje", seats=5)
    rūta, jonas = teacher(first_name="Rūta"), teacher(first_name="Jonas")
    RegistrationFactory(event=event, teacher=rūta)
    client.force_login(rūta)
    mine = client.get(event.get_absolute_url())
    catalogue_rūta = client.get(reverse("events:catalogue")).content.decode()
    client.force_login(jonas)
    theirs = client.get(event.get_absolute_url())
    catalogue_jonas = client.get(reverse("events:catalogue")).content.decode()
    assert mine.content != theirs.content
    assert "Rūta" in catalogue_rūta and "Rūta" not in catalogue_jonas
    cancel = reverse("events:cancel_registration", args=[Registration.objects.get(teacher=rūta).pk])
    assert cancel in mine.content.decode() and cancel not in theirs.content.decode()


def test_the_cards_and_forms_render_when_the_cache_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    EventFactory(title="Kūrybiškumas pamokoje")
    for name in ("get", "get_many", "set_many", "add", "incr", "set"):
        monkeypatch.setattr(cache, name, broken)
    response = client.get(reverse("events:catalogue"))
    assert response.status_code == 200 and "Kūrybiškumas pamokoje" in response.content.decode()
    assert client.get(reverse("events:plan", args=[today().year])).status_code == 200
