"""One formatting layer: numbers, money, dates and day counts as Lithuanian schools write them, the
same in the functions, on a page, in a PDF and in a spreadsheet's display formats."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from events.models import Event
from events.pdf import render_plan_pdf
from funding.xlsx import EUR
from lithuanian import formats
from lithuanian.countries import country_name
from people.models import Role
from tests import factories as f

NB = "\u00a0"


def test_numbers_group_thousands_with_a_non_breaking_space_and_use_a_decimal_comma():
    assert formats.number(16264) == f"16{NB}264"
    assert formats.number(Decimal("1234567.5")) == f"1{NB}234{NB}567,5"
    assert formats.number(Decimal("6.50")) == "6,5"
    assert formats.number(2, 1) == "2,0"
    assert formats.number(999) == "999"
    assert formats.number(None) == "" and formats.number("abc") == ""


def test_money_has_two_decimals_and_the_euro_sign_after_a_non_breaking_space():
    assert formats.money(Decimal("1234.5")) == f"1{NB}234,50{NB}€"
    assert formats.money(200) == f"200,00{NB}€"
    assert formats.money(Decimal("13285")) == f"13{NB}285,00{NB}€"
    assert formats.money(Decimal("-80")) == f"-80,00{NB}€"
    assert formats.money(Decimal("0.005")) == f"0,01{NB}€"  # half up, as accountants round
    assert formats.money(Decimal("1234.5"), symbol=False) == f"1{NB}234,50"


def test_day_counts_and_hours_carry_their_short_units():
    with translation.override("lt"):
        assert formats.day_count(Decimal("6.5")) == f"6,5{NB}d."
        assert formats.day_count(5) == f"5,0{NB}d."
        assert formats.hours(24) == f"24{NB}akad. val."


def test_dates_in_tables_and_documents():
    day = dt.date(2026, 12, 1)
    with translation.override("lt"):
        assert formats.table_date(day) == "2026-12-01"
        assert formats.document_date(day) == "2026 m. gruodžio 1 d."
        assert formats.weekday(dt.date(2026, 12, 8)) == "antradienis"
        assert formats.date_range(day, day) == "2026-12-01"
        assert formats.date_range(day, None) == "2026-12-01"
        assert formats.date_range(day, dt.date(2026, 12, 3)) == "2026-12-01–2026-12-03"
        assert formats.date_range(day, dt.date(2026, 12, 3), document=True) == "2026 m. gruodžio 1–3 d."
        assert formats.date_range(dt.date(2026, 11, 30), dt.date(2026, 12, 3), document=True) == (
            "2026 m. lapkričio 30 d. – gruodžio 3 d.")
        assert formats.date_range(day, day, document=True) == "2026 m. gruodžio 1 d."


def test_template_filters_are_the_same_functions():
    template = Template("{% load lt %}{{ a|money }}|{{ n|number }}|{{ d|days }}|{{ s|trange:e }}|{{ s|ddate }}|"
                        "{{ s|weekday }}|{{ c|country }}|{{ name|vocative }}")
    with translation.override("lt"):
        text = template.render(Context({"a": Decimal("1234.5"), "n": 16264, "d": Decimal("6.5"),
                                        "s": dt.date(2026, 12, 8), "e": dt.date(2026, 12, 8), "c": "LV",
                                        "name": "Jūratė"}))
    assert text == (f"1{NB}234,50{NB}€|16{NB}264|6,5{NB}d.|2026-12-08|2026 m. gruodžio 8 d.|antradienis|"
                    "Latvija|Jūrate")


def test_countries_by_name_in_the_active_language():
    with translation.override("lt"):
        assert country_name("LV") == "Latvija" and country_name("de") == "Vokietija"
        assert country_name("ZZ") == "kita šalis"
    with translation.override("en"):
        assert country_name("LV") == "Latvia"


@pytest.mark.django_db
def test_a_page_shows_money_and_a_one_day_event_as_one_date(client):
    event = f.EventFactory(fee=Decimal("1234.50"), starts_on=dt.date(2031, 3, 4), ends_on=dt.date(2031, 3, 4),
                           status=Event.Status.PUBLISHED, registration_deadline=None)
    page = client.get(f"/renginiai/{event.pk}/").content.decode()
    assert f"1{NB}234,50{NB}€" in page
    assert "2031-03-04–2031-03-04" not in page and "2031-03-04 – 2031-03-04" not in page
    assert "antradienis" in page


@pytest.mark.django_db
def test_a_pdf_shows_money_in_the_lithuanian_format():
    centre = f.CentreFactory()
    f.EventFactory(organiser=centre, title="Brangūs kursai", fee=Decimal("1234.50"), status=Event.Status.PUBLISHED,
                   starts_on=dt.date(2031, 3, 4), ends_on=dt.date(2031, 3, 4))
    reader = PdfReader(io.BytesIO(render_plan_pdf(organiser=centre, year=2031)))
    text = " ".join(page.extract_text() for page in reader.pages).replace(NB, " ")
    assert "1 234,50 €" in text and "1234.50" not in text
    assert "2031-03-04" in text and "2031-03-04 – 2031-03-04" not in text


@pytest.mark.django_db
def test_a_spreadsheet_keeps_numbers_with_display_formats(client):
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school)
    assert EUR == formats.XLSX_MONEY == '#,##0.00\\ "€"'
    source = f.FundingSourceFactory(owner=school, amount=Decimal("16264.50"))
    client.force_login(director)
    response = client.get(f"/lesos/ataskaitos/{school.pk}/{source.year}/metu-pabaiga.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    money_cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
                   if isinstance(cell.value, (int, float, Decimal)) and cell.number_format == EUR]
    assert any(Decimal(str(cell.value)) == Decimal("16264.5") for cell in money_cells)
