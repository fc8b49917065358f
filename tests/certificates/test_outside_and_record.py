import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.models import OutsideCertificate
from certificates.selectors import school_teachers, teacher_record
from certificates.services import issuing
from certificates.services import outside as outside_services
from notices.models import NoticeLog
from people.models import Role
from tests.factories import (
    OutsideCertificateFactory,
    SchoolFactory,
    TeacherProfileFactory,
    member,
    teacher,
)

from .helpers import completed_event

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def upload_data(file, **overrides):
    data = {
        "provider_name": "Latvijas Universitāte", "title": "Skaitmeninė pedagogika", "country": "LV",
        "starts_on": "2026-02-10", "ends_on": "2026-02-11", "academic_hours": "18", "certificate_number": "LU-77",
        "file": file,
    }
    data.update(overrides)
    return data


# --- Upload checks -------------------------------------------------------------------------------------

def test_teacher_uploads_a_pdf_from_abroad_and_the_heads_are_told(client):
    school = SchoolFactory()
    person = teacher(school)
    deputy = member(Role.DEPUTY, school)
    client.force_login(person)
    response = client.post(reverse("certificates:outside_upload"),
                           upload_data(SimpleUploadedFile("cert.pdf", PDF_BYTES, "application/pdf")))
    item = OutsideCertificate.objects.get(teacher=person)
    assert response.status_code == 302 and response.url == reverse("certificates:outside_detail", args=[item.pk])
    assert item.content_type == "application/pdf" and item.country == "LV"
    assert item.status == OutsideCertificate.Status.PENDING
    assert item.file.name.endswith(".pdf") and "cert" not in item.file.name
    assert NoticeLog.objects.filter(kind="outside_certificate_submitted", recipient=deputy).exists()


