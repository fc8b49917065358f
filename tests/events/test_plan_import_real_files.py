"""A centre's real monthly plan goes in: Lithuanian headers with units and punctuation, one time-range
column, money with a comma, lecturers matched or kept as names, audience read as roles and school
levels, ignored columns listed before saving, a hand mapping remembered, and a second run skipping
what was imported."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from events.models import Event, ImportColumnMapping
from events.services.importing import (
    ImportFailed,
    import_events,
    import_plan,
    preview_events,
    remember_mapping,
)
from people.models import Role
from tests.factories import CentreFactory, member

pytestmark = pytest.mark.django_db

HEADER = ("Eil. Nr.;Data;Laikas;Renginio pavadinimas;Forma;Dalyviai;Lektorius;Vieta;Trukmė (akad. val.);"
          "Kaina, Eur;Atsakinga")
ROWS = [
    "1;2031-03-10;14.00–17.00;Įtraukusis ugdymas pradinėse klasėse;Seminaras;Pradinių klasių mokytojai;"
    "Rūta Žemaitytė;Švietimo centras, 12 kab.;4;15,00;Asta Petraitienė",
    "2;2031-03-17;13:00-16:00;Skaitmeninis raštingumas;Vebinaras;Mokytojai, direktorių pavaduotojai ugdymui;"
    "dr. Jonas Jonaitis;Nuotoliniu būdu;4;0;Tomas Kairys",
]


def real_csv(*rows):
    return "\n".join([HEADER, *(rows or ROWS)]).encode("utf-8")


def real_xlsx():
    book = Workbook()
    sheet = book.active
    for line in [HEADER, *ROWS]:
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def centre():
    return CentreFactory()


@pytest.fixture
def lecturer(centre):
    return member(Role.LECTURER, centre, first_name="Rūta", last_name="Žemaitytė")


@pytest.mark.parametrize(("data", "filename"), [(real_csv(), "kovas.csv"), (real_xlsx(), "kovas.xlsx")])
def test_a_real_monthly_plan_imports_with_fee_lecturer_audience_and_times(centre, lecturer, data, filename):
    preview = preview_events(data=data, filename=filename, organiser=centre)
    assert preview.errors == []
    assert preview.ignored == ["Eil. Nr.", "Atsakinga"]
    assert preview.mapped["fee"] == "Kaina, Eur" and preview.mapped["academic_hours"] == "Trukmė (akad. val.)"
    created = import_events(data=data, filename=filename, organiser=centre)
    first, second = sorted(created, key=lambda e: e.starts_on)
    assert first.title == "Įtraukusis ugdymas pradinėse klasėse" and first.fee == Decimal("15.00")
    assert first.form == "seminaras" and first.academic_hours == 4 and first.place == "Švietimo centras, 12 kab."
    session = first.sessions.get()
    assert (session.start_time.strftime("%H:%M"), session.end_time.strftime("%H:%M")) == ("14:00", "17:00")
    assert list(first.lecturers.all()) == [lecturer] and first.lecturer_names == ""
    assert first.audience_roles == ["teacher"] and first.audience_levels == ["primary"]
    assert first.audience_note == "Pradinių klasių mokytojai"
    assert second.form == "vebinaras" and second.fee == 0
    assert second.lecturer_names == "dr. Jonas Jonaitis" and not second.lecturers.exists()
    assert second.audience_roles == ["teacher", "deputy"]
    assert second.sessions.get().start_time.strftime("%H:%M") == "13:00"


def test_reimporting_the_same_rows_skips_them(centre):
    import_events(data=real_csv(), filename="kovas.csv", organiser=centre)
    preview = preview_events(data=real_csv(), filename="kovas.csv", organiser=centre)
    assert len(preview.duplicates) == 2 and preview.new_rows == []
    created, skipped = import_plan(data=real_csv(), filename="kovas.csv", organiser=centre)
    assert created == [] and skipped == 2
    assert Event.objects.count() == 2


def test_a_bad_time_range_names_the_row_and_the_files_column(centre):
    bad = ROWS[0].replace("14.00–17.00", "po pietų")
    with pytest.raises(ImportFailed) as caught:
        import_events(data=real_csv(bad), filename="kovas.csv", organiser=centre)
    assert any("2" in e and "Laikas" in e for e in map(str, caught.value.errors))


def test_a_column_mapped_by_hand_is_remembered_for_the_centre(centre):
    data = "Pavadinimas;Forma;Data;Laikas;Trukmė;Vykdytojas\nA;seminaras;2031-04-01;10.00-12.00;2;VU\n".encode()
    preview = preview_events(data=data, filename="a.csv", organiser=centre)
    assert preview.ignored == ["Vykdytojas"]
    remember_mapping(organiser=centre, choices={"Vykdytojas": "lecturers"})
    assert ImportColumnMapping.objects.get(organiser=centre).column == "lecturers"
    created, _ = import_plan(data=data, filename="a.csv", organiser=centre)
    assert created[0].lecturer_names == "VU"
    other = CentreFactory()
    assert preview_events(data=data, filename="a.csv", organiser=other).ignored == ["Vykdytojas"]


def test_the_page_previews_then_imports_and_offers_templates(client, centre):
    client.force_login(member(Role.CENTRE_STAFF, centre))
    url = reverse("events:staff_event_import")
    response = client.post(url, {"step": "upload", "file": SimpleUploadedFile("kovas.csv", real_csv())})
    page = response.content.decode()
    assert response.status_code == 200 and "Atsakinga" in page and "Eil. Nr." in page
    assert "Skaitmeninis raštingumas" in page and not Event.objects.exists()
    response = client.post(url, {"step": "confirm"})
    assert response.status_code == 302 and Event.objects.count() == 2
    client.post(url, {"step": "upload", "file": SimpleUploadedFile("kovas.csv", real_csv())})
    assert client.post(url, {"step": "confirm"}).status_code == 302 and Event.objects.count() == 2
    xlsx = client.get(reverse("events:staff_event_import_template", args=["xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][3] == "Renginio pavadinimas" and len(rows) == 3
    csv = client.get(reverse("events:staff_event_import_template", args=["csv"])).content.decode("utf-8-sig")
    assert csv.splitlines()[0] == HEADER
    # The template itself imports.
    assert preview_events(data=xlsx.content, filename="t.xlsx", organiser=centre).errors == []
