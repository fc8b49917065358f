"""Who and when in the funding reports: every commitment, payment, release and income the year-end
report lists, and every amendment of the start-of-year statement, names the person who entered it and
the local date and time, on the page, in the PDF and in the spreadsheet, and in the versions for the
teachers' council (which name no teacher)."""

import datetime as dt
import io
import re
import subprocess
import tempfile
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from funding import services
from funding.formatting import who_when
from funding.models import FundingAmendment
from people.models import Role
from tests.factories import member

from .data import YEAR, build

pytestmark = pytest.mark.django_db


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def world():
    data = build()
    director = named(data["director"], "Jūratė", "Šimkienė")
    deputy = named(data["deputy"], "Rimantas", "Žukauskas")
    secretary = named(member(Role.DIRECTOR, data["school"]), "Aistė", "Kairienė")
    t1 = data["teachers"][0]
    paid = services.commit(source=data["s1"], amount=D("60.00"), by=director, teacher=t1,
                           description="Mokymai „Ąžuolas“")
    services.mark_paid(expense=paid, paid_on=dt.date(YEAR, 7, 1), document_number="SF-77", by=deputy)
    released = services.commit(source=data["s2"], amount=D("15.00"), by=deputy, description="Kelionė")
    services.release(expense=released, by=secretary)
    amendment = services.amend(source=data["s1"], amount=D("40.00"), date=dt.date(YEAR, 8, 1),
                               reason="Papildomos lėšos", by=secretary)
    paid.refresh_from_db()
    released.refresh_from_db()
    return {**data, "paid": paid, "released": released, "amendment": amendment, "secretary": secretary}


def expected(world):
    """The "who, when" of every step entered above, as every report must print it."""
    paid, released = world["paid"], world["released"]
    texts = [who_when(paid.created_by, paid.committed_at), who_when(paid.paid_by, paid.paid_at),
             who_when(released.created_by, released.committed_at),
             who_when(released.released_by, released.released_at)]
    assert texts[0].startswith("Jūratė Šimkienė, ") and re.search(r", \d{4}-\d\d-\d\d \d\d:\d\d$", texts[0])
    local = timezone.localtime(paid.committed_at).strftime("%Y-%m-%d %H:%M")
    assert texts[0] == f"Jūratė Šimkienė, {local}"  # local time, not UTC
    return texts


def url(name, school, **query):
    address = reverse(f"funding:{name}", args=[school.pk, YEAR])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(response.content)
        handle.flush()
        out = subprocess.run(["pdftotext", "-raw", handle.name, "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.replace("\u00a0", " ").split())


def sheet_cells(response, title):
    book = load_workbook(io.BytesIO(response.content))
    sheet = book[title]
    return [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]


def test_the_year_end_report_says_who_committed_paid_and_released_and_when(client, world):
    texts = expected(world)
    client.force_login(world["director"])
    page = client.get(url("year_end", world["school"])).content.decode()
    movements = page[page.index('id="money-movements"'):]
    for text in texts:
        assert text in movements, text
    assert "Mokymai „Ąžuolas“" in movements and world["teachers"][0].get_full_name() in movements
    pdf = pdf_text(client.get(url("year_end_pdf", world["school"])))
    for text in texts:
        assert text in pdf, text
    rows = sheet_cells(client.get(url("year_end_xlsx", world["school"])), "Lėšų judėjimas")
    assert rows[0] == ["Šaltinis", "Paskirtis", "Mokytojas", "Suma", "Būsena", "Rezervavo arba įrašė", "Mokėjimą įrašė",
                       "Atlaisvino"]
    paid_row = next(row for row in rows if "Mokymai „Ąžuolas“" in row)
    assert texts[0] in paid_row and texts[1] in paid_row and D(str(paid_row[3])) == D("60.00")
    released_row = next(row for row in rows if "Kelionė" in row)
    assert texts[2] in released_row and texts[3] in released_row


def test_the_council_version_keeps_who_and_when_and_names_no_teacher(client, world):
    texts = expected(world)
    teacher_name = world["teachers"][0].get_full_name()
    client.force_login(world["director"])
    page = client.get(url("year_end", world["school"], tarybai=1, posedis="2025-12-30")).content.decode()
    movements = page[page.index('id="money-movements"'):]
    assert all(text in movements for text in texts) and teacher_name not in movements
    pdf = pdf_text(client.get(url("year_end_pdf", world["school"], tarybai=1, posedis="2025-12-30")))
    assert "MOKYTOJŲ TARYBOS POSĖDIS" in pdf.upper()
    movements = pdf[pdf.index("Lėšų judėjimas"):]
    assert all(text in movements for text in texts) and teacher_name not in movements
    rows = sheet_cells(client.get(url("year_end_xlsx", world["school"], tarybai=1)), "Lėšų judėjimas")
    assert "Mokytojas" not in rows[0]
    assert all(teacher_name not in row for row in rows)
    assert any(texts[1] in row for row in rows) and any(texts[3] in row for row in rows)


def test_the_statement_says_who_entered_each_amendment_and_when(client, world):
    amendment = FundingAmendment.objects.get(pk=world["amendment"].pk)
    text = who_when(world["secretary"], amendment.created_at)
    assert text.startswith("Aistė Kairienė, ")
    client.force_login(world["director"])
    assert text in client.get(url("statement", world["school"], posedis="2025-08-29")).content.decode()
    assert text in pdf_text(client.get(url("statement_pdf", world["school"], posedis="2025-08-29")))
    rows = sheet_cells(client.get(url("statement_xlsx", world["school"])), "Pakeitimai")
    assert rows[0][-1] == "Įvedė" and any(text in row for row in rows)
