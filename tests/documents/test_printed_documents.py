"""The plan PDF's approval block and title, the certificate's accreditation line, and no cohort labels
("(3 srautas)") in printed titles."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certificates.pdf import render_certificate
from certificates.services import issuing
from events.models import YearPlan
from events.pdf import render_plan_pdf
from people.models import Role
from tests.certificates.helpers import completed_event
from tests.factories import CentreFactory, EventFactory, member

pytestmark = pytest.mark.django_db

YEAR = 2031


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def centre_with_events():
    centre = CentreFactory(name="Kėdainių švietimo centras")
    EventFactory(organiser=centre, title="Gabių mokinių ugdymas (3 srautas)", starts_on=dt.date(YEAR, 3, 10),
                 plan_year=YEAR)
    EventFactory(organiser=centre, title="Kalbos kultūra mokykloje", starts_on=dt.date(YEAR, 4, 14), plan_year=YEAR)
    return centre


def test_the_plan_pdf_carries_the_approval_block_and_the_centres_title():
    centre = centre_with_events()
    plan = YearPlan.objects.create(organiser=centre, year=YEAR, approval_order_number="V-12",
                                   approval_order_date=dt.date(YEAR, 1, 5))
    text = pdf_text(render_plan_pdf(organiser=centre, year=YEAR, plan=plan))
    assert f"PATVIRTINTA Kėdainių švietimo centro direktoriaus {YEAR} m. sausio 5 d. įsakymu Nr. V-12" in text
    assert f"Kėdainių švietimo centro {YEAR} m. kvalifikacijos tobulinimo renginių planas" in text
    assert "Gabių mokinių ugdymas" in text and "srautas" not in text


def test_without_the_order_the_approval_block_leaves_blanks_to_fill_in():
    centre = centre_with_events()
    text = pdf_text(render_plan_pdf(organiser=centre, year=YEAR))
    assert "PATVIRTINTA Kėdainių švietimo centro direktoriaus 20__ m." in text
    assert "įsakymu Nr. ______" in text


def test_centre_staff_enter_the_order_when_publishing(client, django_capture_on_commit_callbacks):
    centre = centre_with_events()
    client.force_login(member(Role.CENTRE_STAFF, centre))
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("events:plan_publish"), {
            "year": YEAR, "title": "", "introduction": "", "approval_order_number": "V-7",
            "approval_order_date": f"{YEAR}-01-09"})
    assert response.status_code == 302
    plan = YearPlan.objects.get(organiser=centre, year=YEAR)
    assert (plan.approval_order_number, plan.approval_order_date) == ("V-7", dt.date(YEAR, 1, 9))
    page = client.get(reverse("events:plan_manage"), {"year": YEAR}).content.decode()
    assert 'value="V-7"' in page


def test_the_certificate_names_the_accreditation_order_and_prints_no_cohort_label():
    event, (registration,) = completed_event(attendees=1, title="Konferencija „Mokykla 2030“ (2 srautas)")
    certificate, _created = issuing.issue_certificate(registration=registration, render=False)
    assert certificate.title == "Konferencija „Mokykla 2030“"
    text = pdf_text(render_certificate(certificate))
    assert ("Kvalifikacijos tobulinimo veikla akredituota švietimo, mokslo ir sporto ministro "
            "2022 m. gegužės 10 d. įsakymu Nr. V-1234") in text
    assert "„Konferencija ‚Mokykla 2030‘“" in text and "„„" not in text and "srautas" not in text
