"""Files are stored and served by what they are: the checked content decides the type and the stored name,
PDFs with active content are refused, private files are always attachments, and nothing behind sign-in is
kept by a browser or proxy cache."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from certificates.validators import detect_certificate_file
from kvalifikacija.uploads import UploadRefused, check_upload, pdf_has_active_content
from leave.services import report_back
from leave.services.errors import ReportError
from loans import services as loan_services
from tests.factories import OutsideCertificateFactory, RegistrationFactory, teacher

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + b"\x00" * 64


def pdf(javascript=None, attachment=None, hex_escaped=False):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(javascript)}))
    if attachment:
        writer.add_attachment("readme.txt", attachment)
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    # A name written with a #-escape (/J#61vaScript is /JavaScript) hides from a search of the raw bytes.
    return data.replace(b"/JavaScript", b"/J#61vaScript") if hex_escaped else data


def report_with(upload):
    registration = RegistrationFactory(status="attended")
    return registration.teacher, report_back.record_report_back(
        teacher=registration.teacher, registration=registration, reported_on=registration.event.ends_on,
        methodical_group="Matematikos", summary="Santrauka", materials=upload)


@pytest.mark.parametrize(("content", "name", "content_type", "extension"), [
    (PNG, "poly.html", "image/png", "png"),
    (pdf(), "programa.exe", "application/pdf", "pdf"),
])
def test_report_materials_are_stored_and_served_by_content(client, content, name, content_type, extension):
    person, report = report_with(SimpleUploadedFile(name, content, content_type="text/html"))
    assert report.materials.name.endswith(f".{extension}") and "poly" not in report.materials.name
    client.force_login(person)
    response = client.get(reverse("leave:report_materials", args=[report.pk]))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert f'.{extension}"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("payload", [
    {"javascript": "app.alert('x');"}, {"attachment": b"hello"}, {"javascript": "this.print();", "hex_escaped": True},
])
def test_pdfs_with_active_content_are_refused_everywhere(payload):
    data = pdf(**payload)
    assert pdf_has_active_content(data)
    with pytest.raises(ReportError):
        report_with(SimpleUploadedFile("a.pdf", data))
    with pytest.raises(loan_services.BadMaterialFile):
        loan_services.save_material(author=teacher(), title="Rinkinys", upload=SimpleUploadedFile("a.pdf", data))
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        detect_certificate_file(SimpleUploadedFile("a.pdf", data))


def test_a_plain_pdf_passes_and_is_renamed():
    upload = SimpleUploadedFile("Mano pažymėjimas.PDF.exe", pdf())
    assert not pdf_has_active_content(pdf())
    assert check_upload(upload, allowed={"application/pdf"}) == "application/pdf"
    assert upload.name.endswith(".pdf") and "Mano" not in upload.name
    with pytest.raises(UploadRefused):
        check_upload(SimpleUploadedFile("a.png", b"<html><script>1</script>"), allowed={"image/png"})


def test_outside_certificates_are_always_attachments(client):
    item = OutsideCertificateFactory(file=SimpleUploadedFile("x.pdf", pdf()))
    client.force_login(item.teacher)
    for query in ("", "?perziura=1"):
        response = client.get(reverse("certificates:outside_file", args=[item.pk]) + query)
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "private, no-store" or "no-store" in response["Cache-Control"]


def test_every_page_behind_sign_in_is_private_no_store_and_public_pages_are_not(client):
    person = teacher()
    anonymous = client.__class__()
    assert "no-store" not in anonymous.get(reverse("events:catalogue")).get("Cache-Control", "")
    client.force_login(person)
    for name in ("home", "profile", "events:catalogue", "notices:inbox", "certificates:my_record"):
        response = client.get(reverse(name))
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"], name
