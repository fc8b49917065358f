"""Reports to the teachers' council: the meeting's frame (heading, date, the director's name and
signature line) on the page, the PDF and the spreadsheet, and the version for the whole council
with no money per named person."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from funding import reports
from people.models import Membership, Role

from .data import YEAR, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    data = build()
    director = data["director"]
    director.first_name, director.last_name = "Jūratė", "Šimkienė"
    director.save()
    Membership.objects.filter(user=director, role=Role.DIRECTOR).update(position="direktorė")
    return data


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def teacher_row(html, name):
    start = html.index(f"<th scope=\"row\">{name}")
    return html[start:html.index("</tr>", start)]


def url(name, school, **query):
    address = reverse(f"funding:{name}", args=[school.pk, YEAR])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_frame_names_the_meeting_its_date_and_the_director_who_signs(client, world):
    client.force_login(world["director"])
    page = client.get(url("statement", world["school"], posedis="2025-08-29")).content.decode()
    assert "Mokytojų tarybos posėdis" in page and "2025 m. rugpjūčio 29 d." in page
    assert "Direktorė" in page and "Jūratė Šimkienė" in page and "(parašas)" in page
    text = pdf_text(client.get(url("year_end_pdf", world["school"], posedis="2025-12-30")))
    assert "MOKYTOJŲ TARYBOS POSĖDIS" in text.upper() and "2025 m. gruodžio 30 d." in text
    assert "Ąžuolyno progimnazija" in text and "Jūratė Šimkienė" in text and "(parašas)" in text
    assert "Mokymo lėšos" in text  # totals per source
    sheet = load_workbook(io.BytesIO(client.get(url("statement_xlsx", world["school"], posedis="2025-08-29"))
                                     .content)).worksheets[0]
    rows = [row for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Ąžuolyno progimnazija" and rows[1] == ("Mokytojų tarybos posėdis", "2025-08-29", None,
                                                                 None, None)
    assert any(row[0] == "Direktorė" and row[2] == "Jūratė Šimkienė" for row in rows)


def test_the_version_for_the_whole_council_has_no_money_per_person(client, world):
    client.force_login(world["director"])
    name = world["teachers"][0].get_full_name()
    full = client.get(url("year_end", world["school"])).content.decode()
    assert "165,25\u00a0€" in teacher_row(full, name)  # the teacher's cost, in the director's own version
    page = client.get(url("year_end", world["school"], tarybai=1)).content.decode()
    row = teacher_row(page, name)  # the teachers' days are still shown, without money
    assert "5,0" in row and "€" not in row and 'id="teacher-cost-total"' not in page
    assert "tarybai=1" in page  # the PDF and XLSX links keep the version
    full = pdf_text(client.get(url("year_end_pdf", world["school"])))
    assert "165,25 €" in full.split("Mokytojas Akademinės valandos Dienos")[1].split("Pagal renginį")[0]
    text = pdf_text(client.get(url("year_end_pdf", world["school"], tarybai=1)))
    per_teacher = text.split("Mokytojas Akademinės valandos Dienos")[1].split("Pagal renginį")[0]
    assert name in per_teacher and "€" not in per_teacher
    assert "MOKYTOJŲ TARYBOS POSĖDIS" in text.upper()
    book = load_workbook(io.BytesIO(client.get(url("year_end_xlsx", world["school"], tarybai=1)).content))
    teachers = book.worksheets[1]
    assert [c.value for c in teachers[1]] == ["Mokytojas", "Akademinės valandos", "Dienos", "Suplanuotos dienos"]
    assert all(len([v for v in row if v is not None]) <= 4 for row in teachers.iter_rows(values_only=True))  # no cost column


def test_for_whole_council_drops_the_cost_per_teacher_only():
    data = {"teachers": [{"name": "Rūta Žemaitytė", "days": 5, "cost": 10}], "teacher_cost_total": 10,
            "totals": "kept"}
    council = reports.for_whole_council(data)
    assert council["teachers"] == [{"name": "Rūta Žemaitytė", "days": 5}]
    assert council["teacher_cost_total"] is None and council["totals"] == "kept" and council["for_council"]


def test_a_wrong_meeting_date_is_a_400_with_the_form_kept(client, world):
    client.force_login(world["director"])
    response = client.get(url("statement", world["school"], posedis="2025-13-40"))
    assert response.status_code == 400 and "2025-13-40" in response.content.decode()
    assert client.get(url("statement_pdf", world["school"], posedis="vakar")).status_code == 400
