"""Pages: wiring, wrong-school and wrong-role answers, constant query counts, the decision PDF."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from leave.models import LeaveRequest, SchoolPriority, SchoolQualificationPlan
from tests.factories import EventFactory, RegistrationFactory, teacher

from .conftest import catalogue_request, days_ahead, outside_request, source_for

S = LeaveRequest.Status
pytestmark = pytest.mark.django_db


def other_school_teacher(s):
    return teacher()


def login(client, user):
    client.force_login(user)
    return client


def test_teacher_creates_an_outside_request_abroad_and_submits(client, school):
    login(client, school.teacher)
    data = {
        "title": "Erasmus+ kursai „Kūrybiška pamoka“", "organiser_name": "Europass Teacher Academy",
        "place": "Florencija", "country": "IT", "starts_on": days_ahead(20).isoformat(),
        "ends_on": days_ahead(24).isoformat(), "academic_hours": "30", "cost": "0", "reason": "Erasmus+",
        "during_lessons": "on", "cover_plan": "", "intent": "submit",
    }
    response = client.post(reverse("leave:create_outside"), data)
    assert response.status_code == 200
    assert "kaip bus atidirbtos (pavaduotos) praleistos pamokos" in response.content.decode()  # Lithuanian by default
    assert "Florencija" in response.content.decode()  # what was typed is kept
    data["cover_plan"] = "Pamokas ves kolegė"
    response = client.post(reverse("leave:create_outside"), data)
    lr = LeaveRequest.objects.get()
    assert response.status_code == 302 and lr.status == S.SUBMITTED and lr.is_abroad and lr.country == "IT"


def test_request_started_from_a_registration(client, school):
    registration = RegistrationFactory(teacher=school.teacher, school=school.school,
                                       status=Registration.Status.PENDING, needs_approval=True)
    login(client, school.teacher)
    url = reverse("leave:create_for_registration", args=[registration.pk])
    assert url == f"/prasymai/nauja/registracija/{registration.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"during_lessons": "on", "cover_plan": "Pavaduos kolegė", "intent": "submit"})
    lr = LeaveRequest.objects.get(registration=registration)
    assert response.status_code == 302 and lr.status == S.SUBMITTED
    assert client.get(url).url == reverse("leave:detail", args=[lr.pk])


def test_another_teachers_registration_is_not_found(client, school):
    registration = RegistrationFactory(teacher=teacher(school.school), status=Registration.Status.PENDING)
    login(client, school.teacher)
    assert client.get(reverse("leave:create_for_registration", args=[registration.pk])).status_code == 404


def test_request_page_shows_the_record_of_steps(client, school):
    lr = outside_request(school)
    from leave import services

    services.submit(leave_request=lr, by=school.teacher)
    login(client, school.deputy)
    page = client.get(reverse("leave:detail", args=[lr.pk])).content.decode()
    assert str(school.teacher.get_full_name()) in page and "Suderinti pavadavimą" in page


@pytest.mark.parametrize("who", ["other_teacher", "other_deputy", "other_director"])
def test_request_page_of_another_school_is_not_found(client, school, other_school, who):
    lr = outside_request(school, status=S.SUBMITTED)
    user = {"other_teacher": teacher(school.school), "other_deputy": other_school.deputy,
            "other_director": other_school.director}[who]
    login(client, user)
    for name in ("leave:detail", "leave:decide", "leave:edit"):
        assert client.get(reverse(name, args=[lr.pk])).status_code == 404
    assert client.post(reverse("leave:cover", args=[lr.pk]), {"action": "agree"}).status_code == 404


def test_wrong_roles_are_forbidden(client, school):
    lr = outside_request(school, status=S.COVER_AGREED)
    login(client, school.deputy)
    assert client.get(reverse("leave:decide", args=[lr.pk])).status_code == 403
    assert client.post(reverse("leave:teacher_action", args=[lr.pk]), {"action": "withdraw"}).status_code == 403
    assert client.get(reverse("leave:edit", args=[lr.pk])).status_code == 403
    assert client.get(reverse("leave:director_queue")).status_code == 403
    login(client, school.teacher)
    assert client.post(reverse("leave:cover", args=[lr.pk]), {"action": "agree"}).status_code == 403
    assert client.get(reverse("leave:decide", args=[lr.pk])).status_code == 403
    for name in ("leave:deputy_queue", "leave:director_queue", "leave:priorities", "leave:recommendations",
                 "leave:school_days"):
        assert client.get(reverse(name)).status_code == 403, name
    login(client, school.deputy)
    assert client.get(reverse("leave:my_requests")).status_code == 403  # neither a teacher nor a director (a director asks the municipality)


def test_head_cannot_pick_another_school(client, school, other_school):
    login(client, school.director)
    for name in ("leave:priorities", "leave:recommendations", "leave:school_days"):
        assert client.get(reverse(name), {"school": other_school.school.pk}).status_code == 404
    priority = SchoolPriority.objects.create(school=other_school.school, year=2026, title="X")
    assert client.get(reverse("leave:priority_edit", args=[priority.pk])).status_code == 404


def test_deputy_agrees_cover_through_the_page(client, school):
    lr = outside_request(school, status=S.SUBMITTED)
    login(client, school.deputy)
    response = client.post(reverse("leave:cover", args=[lr.pk]), {"action": "agree", "comment": "Gerai"})
    assert response.status_code == 302
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.COVER_AGREED


def test_decision_page_shows_the_shortfall_and_takes_an_override(client, school):
    source = source_for(school, amount="10.00")
    lr = catalogue_request(school, fee=Decimal("40.00"), status=S.COVER_AGREED, funding_source=source)
    login(client, school.director)
    url = reverse("leave:decide", args=[lr.pk])
    page = client.get(url).content.decode()
    assert "30,00" in page
    response = client.post(url, {"action": "approve", "funding_source": source.pk, "warnings_seen": "on"})
    assert response.status_code == 200 and "30,00" in response.content.decode()
    response = client.post(url, {"action": "approve", "funding_source": source.pk, "warnings_seen": "on",
                                 "override_reason": "Mokyklos prioritetas"})
    assert response.status_code == 302
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.APPROVED


def test_rejecting_through_the_page_needs_a_reason(client, school):
    lr = outside_request(school, status=S.COVER_AGREED)
    login(client, school.director)
    url = reverse("leave:decide", args=[lr.pk])
    assert client.post(url, {"action": "reject", "note": ""}).status_code == 200
    assert client.post(url, {"action": "reject", "note": "Nėra lėšų"}).status_code == 302
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.REJECTED


def test_priorities_and_planned_days_page(client, school):
    event = EventFactory()
    login(client, school.deputy)
    url = reverse("leave:priorities")
    year = timezone.localdate().year
    response = client.post(f"{url}?year={event.plan_year}", {
        "priority-title": "Skaitmeninis raštingumas", "priority-order": "1", "priority-events": [event.pk]})
    assert response.status_code == 302
    assert list(SchoolPriority.objects.get().events.all()) == [event]
    response = client.post(f"{url}?year={year}", {"plan-planned_days": "120", "plan-note": ""})
    assert SchoolQualificationPlan.objects.get(year=year).planned_days == 120


def test_recommendation_page_sends_to_chosen_teachers(client, school):
    event = EventFactory()
    login(client, school.director)
    response = client.post(reverse("leave:recommendations"), {"event": event.pk, "teachers": [school.teacher.pk]})
    assert response.status_code == 302
    login(client, school.teacher)
    page = client.get(reverse("leave:my_requests")).content.decode()
    assert event.title in page and event.get_absolute_url() in page


def test_report_back_page_and_materials_are_private(client, school, other_school):
    registration = RegistrationFactory(teacher=school.teacher, status=Registration.Status.ATTENDED)
    login(client, school.teacher)
    url = reverse("leave:report_for_registration", args=[registration.pk])
    pdf = io.BytesIO(b"%PDF-1.4\n%test\n")
    pdf.name = "skaidres.pdf"
    response = client.post(url, {"reported_on": timezone.localdate().isoformat(), "methodical_group": "Kalbų",
                                 "summary": "Pristačiau kolegoms", "materials": pdf})
    assert response.status_code == 302
    report = registration.report_back
    assert client.get(reverse("leave:report_materials", args=[report.pk])).status_code == 200
    login(client, school.deputy)
    assert client.get(reverse("leave:report_materials", args=[report.pk])).status_code == 200
    login(client, other_school.deputy)
    assert client.get(reverse("leave:report_materials", args=[report.pk])).status_code == 404
    login(client, other_school.teacher)
    assert client.get(url).status_code == 404


def test_the_former_decision_pdf_address_leads_to_the_request(client, school):
    lr = outside_request(school, status=S.COVER_AGREED)
    login(client, school.teacher)
    response = client.get(reverse("leave:decision_pdf", args=[lr.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("leave:request_pdf", args=[lr.pk])
    login(client, other_school_teacher(school))
    assert client.get(reverse("leave:decision_pdf", args=[lr.pk])).status_code == 404


def _fill(s, n):
    for _ in range(n):
        who = teacher(s.school)
        outside_request(s, status=S.COVER_AGREED, teacher=who)
        outside_request(s, status=S.SUBMITTED, teacher=who)
        catalogue_request(s, status=S.COVER_AGREED, teacher_user=who)


@pytest.mark.parametrize("name, role", [
    ("leave:director_queue", "director"), ("leave:deputy_queue", "deputy"), ("leave:school_days", "director"),
    ("leave:my_requests", "teacher"),
])
def test_lists_use_a_constant_number_of_queries(client, school, django_assert_max_num_queries, name, role):
    user = getattr(school, role)
    login(client, user)
    _fill(school, 2)
    for _ in range(3):
        outside_request(school, status=S.APPROVED)
    with django_assert_max_num_queries(40) as small:
        assert client.get(reverse(name)).status_code == 200
    _fill(school, 15)
    for _ in range(15):
        outside_request(school, status=S.APPROVED)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse(name)).status_code == 200
