"""One definition of qualification days: every page, report and document shows the same done and
planned days for one teacher (issue 13)."""

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from certificates.services.outside import decide_outside_certificate
from events.models import Registration
from leave.models import LeaveRequest
from people.models import Role
from people.qualification import qualification_days
from tests.factories import (
    EventFactory,
    LeaveRequestFactory,
    OutsideCertificateFactory,
    RegistrationFactory,
    SchoolFactory,
    member,
    teacher,
)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

DONE, PLANNED = "4,3", "2,5"  # 26 h and 15 h at 6 h a day
# What a page shows when it mixes planned into done (41 h, 50 h), counts the replaced request again
# (35 h) or ignores the deputy's hours correction (24 h).
WRONG = ("6,8", "8,3", "5,8", "4,0")


def _number(text, figure):
    return re.search(rf"(?<![\d,]){re.escape(figure)}(?![\d])", text) is not None


def assert_same_days(text, where):
    assert _number(text, DONE), f"{where}: done days {DONE} missing"
    assert _number(text, PLANNED), f"{where}: planned days {PLANNED} missing"
    for figure in WRONG:
        assert not _number(text, figure), f"{where}: wrong figure {figure}"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_text(response):
    content = body(response)
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def world():
    today = timezone.localdate()
    year = today.year
    past = max(dt.date(year, 1, 1), today - dt.timedelta(days=20))
    ahead = min(dt.date(year, 12, 31), today + dt.timedelta(days=7))
    school = SchoolFactory()
    director, deputy = member(Role.DIRECTOR, school), member(Role.DEPUTY, school)
    person = teacher(school)
    # 1. An attended catalogue event: 10 h done.
    event = EventFactory(academic_hours=10, starts_on=past, ends_on=past, status="completed")
    RegistrationFactory(event=event, teacher=person, status=Registration.Status.ATTENDED)
    # 2. A recognised outside certificate from abroad, 5 astronomical-looking hours counted as 7: 7 h done.
    loose = OutsideCertificateFactory(teacher=person, academic_hours=5, starts_on=past, ends_on=past,
                                      provider_name="Helsingin yliopisto")
    decide_outside_certificate(outside_certificate=loose, by=deputy, recognise=True, recognised_hours=7,
                               hours_reason="Pažymėjime nurodytos astronominės valandos")
    # 3. An approved outside request still ahead: 15 h planned.
    planned = LeaveRequestFactory(school=school, teacher=person, status=LeaveRequest.Status.APPROVED,
                                  academic_hours=15, starts_on=ahead, ends_on=ahead, organiser_name="Latvijas Universitāte",
                                  decided_by=director, decided_at=timezone.now())
    # 4. An approved outside request whose certificate (same organiser and dates) is recognised: 9 h done, once.
    held = LeaveRequestFactory(school=school, teacher=person, status=LeaveRequest.Status.APPROVED,
                               academic_hours=9, starts_on=past, ends_on=past, organiser_name="Kauno kolegija",
                               decided_by=director, decided_at=timezone.now())
    matching = OutsideCertificateFactory(teacher=person, academic_hours=9, starts_on=past, ends_on=past,
                                         provider_name="  kauno KOLEGIJA ")
    decide_outside_certificate(outside_certificate=matching, by=deputy, recognise=True)
    matching.refresh_from_db()
    assert matching.leave_request == held
    # 5. A request waiting for the director, so the teacher is in the director's queue (not counted).
    LeaveRequestFactory(school=school, teacher=person, status=LeaveRequest.Status.SUBMITTED, during_lessons=False,
                        academic_hours=30, starts_on=ahead, ends_on=ahead, submitted_at=timezone.now())
    return type("World", (), {"school": school, "director": director, "deputy": deputy, "teacher": person,
                              "planned": planned, "year": year})


def test_the_service_counts_done_and_planned_once(world):
    figures = qualification_days(teacher_ids=[world.teacher.pk], year=world.year)[world.teacher.pk]
    assert (figures.done_hours, figures.planned_hours) == (26, 15)
    assert (str(figures.done_days), str(figures.planned_days)) == ("4.3", "2.5")


def test_every_page_and_document_shows_the_same_done_and_planned_days(client, world):
    client.force_login(world.teacher)
    for name in ("home", "certificates:my_record", "leave:my_requests"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert_same_days(response.content.decode(), name)
    response = client.get(reverse("certificates:my_record_pdf"))
    assert response.status_code == 200
    assert_same_days(pdf_text(response), "record PDF")
    response = client.get(reverse("leave:request_pdf", args=[world.planned.pk]))
    assert response.status_code == 200
    assert_same_days(pdf_text(response), "decision PDF")

    client.force_login(world.director)
    for name in ("leave:school_days", "leave:director_queue", "certificates:school_records"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert_same_days(response.content.decode(), name)
    args = [world.school.pk, world.year]
    response = client.get(reverse("funding:year_end", args=args))
    assert response.status_code == 200
    assert_same_days(response.content.decode(), "year-end report")
    response = client.get(reverse("funding:year_end_pdf", args=args))
    assert response.status_code == 200
    assert_same_days(pdf_text(response), "year-end PDF")
    response = client.get(reverse("funding:year_end_xlsx", args=args))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(body(response))).worksheets[1]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == world.teacher.get_full_name())
    assert (row[1], float(row[2]), float(row[3])) == (26, 4.3, 2.5)


def test_the_ranking_compares_done_days_not_planned(world):
    from leave.selectors import ranking_inputs

    waiting = LeaveRequest.objects.get(teacher=world.teacher, status=LeaveRequest.Status.SUBMITTED)
    assert str(ranking_inputs([waiting])[0].days_this_year) == "4.3"


def test_the_days_formula_is_written_once():
    """`grep` finds hours divided by ACADEMIC_HOURS_PER_DAY in one place only."""
    found = subprocess.run(
        ["grep", "-rnE", "--include=*.py", "--include=*.html", r"/ *(Decimal\()?(settings\.)?ACADEMIC_HOURS_PER_DAY",
         "people", "events", "leave", "funding", "certificates", "surveys", "loans", "notices", "kvalifikacija"],
        cwd=ROOT, capture_output=True, text=True,
    ).stdout.strip().splitlines()
    assert [line.split(":")[0] for line in found] == ["people/qualification.py"]
