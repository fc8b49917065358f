"""Days per teacher, the planned days, staff away on one day, priorities, recommendations, reports back."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Registration
from leave import selectors, services
from leave.models import LeaveRequest, ReportBack
from notices.models import NoticeLog
from people.models import Subject
from people.qualification import qualification_days
from tests.factories import (
    EventFactory,
    OutsideCertificateFactory,
    RegistrationFactory,
    SchoolPriorityFactory,
    teacher,
)

from .conftest import catalogue_request, outside_request

S = LeaveRequest.Status
pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def in_year(month, day):
    return dt.date(YEAR, month, day)


# --- Days ---------------------------------------------------------------------------------------------

def test_days_done_count_attended_hours_and_recognised_certificates_and_approved_outside_events_are_planned(school):
    event = EventFactory(academic_hours=18, starts_on=in_year(3, 1), ends_on=in_year(3, 3))
    RegistrationFactory(event=event, teacher=school.teacher, status=Registration.Status.ATTENDED)
    OutsideCertificateFactory(teacher=school.teacher, academic_hours=6, status="recognised",
                              starts_on=in_year(4, 1), ends_on=in_year(4, 1))
    outside_request(school, status=S.APPROVED, academic_hours=12, starts_on=in_year(5, 2), ends_on=in_year(5, 3))
    outside_request(school, status=S.SUBMITTED, academic_hours=60, starts_on=in_year(6, 2), ends_on=in_year(6, 3))
    standing = qualification_days(teacher_ids=[school.teacher.pk], year=YEAR, today=in_year(4, 2))[school.teacher.pk]
    assert standing.done_hours == 24 and standing.done_days == Decimal("4.0")
    assert standing.planned_hours == 12 and standing.planned_days == Decimal("2.0")
    assert not standing.reached_minimum  # planned days never fill the right


def test_an_outside_event_is_not_counted_twice_once_its_certificate_is_recognised(school):
    lr = outside_request(school, status=S.APPROVED, academic_hours=12, starts_on=in_year(5, 2), ends_on=in_year(5, 3))
    OutsideCertificateFactory(teacher=school.teacher, academic_hours=12, status="recognised", leave_request=lr,
                              starts_on=in_year(5, 2), ends_on=in_year(5, 3))
    standing = qualification_days(teacher_ids=[school.teacher.pk], year=YEAR, today=in_year(1, 2))[school.teacher.pk]
    assert (standing.done_hours, standing.planned_hours) == (12, 0)


def test_a_teacher_with_no_days_is_shown_what_is_open_not_as_lacking(school):
    standing = selectors.days_by_teacher([school.teacher.pk], YEAR)[school.teacher.pk]
    assert standing.days == 0 and standing.days_left_of_right == 5


def test_the_five_day_right_is_never_a_reason_to_refuse(school):
    event = EventFactory(academic_hours=60, starts_on=in_year(2, 1), ends_on=in_year(2, 10))
    RegistrationFactory(event=event, teacher=school.teacher, status=Registration.Status.ATTENDED)
    lr = outside_request(school, status=S.COVER_AGREED, starts_on=in_year(12, 28), ends_on=in_year(12, 28))
    assert services.approval_warnings(lr) == []
    services.approve(leave_request=lr, by=school.director)


# --- Warnings before approval ----------------------------------------------------------------------------

def test_director_is_warned_beyond_the_schools_planned_days(school):
    services.set_planned_days(school=school.school, year=YEAR, planned_days=Decimal("2"), by=school.director)
    outside_request(school, status=S.APPROVED, academic_hours=6, starts_on=in_year(12, 20), ends_on=in_year(12, 20))
    lr = outside_request(school, status=S.COVER_AGREED, academic_hours=12, starts_on=in_year(12, 21),
                         ends_on=in_year(12, 21), teacher=teacher(school.school))
    warnings = services.approval_warnings(lr)
    assert len(warnings) == 1 and "3,0" in warnings[0] and "2,0" in warnings[0]
    with pytest.raises(services.WarningsNotConfirmed):
        services.approve(leave_request=lr, by=school.director)
    services.approve(leave_request=lr, by=school.director, warnings_seen=True)
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.APPROVED


def test_no_plan_warning_within_the_planned_days(school):
    services.set_planned_days(school=school.school, year=YEAR, planned_days=Decimal("10"), by=school.deputy)
    lr = outside_request(school, status=S.COVER_AGREED, academic_hours=12, starts_on=in_year(12, 21),
                         ends_on=in_year(12, 21))
    assert services.approval_warnings(lr) == []


def test_director_is_warned_when_too_many_of_the_schools_teachers_are_away_the_same_day(school):
    day = in_year(12, 15)
    for _ in range(2):
        outside_request(school, status=S.APPROVED, teacher=teacher(school.school), starts_on=day, ends_on=day)
    lr = outside_request(school, status=S.COVER_AGREED, starts_on=day, ends_on=day)
    with translation.override("en"):
        warnings = services.approval_warnings(lr)
    assert any("3" in w and "school" in w for w in warnings)


def test_director_is_warned_when_two_teachers_of_one_subject_are_away_the_same_day(school):
    day = in_year(12, 16)
    maths = Subject.objects.create(name="Matematika")
    colleague = teacher(school.school)
    colleague.teacher_profile.subjects.add(maths)
    school.teacher.teacher_profile.subjects.add(maths)
    outside_request(school, status=S.APPROVED, teacher=colleague, starts_on=day, ends_on=day)
    lr = outside_request(school, status=S.COVER_AGREED, starts_on=day, ends_on=day)
    with translation.override("en"):
        warnings = services.approval_warnings(lr)
    assert len(warnings) == 1 and "same subject" in warnings[0] and str(colleague) in warnings[0]


def test_colleagues_of_two_different_subjects_are_not_counted_as_one_subject_and_are_named(school):
    day = in_year(12, 17)
    maths, physics = Subject.objects.create(name="Matematika"), Subject.objects.create(name="Fizika")
    school.teacher.teacher_profile.subjects.add(maths, physics)
    mathematician = teacher(school.school, first_name="Aldona", last_name="Skaičiuvienė")
    mathematician.teacher_profile.subjects.add(maths)
    physicist = teacher(school.school, first_name="Bronius", last_name="Fizikas")
    physicist.teacher_profile.subjects.add(physics)
    for colleague in (mathematician, physicist):
        outside_request(school, status=S.APPROVED, teacher=colleague, starts_on=day, ends_on=day)
    lr = outside_request(school, status=S.COVER_AGREED, starts_on=day, ends_on=day)
    with translation.override("en"):
        warnings = [w for w in services.away_warnings(lr) if "same subject" in w]
    assert len(warnings) == 1
    assert " 2 teachers of the same subject" in warnings[0] and " 3 teachers" not in warnings[0]
    assert ("(Fizika)" in warnings[0] and "Bronius Fizikas" in warnings[0]) or (
        "(Matematika)" in warnings[0] and "Aldona Skaičiuvienė" in warnings[0])


def test_no_away_warning_for_other_days_or_other_schools(school, other_school):
    outside_request(other_school, status=S.APPROVED, starts_on=in_year(12, 15), ends_on=in_year(12, 15))
    outside_request(school, status=S.APPROVED, teacher=teacher(school.school), starts_on=in_year(12, 14),
                    ends_on=in_year(12, 14))
    lr = outside_request(school, status=S.COVER_AGREED, starts_on=in_year(12, 15), ends_on=in_year(12, 15))
    assert services.away_warnings(lr) == []


# --- Ranking inputs from the database --------------------------------------------------------------------

def test_director_queue_ranks_a_priority_event_first(school):
    plain = catalogue_request(school, status=S.COVER_AGREED)
    tied = EventFactory()
    SchoolPriorityFactory(school=school.school, year=tied.starts_on.year).events.add(tied)
    other = teacher(school.school)
    priority_request = catalogue_request(school, event=tied, teacher_user=other, status=S.COVER_AGREED)
    with translation.override("en"):
        rows = selectors.ranked_for_director(school.director)
    assert [row.request.pk for row in rows] == [priority_request.pk, plain.pk]
    assert rows[0].reasons[0] == "serves a school priority for the year"


def test_attestation_due_comes_from_the_teachers_profile(school):
    lr = outside_request(school, status=S.COVER_AGREED, starts_on=in_year(12, 1), ends_on=in_year(12, 1))
    school.teacher.teacher_profile.attestation_year = YEAR
    school.teacher.teacher_profile.save()
    (row,) = selectors.ranking_inputs([lr])
    assert row.attestation_due and not row.serves_priority and not row.outside_working_hours


def test_director_queue_holds_only_decidable_requests_of_own_school(school, other_school):
    outside_request(school, status=S.SUBMITTED)  # needs cover first
    ready = outside_request(school, status=S.COVER_AGREED)
    no_lessons = outside_request(school, status=S.SUBMITTED, during_lessons=False)
    outside_request(other_school, status=S.COVER_AGREED)
    assert {r.pk for r in selectors.awaiting_decision(school.director)} == {ready.pk, no_lessons.pk}


# --- Priorities, recommendations, reports back -------------------------------------------------------------

def test_head_keeps_priorities_and_ties_events(school):
    event = EventFactory()
    priority = services.save_priority(school=school.school, year=YEAR, title="Įtraukusis ugdymas",
                                      by=school.deputy, events=[event])
    assert list(priority.events.all()) == [event]


def test_teacher_and_other_schools_cannot_keep_priorities(school, other_school):
    for user in (school.teacher, other_school.director):
        with pytest.raises(services.NotAllowed):
            services.save_priority(school=school.school, year=YEAR, title="X", by=user)
        with pytest.raises(services.NotAllowed):
            services.set_planned_days(school=school.school, year=YEAR, planned_days=5, by=user)


def test_recommendation_reaches_each_teacher(school):
    event = EventFactory()
    colleague = teacher(school.school)
    rec = services.recommend(event=event, school=school.school, teachers=[school.teacher, colleague],
                             by=school.deputy, note="Labai tinka jums")
    assert set(rec.teachers.all()) == {school.teacher, colleague}
    assert NoticeLog.objects.filter(kind="recommendation").count() == 2


def test_recommendation_only_to_own_schools_teachers(school, other_school):
    with pytest.raises(services.NotAllowed):
        services.recommend(event=EventFactory(), school=school.school, teachers=[other_school.teacher],
                           by=school.deputy)


def test_report_back_after_an_attended_event(school):
    registration = RegistrationFactory(teacher=school.teacher, status=Registration.Status.ATTENDED)
    pdf = SimpleUploadedFile("skaidres.pdf", b"%PDF-1.4\n%test\n1 0 obj\n", content_type="application/pdf")
    report = services.record_report_back(teacher=school.teacher, registration=registration,
                                         reported_on=timezone.localdate(), methodical_group="Kalbų",
                                         summary="Pristačiau", materials=pdf)
    assert report.materials.name.endswith(".pdf")
    with pytest.raises(services.ReportError):
        services.record_report_back(teacher=school.teacher, registration=registration,
                                    reported_on=timezone.localdate(), methodical_group="Kalbų", summary="Vėl")


def test_report_back_only_after_attending(school):
    registration = RegistrationFactory(teacher=school.teacher, status=Registration.Status.CONFIRMED)
    with pytest.raises(services.ReportError):
        services.record_report_back(teacher=school.teacher, registration=registration,
                                    reported_on=timezone.localdate(), methodical_group="Kalbų", summary="x")


def test_report_materials_are_checked_by_content_and_size(school, settings):
    registration = RegistrationFactory(teacher=school.teacher, status=Registration.Status.ATTENDED)
    fake = SimpleUploadedFile("virusas.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(services.ReportError):
        services.record_report_back(teacher=school.teacher, registration=registration,
                                    reported_on=timezone.localdate(), methodical_group="K", summary="x",
                                    materials=fake)
    settings.MAX_UPLOAD_BYTES = 10
    big = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 100, content_type="application/pdf")
    with pytest.raises(services.ReportError):
        services.record_report_back(teacher=school.teacher, registration=registration,
                                    reported_on=timezone.localdate(), methodical_group="K", summary="x",
                                    materials=big)
    assert not ReportBack.objects.exists()


def test_deputy_sees_the_reports_still_owed(school, other_school):
    owed = RegistrationFactory(teacher=school.teacher, school=school.school, status=Registration.Status.ATTENDED)
    done = RegistrationFactory(teacher=teacher(school.school), school=school.school,
                               status=Registration.Status.ATTENDED)
    ReportBack.objects.create(teacher=done.teacher, registration=done, reported_on=timezone.localdate(),
                              methodical_group="K", summary="x")
    RegistrationFactory(teacher=other_school.teacher, school=other_school.school, status=Registration.Status.ATTENDED)
    outside = outside_request(school, status=S.APPROVED, starts_on=in_year(1, 2), ends_on=in_year(1, 2))
    registrations, requests = selectors.reports_owed([school.school.pk])
    assert list(registrations) == [owed]
    if outside.ends_on < timezone.localdate():
        assert list(requests) == [outside]


def test_directors_are_reminded_once_a_week_of_waiting_requests(school):
    lr = outside_request(school, status=S.COVER_AGREED)
    LeaveRequest.objects.filter(pk=lr.pk).update(submitted_at=timezone.now() - dt.timedelta(days=5))
    outside_request(school, status=S.SUBMITTED)  # still needs the cover: no reminder
    from leave.tasks import remind_waiting_decisions

    assert remind_waiting_decisions.delay().get() == 1
    assert remind_waiting_decisions.delay().get() == 0


def test_a_teacher_is_warned_when_a_new_request_or_registration_overlaps_another_event(client, school):
    day = in_year(12, 29) if timezone.localdate() < in_year(12, 29) else timezone.localdate()
    seminar = EventFactory(title="Gruodžio seminaras", starts_on=day, ends_on=day)
    RegistrationFactory(event=seminar, teacher=school.teacher, status=Registration.Status.CONFIRMED)
    client.force_login(school.teacher)
    response = client.post(reverse("leave:create_outside"), {
        "title": "Konferencija Rygoje", "organiser_name": "LU", "place": "Ryga", "country": "LV",
        "starts_on": day.isoformat(), "ends_on": day.isoformat(), "academic_hours": "6", "cost": "0",
        "reason": "", "cover_plan": "",
    }, follow=True)
    assert "Gruodžio seminaras" in response.content.decode()
    other = EventFactory(title="Kitas renginys tą pačią dieną", starts_on=day, ends_on=day)
    response = client.post(reverse("events:register", args=[other.pk]), follow=True)
    page = response.content.decode()
    assert "Gruodžio seminaras" in page
    lone = EventFactory(title="Vienas", starts_on=day - dt.timedelta(days=1), ends_on=day - dt.timedelta(days=1))
    assert not selectors.overlapping_commitments(LeaveRequest(teacher=school.teacher, starts_on=lone.starts_on,
                                                              ends_on=lone.ends_on))
