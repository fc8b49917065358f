"""A recognised outside certificate replaces the approved request of the same event, and the deputy
may count other hours than written, with the reason kept (issue 13)."""

import datetime as dt

import pytest
from django.urls import reverse

from certificates.models import OutsideCertificate
from certificates.services import outside as services
from leave.models import LeaveRequest
from people.models import Role
from people.qualification import qualification_days
from tests.factories import LeaveRequestFactory, OutsideCertificateFactory, SchoolFactory, member, teacher

pytestmark = pytest.mark.django_db
DAY = dt.date.today()


@pytest.fixture
def school():
    school = SchoolFactory()
    return type("S", (), {"school": school, "deputy": member(Role.DEPUTY, school), "teacher": teacher(school)})


def approved(school, **kwargs):
    kwargs.setdefault("organiser_name", "Vytauto Didžiojo universitetas")
    return LeaveRequestFactory(school=school.school, teacher=school.teacher, status=LeaveRequest.Status.APPROVED,
                               starts_on=DAY, ends_on=DAY, academic_hours=12, **kwargs)


def test_the_deputy_sees_the_matching_request_and_recognising_replaces_it(client, school):
    request = approved(school)
    item = OutsideCertificateFactory(teacher=school.teacher, provider_name="Vytauto Didžiojo Universitetas",
                                     starts_on=DAY, ends_on=DAY, academic_hours=12)
    client.force_login(school.deputy)
    page = client.get(reverse("certificates:outside_detail", args=[item.pk])).content.decode()
    assert 'id="outside-match"' in page and request.event_title in page
    response = client.post(reverse("certificates:outside_decide", args=[item.pk]),
                           {"decision": "recognise", "replaces": request.pk, "recognised_hours": "12"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == OutsideCertificate.Status.RECOGNISED and item.leave_request == request
    figures = qualification_days(teacher_ids=[school.teacher.pk], year=DAY.year, today=DAY)[school.teacher.pk]
    assert (figures.done_hours, figures.planned_hours) == (12, 0)


def test_a_certificate_of_other_dates_is_not_matched_automatically(school):
    approved(school)
    other = DAY - dt.timedelta(days=1)
    item = OutsideCertificateFactory(teacher=school.teacher, provider_name="Vytauto Didžiojo universitetas",
                                     starts_on=other, ends_on=other, academic_hours=12)
    services.decide_outside_certificate(outside_certificate=item, by=school.deputy, recognise=True)
    item.refresh_from_db()
    assert item.leave_request is None


def test_the_deputy_may_choose_the_request_but_not_another_teachers(school):
    mine = approved(school, organiser_name="Kitas")
    foreign = LeaveRequestFactory(school=school.school, status=LeaveRequest.Status.APPROVED)
    item = OutsideCertificateFactory(teacher=school.teacher, starts_on=DAY, ends_on=DAY)
    with pytest.raises(services.NotAMatchingRequest):
        services.decide_outside_certificate(outside_certificate=item, by=school.deputy, recognise=True,
                                            replaces=foreign)
    services.decide_outside_certificate(outside_certificate=item, by=school.deputy, recognise=True, replaces=mine)
    assert OutsideCertificate.objects.get(pk=item.pk).leave_request == mine


def test_corrected_hours_need_a_reason_and_count_instead_of_the_written_ones(client, school):
    item = OutsideCertificateFactory(teacher=school.teacher, starts_on=DAY, ends_on=DAY, academic_hours=25)
    with pytest.raises(services.HoursReasonMissing):
        services.decide_outside_certificate(outside_certificate=item, by=school.deputy, recognise=True,
                                            recognised_hours=33)
    client.force_login(school.deputy)
    response = client.post(reverse("certificates:outside_decide", args=[item.pk]),
                           {"decision": "recognise", "recognised_hours": "33", "hours_reason": ""})
    assert response.status_code == 400 and "33" in response.content.decode()  # what was typed is kept
    services.decide_outside_certificate(outside_certificate=item, by=school.deputy, recognise=True,
                                        recognised_hours=33, hours_reason="25 astronominės valandos = 33 akademinės")
    item.refresh_from_db()
    assert item.counted_hours == 33 and item.hours_correction_reason.startswith("25 astronominės")
    assert qualification_days(teacher_ids=[school.teacher.pk], year=DAY.year)[school.teacher.pk].done_hours == 33
    response = client.post(reverse("certificates:outside_correct_hours", args=[item.pk]),
                           {"recognised_hours": "30", "hours_reason": "Perskaičiuota pagal programą"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.counted_hours == 30 and item.history.filter(recognised_hours=33).exists()
