"""The district report's PDF prints every column of its tables: with long school names and a source of
every kind, no table is wider than the page (nothing cut off at the right edge), and the text of the PDF
holds every column's header and the last column's values."""

import subprocess
import tempfile
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from weasyprint.formatting_structure import boxes

from funding import pdf as funding_pdf
from funding import reports
from funding.models import FundingKind
from kvalifikacija import pdf
from tests.factories import CentreFactory, ExpenseFactory, FundingSourceFactory, SchoolFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
LONG_NAMES = [
    "Vilniaus rajono Nemenčinės Gedimino gimnazijos Juodšilių „Šilo“ skyrius su ikimokyklinio ugdymo grupėmis",
    "Šalčininkų rajono Jašiūnų „Aušros“ pagrindinės mokyklos Turgelių skyrius",
    "Kauno rajono Garliavos Jonučių progimnazija (buvusi Garliavos antroji vidurinė mokykla)",
]


def pdf_text(data: bytes) -> str:
    """The text printed on the landscape A4 pages (842 × 595 pt): nothing beyond their edges."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(["pdftotext", "-raw", "-x", "0", "-y", "0", "-W", "842", "-H", "595", handle.name, "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.split())


def tables_and_page_widths(html):
    """(right edge of every table, right edge of the page's content area) per page, in CSS px."""
    found = []
    for page in pdf.lay_out(html).pages:
        box = page._page_box
        content_right = box.content_box_x() + box.width
        stack = [box]
        while stack:
            current = stack.pop()
            if isinstance(current, (boxes.TableBox, boxes.TableRowBox)):
                found.append((current.position_x + current.margin_width(), content_right, current.element_tag,
                              (current.element.get("class") or current.element.get("id") or "")))
            stack.extend(getattr(current, "children", []))
    return found


def planned(kind_index, school_index):
    return Decimal("123000.00") + 1000 * kind_index + Decimal("0.01") * school_index


def spent(kind_index, school_index):
    return Decimal("98000.00") + 1000 * kind_index + Decimal("0.01") * school_index


def eur(value):
    whole, cents = f"{value:.2f}".split(".")
    return f"{int(whole):,}".replace(",", " ") + f",{cents} €"


@pytest.fixture
def district():
    CentreFactory(name="Rajono švietimo pagalbos ir mokytojų kvalifikacijos tobulinimo centras")
    for n, name in enumerate(LONG_NAMES):
        school = SchoolFactory(name=name)
        for k, kind in enumerate(FundingKind.values):  # every school and kind its own figures
            source = FundingSourceFactory(owner=school, kind=kind, year=YEAR, amount=planned(k, n))
            ExpenseFactory(source=source, amount=spent(k, n))
    with translation.override("lt"):
        return reports.district_report(year=YEAR)


def test_no_table_of_the_district_pdf_is_wider_than_the_page(district):
    with translation.override("lt"):
        html = funding_pdf.district_html(district)
    widths = tables_and_page_widths(html)
    assert widths
    too_wide = [(right, page, tag, name) for right, page, tag, name in widths if right > page + 0.5]
    assert not too_wide, too_wide


def test_the_district_pdf_prints_every_column_header_and_the_last_columns_values(district):
    with translation.override("lt"):
        text = pdf_text(funding_pdf.district_pdf(district))
    for header in ["Mokykla", "Planuota", "Pajamos", "Rezervuota", "Išleista", "Likutis", "Mokytojai",
                   "Dienos", "Dienos kaina"]:
        assert header in text, header
    for kind in district["kinds"]:  # every kind of source has its column
        assert str(kind["label"])[:12] in text, kind["label"]
    last = len(FundingKind.values) - 1
    assert district["kinds"][-1]["kind"] == FundingKind.values[last]
    for n in range(len(LONG_NAMES)):  # the last kind's column: used / planned of every school
        assert f"{eur(spent(last, n))} / {eur(planned(last, n))}" in text
