import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from events.models import Event, EventSession
from events.services.importing import ImportFailed, import_events
from people.models import Role
from tests.factories import CentreFactory, ProgrammeFactory, ProviderFactory, SubjectFactory, member, teacher

pytestmark = pytest.mark.django_db

HEADER = "title;form;delivery_mode;dates;start;end;place;academic_hours;seats;fee;registration_deadline;" \
         "programme_code;provider;subjects;outside_working_hours"
GOOD = [
    "Šiuolaikinė pamoka;seminaras;kontaktinis;2031-02-10;10:00;15:00;Švietimo centras;6;25;0;2031-02-05;P-1;;"
    "Matematika;ne",
    "Skaitmeninis raštingumas;kursai;nuotolinis;\"2031-03-01; 2031-03-08\";14:00;17:30;;8;0;12,50;;;"
    "Vilniaus universitetas;;taip",
]


def csv_bytes(*rows):
    return "\n".join([HEADER, *rows]).encode("utf-8")


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English (the source language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def centre():
    centre = CentreFactory()
    ProgrammeFactory(owner=centre, registry_code="P-1")
    ProviderFactory(name="Vilniaus universitetas")
    SubjectFactory(name="Matematika")
    return centre


def test_a_good_csv_imports_every_row_with_sessions(centre):
    events = import_events(data=csv_bytes(*GOOD), filename="planas.csv", organiser=centre)
    assert [e.title for e in events] == ["Šiuolaikinė pamoka", "Skaitmeninis raštingumas"]
    first, second = events
    assert first.status == Event.Status.DRAFT and first.programme.registry_code == "P-1"
    assert list(first.audience_subjects.values_list("name", flat=True)) == ["Matematika"]
    assert second.sessions.count() == 2 and str(second.fee) == "12.50" and second.outside_working_hours
    assert second.provider.name == "Vilniaus universitetas" and second.seats == 0
    assert (second.starts_on.isoformat(), second.ends_on.isoformat()) == ("2031-03-01", "2031-03-08")


def test_a_bad_row_rejects_the_whole_file_and_names_row_and_column(centre):
    bad = "Blogas renginys;nežinoma forma;kontaktinis;2031-13-40;15:00;10:00;;0;-3;0;;;;;"
    with pytest.raises(ImportFailed) as caught:
        import_events(data=csv_bytes(GOOD[0], bad, GOOD[1]), filename="planas.csv", organiser=centre)
    errors = [str(e) for e in caught.value.errors]
    assert "row 3, column form: Unknown form “nežinoma forma”." in errors
    assert any(e.startswith("row 3, column dates:") for e in errors)
    assert not any(e.startswith("row 2") or e.startswith("row 4") for e in errors)
    assert not Event.objects.exists() and not EventSession.objects.exists()


@pytest.mark.parametrize("row, column", [
    ("X;seminaras;kontaktinis;2031-02-10;15:00;10:00;;6;10;0;;;;;", "end"),
    ("X;seminaras;kontaktinis;2031-02-10;10:00;15:00;;0;10;0;;;;;", "academic_hours"),
    ("X;seminaras;kontaktinis;2031-02-10;10:00;15:00;;6;-1;0;;;;;", "seats"),
    ("X;seminaras;kontaktinis;2031-02-10;10:00;15:00;;6;10;0;2031-02-10;;;;", "registration_deadline"),
    (";seminaras;kontaktinis;2031-02-10;10:00;15:00;;6;10;0;;;;;", "title"),
    ("X;seminaras;kontaktinis;2031-02-10;10:00;15:00;;6;10;0;;NERA;;;", "programme_code"),
    ("X;seminaras;kontaktinis;2031-02-10;10:00;15:00;;6;10;0;;;Niekas;;", "provider"),
    ("X;seminaras;kontaktinis;2031-02-10;10:00;15:00;;6;10;0;;;;Astrologija;", "subjects"),
    ("X;seminaras;kontaktinis;2031-02-10;10:00;15:00;;6;10;0;;;;;galbūt", "outside_working_hours"),
    ("X;seminaras;kontaktinis;2031-02-10;10:00;15:00;;šeši;10;0;;;;;", "academic_hours"),
])
def test_each_rule_is_checked_per_row(centre, row, column):
    with pytest.raises(ImportFailed) as caught:
        import_events(data=csv_bytes(row), filename="a.csv", organiser=centre)
    assert any(str(e).startswith(f"row 2, column {column}:") for e in caught.value.errors), caught.value.errors
    assert not Event.objects.exists()


def test_missing_required_columns_are_named(centre):
    with pytest.raises(ImportFailed) as caught:
        import_events(data=b"title;place\nA;B\n", filename="a.csv", organiser=centre)
    assert "form" in str(caught.value.errors[0]) and "academic_hours" in str(caught.value.errors[0])


def xlsx_bytes(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_real_date_and_time_cells_imports(centre):
    import datetime as dt

    data = xlsx_bytes([
        ["Pavadinimas", "Forma", "Datos", "Pradžia", "Pabaiga", "Valandos", "Vietos", "Kaina"],
        ["Ąžuolyno konferencija", "konferencija", dt.datetime(2031, 4, 2), dt.time(9, 0), dt.time(16, 0), 8, 120, 0],
    ])
    events = import_events(data=data, filename="planas.xlsx", organiser=centre, publish=True)
    assert events[0].title == "Ąžuolyno konferencija" and events[0].status == Event.Status.PUBLISHED
    assert events[0].form == "konferencija" and events[0].starts_on == dt.date(2031, 4, 2)


def test_management_command_imports_or_fails_without_saving(centre, tmp_path):
    good = tmp_path / "planas.csv"
    good.write_bytes(csv_bytes(*GOOD))
    call_command("import_events", str(good), "--centre", str(centre.pk))
    assert Event.objects.count() == 2
    bad = tmp_path / "blogas.csv"
    bad.write_bytes(csv_bytes(GOOD[0], "X;seminaras;kontaktinis;2031-02-10;15:00;10:00;;6;10;0;;;;;"))
    with pytest.raises(CommandError):
        call_command("import_events", str(bad), "--centre", str(centre.pk))
    assert Event.objects.count() == 2


def test_staff_upload_page_imports_and_reports_errors(client, centre):
    client.force_login(member(Role.CENTRE_STAFF, centre))
    url = reverse("events:staff_event_import")
    bad = SimpleUploadedFile("planas.csv", csv_bytes("X;seminaras;kontaktinis;2031-02-10;15:00;10:00;;6;10;0;;;;;"))
    response = client.post(url, {"file": bad})
    html = response.content.decode()
    assert response.status_code == 400 and ("row 2, column end" in html or "2 eilutė, stulpelis „end“" in html)
    assert not Event.objects.exists()
    good = SimpleUploadedFile("planas.csv", csv_bytes(*GOOD))
    response = client.post(url, {"file": good, "publish": "on"})
    assert response.status_code == 200 and not Event.objects.exists()  # a preview first
    response = client.post(url, {"step": "confirm"})
    assert response.status_code == 302
    assert Event.objects.filter(status=Event.Status.PUBLISHED, organiser=centre).count() == 2


def test_upload_is_checked_by_content(client, centre):
    client.force_login(member(Role.CENTRE_STAFF, centre))
    fake = SimpleUploadedFile("planas.xlsx", b"not a zip at all")
    response = client.post(reverse("events:staff_event_import"), {"file": fake})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    other = SimpleUploadedFile("planas.pdf", b"%PDF-1.4")
    assert client.post(reverse("events:staff_event_import"), {"file": other}).context["form"].errors["file"]


def test_teachers_cannot_import(client, centre):
    client.force_login(teacher())
    good = SimpleUploadedFile("planas.csv", csv_bytes(*GOOD))
    assert client.post(reverse("events:staff_event_import"), {"file": good}).status_code == 403
    assert not Event.objects.exists()


def test_an_imported_row_starting_in_the_past_is_refused(centre):
    import datetime as dt

    from django.utils import timezone

    past = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    row = f"Praėjęs;seminaras;kontaktinis;{past};10:00;15:00;;6;10;0;;;;;"
    with pytest.raises(ImportFailed) as caught:
        import_events(data=csv_bytes(row), filename="planas.csv", organiser=centre)
    assert any(str(e).startswith("row 2, column dates:") and "past" in str(e) for e in caught.value.errors)
    assert not Event.objects.exists()
