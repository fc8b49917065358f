"""Labels a Lithuanian reader sees instead of codes: notice kinds, spreadsheet headers."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from openpyxl import load_workbook

from funding.reports import district_report
from funding.xlsx import district_xlsx
from notices.kinds import kind_label
from tests import factories as f
from tests.i18n.pages import english_on_page


def notice_kinds():
    """Every kind that has an e-mail template, in any app."""
    return sorted({path.name.removesuffix(".subject.txt")
                   for path in Path(settings.BASE_DIR).glob("*/templates/notices/email/*.subject.txt")})


@pytest.mark.parametrize("kind", notice_kinds())
def test_every_notice_kind_has_a_translated_label(kind):
    with translation.override("lt"):
        label = str(kind_label(kind))
    assert label != "kitas pranešimas", f"{kind} has no label"
    assert "_" not in label and not english_on_page(label), label


def test_an_unknown_kind_never_shows_its_code():
    with translation.override("lt"):
        assert str(kind_label("something_new")) == "kitas pranešimas"


@pytest.mark.django_db
def test_district_spreadsheet_headers_are_lithuanian():
    school = f.SchoolFactory()
    source = f.FundingSourceFactory(owner=school, amount=Decimal("16264.50"))
    with translation.override("lt"):
        book = load_workbook(io.BytesIO(district_xlsx(district_report(year=source.year))))
    text = "\n".join(str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
                     if isinstance(cell.value, str)) + "\n" + "\n".join(sheet.title for sheet in book.worksheets)
    assert "planuota" in text and "panaudota" in text
    assert english_on_page(text) == []
    assert "(valdymas)" not in text
