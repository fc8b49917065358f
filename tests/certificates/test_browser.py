import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from certificates.models import Certificate
from tests.certificates.helpers import completed_event, staff_of
from tests.factories import RegistrationFactory, teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_issue_the_teacher_downloads_and_the_printed_address_opens_the_check_page(
    page, sign_in, live_server, settings
):
    settings.SITE_URL = live_server.url
    event, registrations = completed_event(attendees=2)
    person = teacher(registrations[0].school, first_name="Žydrūnė", last_name="Šėmaitė")
    RegistrationFactory(event=event, teacher=person, school=registrations[0].school, status="attended")

    sign_in(staff_of(event))
    page.goto(f"/centras/renginiai/{event.pk}/pazymejimai/")
    page.click("#issue-certificates")
    page.wait_for_load_state()
    page.wait_for_selector("#certificate-table tbody tr >> nth=2")
    assert Certificate.objects.filter(event=event, status="valid").count() == 3

    page.context.clear_cookies()
    sign_in(person)
    page.goto("/mano/aplankas/")
    certificate = Certificate.objects.get(holder=person)
    with page.expect_download() as download_info:
        page.click(f"a.certificate-download:has-text('{certificate.number}')")
    path = Path(download_info.value.path())
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Žydrūnė Šėmaitė" in text and certificate.number in text
    match = re.search(r"/pazymejimai/([A-Za-z0-9_-]+)/", "".join(text.split()))
    assert match and match.group(1) == certificate.verification_code

    page.context.clear_cookies()
    page.goto(f"/pazymejimai/{match.group(1)}/")
    assert page.locator(".alert-success").is_visible()
    assert certificate.number in page.locator("main").inner_text()