def test_a_renamed_executable_is_refused_whatever_its_name(client):
    person = teacher()
    client.force_login(person)
    response = client.post(reverse("certificates:outside_upload"),
                           upload_data(SimpleUploadedFile("pazymejimas.pdf", EXE_BYTES, "application/pdf")))
    assert response.status_code == 200
    assert "PDF, PNG or JPEG" in response.content.decode() or "PDF, PNG" in response.content.decode()
    assert not OutsideCertificate.objects.exists()
    # What was typed is kept.
    assert "Latvijas Universitāte" in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(client, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    client.force_login(teacher())
    big = PNG_BYTES + b"\x00" * 2048
    response = client.post(reverse("certificates:outside_upload"),
                           upload_data(SimpleUploadedFile("cert.png", big, "image/png")))
    assert response.status_code == 200 and not OutsideCertificate.objects.exists()
    assert response.context["form"].errors["file"][0].startswith(("The file is too large", "Failas per didelis"))


def test_end_date_before_start_is_refused(client):
    client.force_login(teacher())
    response = client.post(reverse("certificates:outside_upload"), upload_data(
        SimpleUploadedFile("cert.pdf", PDF_BYTES, "application/pdf"), ends_on="2026-02-01"))
    assert response.status_code == 200 and "ends_on" in response.context["form"].errors


def test_only_teachers_upload(client):
    client.force_login(member(Role.CENTRE_STAFF))
    assert client.get(reverse("certificates:outside_upload")).status_code == 403


# --- Private files -------------------------------------------------------------------------------------

def test_the_file_is_streamed_to_the_teacher_and_the_schools_heads_only(client):
    school = SchoolFactory()
    owner = teacher(school)
    item = OutsideCertificateFactory(teacher=owner)
    url = reverse("certificates:outside_file", args=[item.pk])
    for user in [owner, member(Role.DEPUTY, school), member(Role.DIRECTOR, school)]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    other_school = SchoolFactory()
    for user in [teacher(school), teacher(other_school), member(Role.DIRECTOR, other_school),
                 member(Role.DEPUTY, other_school), member(Role.CENTRE_STAFF)]:
        client.force_login(user)
        assert client.get(url).status_code == 404, user
        assert client.get(reverse("certificates:outside_detail", args=[item.pk])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_media_is_not_served_directly(client):
    item = OutsideCertificateFactory()
    assert client.get(f"/media-private/{item.file.name}").status_code == 404
    assert client.get(f"/media/{item.file.name}").status_code == 404


# --- Recognition ---------------------------------------------------------------------------------------

def test_the_deputy_recognises_and_the_hours_count():
    school = SchoolFactory()
    owner = teacher(school)
    item = OutsideCertificateFactory(teacher=owner, academic_hours=18, starts_on=dt.date(2026, 2, 10),
                                     ends_on=dt.date(2026, 2, 11))
    record = teacher_record(owner, today=dt.date(2026, 6, 1))
    assert record.current.hours == 0
    deputy = member(Role.DEPUTY, school)
    outside_services.decide_outside_certificate(outside_certificate=item, by=deputy, recognise=True, note="Tinka")
    item.refresh_from_db()
    assert item.status == OutsideCertificate.Status.RECOGNISED and item.decided_by == deputy
    record = teacher_record(owner, today=dt.date(2026, 6, 1))
    assert record.current.hours == 18 and record.current.standing.days == Decimal("3.0")
    assert NoticeLog.objects.filter(kind="outside_certificate_decided", recipient=owner).exists()
    with pytest.raises(outside_services.AlreadyDecided):
        outside_services.decide_outside_certificate(outside_certificate=item, by=deputy, recognise=False)


def test_heads_of_another_school_and_the_teacher_cannot_decide(client):
    school = SchoolFactory()
    owner = teacher(school)
    item = OutsideCertificateFactory(teacher=owner)
    for user in [owner, member(Role.DIRECTOR, SchoolFactory())]:
        with pytest.raises(outside_services.NotAllowedToDecide):
            outside_services.decide_outside_certificate(outside_certificate=item, by=user, recognise=True)
    client.force_login(member(Role.DIRECTOR, school))
    response = client.post(reverse("certificates:outside_decide", args=[item.pk]), {"decision": "decline"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == OutsideCertificate.Status.DECLINED


# --- The record: hours and days per year ---------------------------------------------------------------

def test_hours_and_days_per_calendar_year_count_attended_events_and_recognised_certificates(settings):
    settings.ACADEMIC_HOURS_PER_DAY = 6
    school = SchoolFactory()
    owner = teacher(school)
    event, _ = completed_event(attendees=0, school=school, academic_hours=12)
    from tests.factories import RegistrationFactory

    registration = RegistrationFactory(event=event, teacher=owner, school=school, status="attended")
    issuing.issue_certificate(registration=registration, render=False)
    OutsideCertificateFactory(teacher=owner, academic_hours=9, status="recognised",
                              starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 5, 1))
    OutsideCertificateFactory(teacher=owner, academic_hours=40, status="pending",
                              starts_on=dt.date(2026, 5, 2), ends_on=dt.date(2026, 5, 2))
    OutsideCertificateFactory(teacher=owner, academic_hours=30, status="recognised",
                              starts_on=dt.date(2025, 11, 1), ends_on=dt.date(2025, 11, 3))
    record = teacher_record(owner, today=dt.date(2026, 9, 1))
    years = {year.year: year for year in record.years}
    assert years[2026].hours == 21 and years[2026].standing.days == Decimal("3.5")
    assert not years[2026].standing.reached_minimum
    assert years[2026].standing.days_left_of_right == Decimal("1.5")
    assert years[2025].hours == 30 and years[2025].standing.reached_minimum
    assert len(years[2026].entries) == 3  # the pending one is listed but does not count
    settings.ACADEMIC_HOURS_PER_DAY = 8
    assert teacher_record(owner, today=dt.date(2026, 9, 1)).current.standing.days == Decimal("2.6")


def test_my_record_page_pdf_and_zip(client):
    school = SchoolFactory()
    owner = teacher(school, first_name="Žydrūnė", last_name="Šėmaitė")
    TeacherProfileFactory._meta.model.objects.filter(user=owner).update(attestation_year=2026)
    event, _ = completed_event(attendees=0, school=school)
    from tests.factories import RegistrationFactory

    registration = RegistrationFactory(event=event, teacher=owner, school=school, status="attended")
    certificate, _ = issuing.issue_certificate(registration=registration, render=False)
    OutsideCertificateFactory(teacher=owner, status="recognised")
    client.force_login(owner)
    page = client.get(reverse("certificates:my_record"))
    assert page.status_code == 200
    assert certificate.number in page.content.decode()
    pdf = client.get(reverse("certificates:my_record_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text()
    assert "Žydrūnė Šėmaitė" in text and event.title in text
    archive = client.get(reverse("certificates:my_record_zip"))
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert f"{certificate.ends_on.year}/{certificate.number}.pdf" in names
    assert any("isorinis" in name for name in names)


def test_director_sees_the_schools_teachers_and_drills_into_a_record(client):
    school = SchoolFactory()
    below = teacher(school, last_name="Aukštaitė")
    due = teacher(school, last_name="Bružaitė")
    TeacherProfileFactory._meta.model.objects.filter(user=due).update(attestation_year=dt.date.today().year)
    OutsideCertificateFactory(teacher=due, academic_hours=30, status="recognised")
    outsider = teacher(SchoolFactory(), last_name="Kitaitė")
    director = member(Role.DIRECTOR, school)
    client.force_login(director)
    response = client.get(reverse("certificates:school_records"))
    assert response.status_code == 200
    rows = {row["teacher"].pk: row for row in response.context["rows"]}
    assert set(rows) == {below.pk, due.pk}
    assert not rows[below.pk]["standing"].reached_minimum and rows[due.pk]["standing"].reached_minimum
    assert rows[due.pk]["attestation_due"] and not rows[below.pk]["attestation_due"]
    only_below = client.get(reverse("certificates:school_records"), {"rodyti": "zemiau"}).context["rows"]
    assert [row["teacher"].pk for row in only_below] == [below.pk]
    assert client.get(reverse("certificates:teacher_record", args=[due.pk])).status_code == 200
    assert client.get(reverse("certificates:teacher_record", args=[outsider.pk])).status_code == 404
    assert client.get(reverse("certificates:teacher_record_pdf", args=[outsider.pk])).status_code == 404
    client.force_login(below)
    assert client.get(reverse("certificates:school_records")).status_code == 403
    assert client.get(reverse("certificates:teacher_record", args=[due.pk])).status_code == 404


def test_school_records_use_a_constant_number_of_queries(client, django_assert_max_num_queries):
    small, big = SchoolFactory(), SchoolFactory()
    for school, count in ((small, 3), (big, 30)):
        for _ in range(count):
            OutsideCertificateFactory(teacher=teacher(school), status="recognised")
    for school in (small, big):
        client.force_login(member(Role.DIRECTOR, school))
        with django_assert_max_num_queries(10):
            client.get(reverse("certificates:school_records"))
    assert len(school_teachers(big, year=dt.date.today().year)) == 30


def test_a_revoked_certificate_takes_its_hours_away_and_a_reissued_one_keeps_them():
    from certificates.services.issuing import reissue_certificate, revoke_certificate
    from people.qualification import qualification_days
    from tests.factories import CertificateFactory, member

    def hours_by_teacher(ids, year):
        return {t: figures.done_hours for t, figures in qualification_days(teacher_ids=ids, year=year).items()}

    revoked, reissued = CertificateFactory(), CertificateFactory()
    for certificate in (revoked, reissued):
        teacher_id, year = certificate.holder_id, certificate.registration.event.ends_on.year
        assert hours_by_teacher([teacher_id], year)[teacher_id] == certificate.academic_hours
    revoke_certificate(certificate=revoked, by=member(Role.CENTRE_STAFF, revoked.issuer), reason="Klaidingai išduotas")
    reissue_certificate(certificate=reissued, by=member(Role.CENTRE_STAFF, reissued.issuer), reason="Pataisyta pavardė",
                        render=False)
    year = revoked.registration.event.ends_on.year
    assert hours_by_teacher([revoked.holder_id], year)[revoked.holder_id] == 0
    assert hours_by_teacher([reissued.holder_id], year)[reissued.holder_id] == reissued.academic_hours
