"""The teacher's request (prašymas) as a PDF: printable for signature, with the director's resolution
once decided, names in the nominative by the sentence's structure, no nested quotes, the funding
source in the genitive."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from leave import services
from leave.models import LeaveRequest
from lithuanian.documents import document_date
from people.models import Membership, Role
from workflows import leave_requests
from workflows.leave_requests import approve_request

from .conftest import outside_request, source_for

S = LeaveRequest.Status
pytestmark = pytest.mark.django_db


def pdf_text(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def named(school):
    for user, first, last in [(school.teacher, "Rūta", "Žemaitytė"), (school.director, "Jūratė", "Šimkienė"),
                              (school.deputy, "Aušra", "Čiurlionienė")]:
        user.first_name, user.last_name = first, last
        user.save()
    Membership.objects.filter(user=school.director, role=Role.DIRECTOR).update(position="direktorė")
    Membership.objects.filter(user=school.teacher, role=Role.TEACHER).update(position="lietuvių kalbos mokytoja")
    school.school.name = "Ąžuolyno progimnazija"
    school.school.address = "Mokyklos g. 3, LT-57101 Kėdainiai"
    school.school.save()


def test_a_draft_is_printable_for_signature_with_no_resolution(client, school):
    named(school)
    lr = outside_request(school, title="Tarptautinė konferencija „Mokykla 2030“", place="Ryga", country="LV")
    client.force_login(school.teacher)
    text = pdf_text(client.get(reverse("leave:request_pdf", args=[lr.pk])))
    assert "PRAŠYMAS" in text and "DĖL LEIDIMO DALYVAUTI KVALIFIKACIJOS TOBULINIMO RENGINYJE" in text
    assert "Ąžuolyno progimnazijos direktorei Jūratei Šimkienei" in text  # addressed to the director by name
    assert "Rūta Žemaitytė" in text and "lietuvių kalbos mokytoja" in text
    assert "Prašau leisti man dalyvauti kvalifikacijos tobulinimo renginyje" in text
    assert "„Tarptautinė konferencija ‚Mokykla 2030‘“" in text and "„„" not in text  # quotes never nest
    assert "Ryga (Latvija)" in text and "Kėdainiai" in text
    assert "Prašymą pateikė" in text and "(parašas)" in text
    assert "Praleistos pamokos bus atidirbtos" in text
    assert "Leisti" not in text and "SPRENDIMAS" not in text


def test_the_approved_request_carries_the_resolution_with_the_source_in_the_genitive(client, school):
    named(school)
    source = source_for(school, amount="5000.00")
    lr = outside_request(school, status=S.SUBMITTED, cost=Decimal("1234.50"), funding_source=source,
                         title="Seminaras „Vertinimas“", place="Kaunas", country="LT")
    services.agree_cover(leave_request=lr, by=school.deputy)
    leave_requests.approve_request(leave_request=lr, by=school.director, funding_source=source, warnings_seen=True)
    client.force_login(school.director)
    text = pdf_text(client.get(reverse("leave:request_pdf", args=[lr.pk])))
    assert "Leisti. Apmokėti iš mokymo lėšų." in text
    assert "iš Mokymo lėšos" not in text
    assert "Direktorė Jūratė Šimkienė" in text  # the director's name in the nominative, by the structure
    assert document_date(timezone.localdate()) in text
    assert "1 234,50 €" in text
    assert "Aušra Čiurlionienė" in text  # cover agreed with the deputy
    assert "Šimkienė prašymui" not in text and "Žemaitytė prašymui" not in text


def test_the_directors_override_reason_is_on_the_resolution(client, school):
    named(school)
    source = source_for(school, amount="100.00")
    lr = outside_request(school, status=S.COVER_AGREED, cost=Decimal("150.00"), funding_source=source)
    approve_request(leave_request=lr, by=school.director, funding_source=source, warnings_seen=True,
                    override_reason="Mokyklos taryba pritarė papildomam finansavimui.")
    client.force_login(school.teacher)
    text = pdf_text(client.get(reverse("leave:request_pdf", args=[lr.pk])))
    assert "Leista viršyti šaltinio likutį: Mokyklos taryba pritarė papildomam finansavimui." in text


def test_a_free_request_is_allowed_without_a_source_and_a_rejected_one_is_not(client, school):
    named(school)
    free = outside_request(school, status=S.COVER_AGREED)
    leave_requests.approve_request(leave_request=free, by=school.director, warnings_seen=True)
    rejected = outside_request(school, status=S.COVER_AGREED)
    leave_requests.reject_request(leave_request=rejected, by=school.director, reason="Tą dieną vyksta brandos egzaminas.")
    client.force_login(school.teacher)
    text = pdf_text(client.get(reverse("leave:request_pdf", args=[free.pk])))
    assert "Leisti." in text and "Apmokėti" not in text and "renginys nemokamas" in text
    text = pdf_text(client.get(reverse("leave:request_pdf", args=[rejected.pk])))
    assert "Neleisti." in text and "brandos egzaminas" in text


def test_another_schools_people_get_no_request(client, school, other_school):
    lr = outside_request(school, status=S.SUBMITTED)
    for user in (other_school.teacher, other_school.director):
        client.force_login(user)
        assert client.get(reverse("leave:request_pdf", args=[lr.pk])).status_code == 404
