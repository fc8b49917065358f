"""The journey: a teacher asks, the deputy agrees the cover, the director approves, the teacher sees it."""

import pytest

from leave.models import LeaveRequest
from people.models import Role
from tests.factories import SchoolFactory, member, teacher

from .conftest import days_ahead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_walks_from_teacher_through_deputy_to_director_and_back(page, sign_in):
    school = SchoolFactory()
    asking = teacher(school, first_name="Rūta")
    deputy = member(Role.DEPUTY, school)
    director = member(Role.DIRECTOR, school)

    sign_in(asking)
    page.goto("/prasymai/nauja/")
    page.fill("#id_title", "Konferencija „Šiuolaikinė pamoka“")
    page.fill("#id_organiser_name", "Latvijas Universitāte")
    page.fill("#id_place", "Ryga")
    page.select_option("#id_country", "LV")
    page.fill("#id_starts_on", days_ahead(20).isoformat())
    page.fill("#id_ends_on", days_ahead(21).isoformat())
    page.fill("#id_academic_hours", "12")
    page.fill("#id_cost", "0")
    page.check("#id_during_lessons")
    page.fill("#id_cover_plan", "6a ir 7b klasių pamokas ves kolegė Ona.")
    page.click("button[name=intent][value=submit]")
    page.wait_for_load_state()
    request = LeaveRequest.objects.get()
    assert request.status == LeaveRequest.Status.SUBMITTED
    assert page.url.endswith(f"/prasymai/{request.pk}/")

    page.context.clear_cookies()
    sign_in(deputy)
    page.goto("/prasymai/pavaduotojui/")
    page.click(f"a[href='/prasymai/{request.pk}/']")
    page.fill("#id_comment", "Pavadavimas suderintas.")
    page.click("button[name=action][value=agree]")
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == LeaveRequest.Status.COVER_AGREED

    page.context.clear_cookies()
    sign_in(director)
    page.goto("/prasymai/direktoriui/")
    assert page.locator("table.leave-ranked tbody tr").count() == 1
    page.click(f"a[href='/prasymai/{request.pk}/sprendimas/']")
    page.fill("#id_note", "Sėkmingos konferencijos.")
    page.click("button[name=action][value=approve]")
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == LeaveRequest.Status.APPROVED

    page.context.clear_cookies()
    sign_in(asking)
    page.goto("/prasymai/")
    row = page.locator("tr", has_text="Šiuolaikinė pamoka")
    assert "leave-status-approved" in row.locator(".badge.leave-status").get_attribute("class")
    page.click(f"a[href='/prasymai/{request.pk}/']")
    assert page.locator("ol.audit-trail > li").count() == 4
    assert page.locator(f"a[href='/prasymai/{request.pk}/prasymas.pdf']").count() == 1
