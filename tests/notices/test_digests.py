"""Digests to school heads: one e-mail per head per digest, only what concerns the school, none when empty."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Event, Registration
from notices import digests, tasks
from notices.models import NoticeLog
from people.models import Organisation, Role
from tests.factories import EventFactory, RegistrationFactory, SchoolFactory, member, teacher

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def district():
    basic = SchoolFactory(school_level=Organisation.SchoolLevel.BASIC)
    preschool = SchoolFactory(school_level=Organisation.SchoolLevel.PRESCHOOL)
    heads = {
        basic: [member(Role.DIRECTOR, basic), member(Role.DEPUTY, basic)],
        preschool: [member(Role.DIRECTOR, preschool)],
    }
    return basic, preschool, heads


def digest_mail_to(email):
    return [m for m in mail.outbox if m.to == [email]]


def test_monthly_plan_reaches_each_head_once_with_only_the_schools_events(
    district, django_capture_on_commit_callbacks
):
    basic, preschool, heads = district
    for_all = EventFactory(starts_on=dt.date(2026, 4, 8), title="Visiems skirtas seminaras")
    for_basic = EventFactory(starts_on=dt.date(2026, 4, 15), audience_levels=["basic"], title="Pagrindinėms mokykloms")
    EventFactory(starts_on=dt.date(2026, 5, 2), title="Gegužės renginys")  # not next month
    EventFactory(starts_on=dt.date(2026, 4, 9), status=Event.Status.DRAFT, title="Juodraštis")
    with django_capture_on_commit_callbacks(execute=True):
        created = digests.send_monthly_plan_digest(today=TODAY)
        again = digests.send_monthly_plan_digest(today=TODAY)
    assert created == 3 and again == 0
    for school, people in heads.items():
        for head in people:
            messages = digest_mail_to(head.email)
            assert len(messages) == 1
            assert for_all.title in messages[0].body
            assert (for_basic.title in messages[0].body) == (school == basic)
            assert "Gegužės renginys" not in messages[0].body and "Juodraštis" not in messages[0].body
    assert NoticeLog.objects.filter(kind="digest_monthly_plan", status=NoticeLog.Status.SENT).count() == 3


def test_an_empty_digest_is_not_sent(district, django_capture_on_commit_callbacks):
    basic, preschool, heads = district
    EventFactory(starts_on=dt.date(2026, 4, 15), audience_levels=["basic"])
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_monthly_plan_digest(today=TODAY)
    assert digest_mail_to(heads[preschool][0].email) == []
    assert len(digest_mail_to(heads[basic][0].email)) == 1


def test_the_plan_digest_is_in_the_heads_language(district, django_capture_on_commit_callbacks):
    basic, _preschool, heads = district
    heads[basic][0].language = "en"
    heads[basic][0].save()
    EventFactory(starts_on=dt.date(2026, 4, 8))
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_monthly_plan_digest(today=TODAY)
    english = digest_mail_to(heads[basic][0].email)[0]
    assert english.subject.startswith("Qualification events planned for")
    assert english.alternatives and "<table>" in english.alternatives[0][0]


def test_a_head_of_two_schools_or_with_two_roles_gets_one_email_per_school(django_capture_on_commit_callbacks):
    school = SchoolFactory()
    head = member(Role.DIRECTOR, school)
    member(Role.DEPUTY, school, user=head)
    member(Role.TEACHER, school, user=head)
    EventFactory(starts_on=dt.date(2026, 4, 8))
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_monthly_plan_digest(today=TODAY)
    assert len(digest_mail_to(head.email)) == 1


def test_the_plan_digest_attaches_the_months_plan_pdf(district, django_capture_on_commit_callbacks):
    pdf = pytest.importorskip("events.pdf", reason="events.pdf.render_plan_pdf is not built yet (events helper)")
    if not hasattr(pdf, "render_plan_pdf"):
        pytest.skip("events.pdf.render_plan_pdf is not built yet (events helper)")
    basic, _preschool, heads = district
    EventFactory(starts_on=dt.date(2026, 4, 8))
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_monthly_plan_digest(today=TODAY)
    message = digest_mail_to(heads[basic][0].email)[0]
    (name, content, mimetype), = message.attachments
    assert mimetype == "application/pdf" and name.endswith("2026-04.pdf")
    assert content.startswith(b"%PDF")


def test_the_attachment_is_made_once_per_organiser_and_stored_for_the_worker(
    district, django_capture_on_commit_callbacks, monkeypatch
):
    """The PDF contract (events.pdf.render_plan_pdf(*, organiser, year, month)) with a stand-in renderer."""
    import sys
    import types

    calls = []

    def render_plan_pdf(*, organiser, year, month=None):
        calls.append((organiser.pk, year, month))
        return b"%PDF-1.7 stand-in"

    module = types.ModuleType("events.pdf")
    module.render_plan_pdf = render_plan_pdf
    monkeypatch.setitem(sys.modules, "events.pdf", module)
    basic, _preschool, heads = district
    event = EventFactory(starts_on=dt.date(2026, 4, 8))
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_monthly_plan_digest(today=TODAY)
        digests.send_monthly_plan_digest(today=TODAY)  # a second run has nothing to send and renders nothing
    assert calls == [(event.organiser_id, 2026, 4)]
    (name, content, mimetype), = digest_mail_to(heads[basic][0].email)[0].attachments
    assert content == b"%PDF-1.7 stand-in" and mimetype == "application/pdf"


def test_new_events_digest_lists_events_published_since_the_previous_digest(
    district, django_capture_on_commit_callbacks
):
    basic, _preschool, heads = district
    now = timezone.now()
    first = EventFactory(published_at=now - dt.timedelta(days=2), title="Pirmas naujas")
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_new_events_digest(now=now) == 3
    second = EventFactory(published_at=now + dt.timedelta(hours=1), title="Antras naujas")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_new_events_digest(now=now + dt.timedelta(days=7)) == 3
        assert digests.send_new_events_digest(now=now + dt.timedelta(days=7, minutes=1)) == 0
    body = digest_mail_to(heads[basic][0].email)[0].body
    assert second.title in body and first.title not in body


def test_completed_programmes_digest_lists_the_schools_own_participants_and_hours(
    district, django_capture_on_commit_callbacks
):
    basic, preschool, heads = district
    completed = EventFactory(
        starts_on=dt.date(2026, 2, 10), status=Event.Status.COMPLETED, academic_hours=8,
        completed_at=timezone.make_aware(dt.datetime(2026, 2, 11, 12)),
    )
    ours = teacher(basic, first_name="Ąžuolė", last_name="Mūsiškė")
    theirs = teacher(SchoolFactory(), first_name="Svetima", last_name="Kitaitė")
    RegistrationFactory(event=completed, teacher=ours, status=Registration.Status.ATTENDED)
    RegistrationFactory(event=completed, teacher=theirs, status=Registration.Status.ATTENDED)
    no_show = teacher(basic, first_name="Neatėjusi", last_name="Mokytoja")
    RegistrationFactory(event=completed, teacher=no_show, status=Registration.Status.NO_SHOW)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_completed_programmes_digest(today=dt.date(2026, 3, 1)) == 2
    body = digest_mail_to(heads[basic][0].email)[0].body
    assert "Ąžuolė Mūsiškė" in body and "Kitaitė" not in body and "Neatėjusi" not in body
    assert "8" in body
    assert digest_mail_to(heads[preschool][0].email) == []


def test_completed_programmes_digest_covers_events_held_last_month_even_when_completed_on_the_1st(
    district, django_capture_on_commit_callbacks
):
    basic, preschool, heads = district
    held_in_february = EventFactory(
        title="Vasario seminaras", starts_on=dt.date(2026, 2, 27), status=Event.Status.COMPLETED,
        completed_at=timezone.make_aware(dt.datetime(2026, 3, 1, 8)),
    )
    held_in_january = EventFactory(
        title="Sausio seminaras", starts_on=dt.date(2026, 1, 20), status=Event.Status.COMPLETED,
        completed_at=timezone.make_aware(dt.datetime(2026, 2, 2, 8)),
    )
    for event in (held_in_february, held_in_january):
        RegistrationFactory(event=event, teacher=teacher(basic), status=Registration.Status.ATTENDED)
    assert [e.pk for e in digests.completed_events(year=2026, month=2)] == [held_in_february.pk]
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_completed_programmes_digest(today=dt.date(2026, 3, 1))
    body = digest_mail_to(heads[basic][0].email)[0].body
    assert "Vasario seminaras" in body and "Sausio seminaras" not in body


def test_digest_tasks_take_a_day_and_call_the_service(district, django_capture_on_commit_callbacks):
    EventFactory(starts_on=dt.date(2026, 4, 8))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_monthly_plan_digest.delay(today="2026-03-20").get() == 3
        assert tasks.send_monthly_plan_digest.delay(today="2026-03-20").get() == 0


def test_a_digest_shows_its_content_in_the_heads_inbox_not_only_in_the_mail(
    client, district, django_capture_on_commit_callbacks
):
    basic, preschool, heads = district
    event = EventFactory(title="Kovo seminaras apie vertinimą", starts_on=dt.date(2026, 2, 20),
                         status=Event.Status.COMPLETED)
    RegistrationFactory(event=event, teacher=teacher(basic), status=Registration.Status.ATTENDED)
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_completed_programmes_digest(today=dt.date(2026, 3, 1))
    client.force_login(heads[basic][0])
    page = client.get("/pranesimai/").content.decode()
    assert "Kovo seminaras apie vertinimą" in page
