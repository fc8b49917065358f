"""The journey of a district moving in, in a real browser: the administrator adds a school and its
director; the director accepts the invitation, imports a 60-person staff list (fixing the row the
preview refused); a teacher accepts, edits subjects and registers for an event; the deputy puts two
teachers' attestation in this year, and the director's queue ranks their requests first (rule 13.2)."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import Workbook

from events.models import Registration
from leave.models import LeaveRequest
from notices.models import NoticeLog
from people.models import Membership, Organisation, Role, TeacherProfile, User
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["Vardas", "Pavardė", "El. paštas", "Pareigos", "Rolė", "Dalykai", "Kvalifikacinė kategorija",
          "Atestacijos metai", "Siekiama kategorija"]
PASSWORD = "Mano-slaptas-2026"


def _staff_file(path, bad_row=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for n in range(60):
        role, position = ("pavaduotojas", "direktoriaus pavaduotoja ugdymui") if n == 0 else ("mokytojas", "mokytoja")
        email = "ne-adresas" if n == bad_row else f"mokytoja{n:02d}@naujoji.lt"
        sheet.append([f"Vardė{n:02d}", f"Pavardė{n:02d}", email, position, role, "Matematika",
                      "vyresnysis mokytojas", "", ""])
    workbook.save(path)
    return path


def _invitation_link(email):
    return NoticeLog.objects.filter(kind="invitation", recipient__email=email).latest("created_at").link


def _accept(page, email):
    page.goto(_invitation_link(email))
    page.fill("input[name=new_password1]", PASSWORD)
    page.fill("input[name=new_password2]", PASSWORD)
    page.click("#invitation-form button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/paskyra/")


def test_a_district_moves_in(page, sign_in, tmp_path):
    administrator = f.member(Role.ADMINISTRATOR)
    chemistry = f.SubjectFactory(name="Chemija")
    event = f.EventFactory(outside_working_hours=True, seats=10, title="Chemijos eksperimentai")

    # The administrator adds the school and its director.
    sign_in(administrator)
    page.goto("/savivaldybe/istaigos/nauja/")
    page.select_option("#id_kind", "school")
    page.fill("#id_name", "Naujosios Vilnios gimnazija")
    page.fill("#id_legal_code", "195000111")
    page.select_option("#id_school_level", "secondary")
    page.click("#organisation-form button[type=submit]")
    page.wait_for_load_state()
    school = Organisation.objects.get(name="Naujosios Vilnios gimnazija")
    page.fill("#id_person-first_name", "Rima")
    page.fill("#id_person-last_name", "Direktorė")
    page.fill("#id_person-email", "rima@naujoji.lt")
    page.select_option("#id_person-role", "director")
    page.click("#person-form button[type=submit]")
    page.wait_for_load_state()
    assert Membership.objects.filter(organisation=school, role=Role.DIRECTOR, user__email="rima@naujoji.lt").exists()

    # The director gets the invitation, sets her own password and is signed in.
    _accept(page, "rima@naujoji.lt")
    director = User.objects.get(email="rima@naujoji.lt")

    # She imports the staff list; the preview refuses one row, she fixes it and imports.
    page.goto("/mokykla/darbuotojai/importas/")
    page.set_input_files("input[name=file]", str(_staff_file(tmp_path / "darbuotojai.xlsx", bad_row=10)))
    page.click("#upload-import")
    page.wait_for_load_state()
    errors = page.locator(".import-errors").inner_text()
    assert "12 eilutė, stulpelis „El. paštas“" in errors
    assert page.locator("#confirm-import").count() == 0
    assert not User.objects.filter(email__endswith="@naujoji.lt").exclude(pk=director.pk).exists()
    page.set_input_files("input[name=file]", str(_staff_file(tmp_path / "pataisyta.xlsx")))
    page.click("#upload-import")
    page.wait_for_load_state()
    assert "Naujų: 60" in page.locator("#preview-summary").inner_text()
    page.click("#confirm-import")
    page.wait_for_load_state()
    assert page.url.endswith(f"/mokykla/darbuotojai/?school={school.pk}")
    assert Membership.objects.filter(organisation=school, is_active=True).exclude(user=director).count() == 60
    invited = NoticeLog.objects.filter(kind="invitation", recipient__memberships__organisation=school).exclude(
        recipient=director)
    assert invited.count() == 60
    assert page.locator("#staff-table").inner_text().count("išsiųstas, laukiama") == 60

    # One teacher accepts, edits her subjects and registers for an event.
    _accept(page, "mokytoja05@naujoji.lt")
    page.check(f"input[name='t-subjects'][value='{chemistry.pk}']")
    page.click("#profile-form button[type=submit]")
    page.wait_for_load_state()
    teacher = User.objects.get(email="mokytoja05@naujoji.lt")
    assert set(TeacherProfile.objects.get(user=teacher).subjects.values_list("name", flat=True)) == {
        "Matematika", "Chemija"}
    page.goto(event.get_absolute_url())
    page.click("#register-button")
    page.wait_for_load_state()
    assert Registration.objects.get(event=event, teacher=teacher).status == Registration.Status.CONFIRMED

    # Four teachers' requests wait for the director; the two submitted last have their attestation this year.
    year = timezone.localdate().year
    now = timezone.now()
    emails = ["mokytoja20@naujoji.lt", "mokytoja21@naujoji.lt", "mokytoja30@naujoji.lt", "mokytoja31@naujoji.lt"]
    for index, email in enumerate(emails):
        f.LeaveRequestFactory(
            school=school, teacher=User.objects.get(email=email), status=LeaveRequest.Status.SUBMITTED,
            during_lessons=False, title=f"Kursai {email[:11]}", submitted_at=now - dt.timedelta(hours=10 - index),
            starts_on=timezone.localdate() + dt.timedelta(days=1))

    # The deputy accepts her invitation and puts two teachers' attestation in this year.
    _accept(page, "mokytoja00@naujoji.lt")
    page.goto("/mokykla/atestacija/")
    for email in emails[2:]:
        user = User.objects.get(email=email)
        page.fill(f"#year-{user.pk}", str(year))
        page.select_option(f"#sought-{user.pk}", "metodininkas")
        page.locator(f"form[aria-label='{user.get_full_name()}'] button[type=submit]").click()
        page.wait_for_load_state()
    assert TeacherProfile.objects.filter(attestation_year=year).count() == 2

    # The director's queue ranks those two first.
    page.context.clear_cookies()
    sign_in(director, PASSWORD)
    page.goto("/prasymai/direktoriui/")
    rows = page.locator("table.leave-ranked tbody tr")
    assert rows.count() == 4
    first_two = {rows.nth(0).locator("td").nth(1).inner_text(), rows.nth(1).locator("td").nth(1).inner_text()}
    assert first_two == {User.objects.get(email=e).get_full_name() for e in emails[2:]}
    with translation.override("lt"):
        reason = gettext("attestation due this year")
    assert reason in rows.nth(0).inner_text() and reason in rows.nth(1).inner_text()
    assert reason not in rows.nth(2).inner_text()
