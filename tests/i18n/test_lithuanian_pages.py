"""Every page of the permission matrix, opened in Lithuanian by a person allowed to open it, reads as
Lithuanian: no English words, no choice codes, no English decimals, and no string that the catalogues
left untranslated. Spreadsheets, CSV, calendar files and PDFs are read the same way."""

import io
import shutil
import subprocess  # nosec B404 - pdftotext on a file the test wrote
import tempfile

import openpyxl
import pytest
from django.db import transaction
from django.test import Client
from django.utils import translation

from tests.i18n.pages import english_on_page, recording_untranslated, untranslated_shown, visible_text
from tests.security.test_permission_matrix import GET, MATRIX
from tests.security.urls import url_of
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

# Who opens a page: the first allowed role in this order; pages open to several roles are also read by
# the others in READERS (the navigation and the page differ by role).
ORDER = ("teacher", "director", "deputy", "centre_staff", "lecturer", "administrator", "anonymous")
READERS = ("teacher", "director", "centre_staff", "administrator", "anonymous")
# Strings that are the same in Lithuanian (names of formats, the product).
SAME_IN_LITHUANIAN = {"PDF", "XLSX", "CSV", "ZIP", "ICS", "Kvalifikacija", "QR", "OK", "Email", "Malta"}
# Files people uploaded (the world holds placeholders, not documents the portal writes).
UPLOADED_FILES = {"certificates:outside_file", "leave:report_materials", "loans:material_download",
                  "funding:export_download"}
# Calendar lines a person reads; the rest (time zone comments, codes) are for calendar programs.
CALENDAR_FIELDS = ("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME", "X-WR-CALDESC")


def readers(allowed):
    chosen = [role for role in ORDER if role in allowed][:1]
    if len(allowed) > 2:
        chosen += [role for role in READERS if role in allowed and role not in chosen]
    return chosen


def response_text(response):
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "html" in content_type:
        return visible_text(body.decode())
    if "spreadsheet" in content_type:
        book = openpyxl.load_workbook(io.BytesIO(body))
        lines = []
        for sheet in book.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        lines.append(cell.value)
        return "\n".join(lines)
    if "pdf" in content_type:
        pdftotext = shutil.which("pdftotext")
        if not pdftotext:
            return ""
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
            pdf.write(body)
            pdf.flush()
            out = subprocess.run([pdftotext, "-layout", pdf.name, "-"], capture_output=True, check=True)  # nosec B603
        return out.stdout.decode()
    if "calendar" in content_type:
        return "\n".join(line.split(":", 1)[1] for line in body.decode().replace("\r\n ", "").splitlines()
                         if line.split(":", 1)[0].split(";")[0] in CALENDAR_FIELDS)
    if content_type.startswith(("text/", "application/json")):
        return body.decode(errors="replace")
    return ""


@pytest.fixture
def world():
    return build_world()


def read_page(world, role, url, uploaded=False):
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    with recording_untranslated() as recorder, transaction.atomic():
        response = client.get(url)
        if response.status_code == 302:
            # A page that only redirects: read where it leads, if this person may read that.
            response = client.get(response["Location"])
        text = "" if uploaded else response_text(response)
        transaction.set_rollback(True)
    return response, text, recorder.misses


@pytest.mark.parametrize("name", sorted(n for n, (_, method) in MATRIX.items() if method == GET))
def test_page_reads_in_lithuanian(world, name):
    allowed, _ = MATRIX[name]
    url = url_of(name, world)
    problems = []
    for role in readers(allowed):
        response, text, misses = read_page(world, role, url, uploaded=name in UPLOADED_FILES)
        if response.status_code == 403 and name.endswith("_current"):
            continue
        if response.status_code != 200:
            problems.append(f"{role}: {url} answered {response.status_code}")
            continue
        for problem in english_on_page(text):
            problems.append(f"{role}: {url}: {problem}")
        for msgid in untranslated_shown(misses, text, SAME_IN_LITHUANIAN):
            problems.append(f"{role}: {url}: untranslated {msgid!r}")
    translation.activate("lt")
    assert not problems, "\n".join(dict.fromkeys(problems))
