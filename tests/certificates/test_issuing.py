import datetime as dt
import io

import pytest
import segno
from django.conf import settings
from pypdf import PdfReader

from certificates.models import Certificate, CertificateCounter
from certificates.pdf import certificate_context, check_url
from certificates.services import issuing
from events.models import Event, Registration
from notices.models import NoticeLog
from tests.factories import (
    CertificateFactory,
    EventFactory,
    RegistrationFactory,
    ResponseFactory,
    SurveyFactory,
    member,
    teacher,
)

from .helpers import completed_event

pytestmark = pytest.mark.django_db


def pdf_text(certificate):
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_numbers_follow_a_readable_series_per_year(settings):
    settings.CERTIFICATE_SERIES_PREFIX = "KT"
    event, registrations = completed_event(attendees=3)
    issued = [issuing.issue_certificate(registration=r, issued_on=dt.date(2026, 4, 1), render=False)[0]
              for r in registrations]
    assert [c.number for c in issued] == ["KT-2026-000001", "KT-2026-000002", "KT-2026-000003"]
    next_year = issuing.issue_certificate(
        registration=RegistrationFactory(event=event, status=Registration.Status.ATTENDED),
        issued_on=dt.date(2027, 1, 5), render=False,
    )[0]
    assert next_year.number == "KT-2027-000001"
    assert CertificateCounter.objects.get(issuer=event.organiser, year=2026).last_number == 3


def test_issuing_twice_issues_nothing_new():
    event, registrations = completed_event(attendees=3)
    first = issuing.issue_for_event(event=event, render=False)
    again = issuing.issue_for_event(event=event, render=False)
    assert first == {"total": 3, "created": 3, "existing": 0}
    assert again == {"total": 3, "created": 0, "existing": 3}
    assert Certificate.objects.filter(event=event).count() == 3
    assert CertificateCounter.objects.get(issuer=event.organiser).last_number == 3


def test_only_attended_registrations_of_a_completed_event_get_certificates():
    event, (attended,) = completed_event(attendees=1)
    no_show = RegistrationFactory(event=event, status=Registration.Status.NO_SHOW)
    counts = issuing.issue_for_event(event=event, render=False)
    assert counts["created"] == 1
    with pytest.raises(issuing.NotAttended):
        issuing.issue_certificate(registration=no_show, render=False)
    published = EventFactory(status=Event.Status.PUBLISHED)
    registration = RegistrationFactory(event=published, status=Registration.Status.ATTENDED)
    with pytest.raises(issuing.EventNotCompleted):
        issuing.issue_certificate(registration=registration, render=False)


def test_the_certificate_snapshots_everything_printed():
    event, (registration,) = completed_event(attendees=1, place="Švietimo centras, 12 kab.")
    lecturer = member("lecturer", event.organiser, first_name="Kęstutis", last_name="Bružas")
    event.lecturers.add(lecturer)
    certificate, created = issuing.issue_certificate(registration=registration, render=False)
    assert created
    centre = event.organiser
    assert certificate.holder_name == registration.teacher.get_full_name()
    assert certificate.holder_workplace == registration.school.name
    assert certificate.issuer_name == centre.name
    assert certificate.issuer_legal_code == centre.legal_code
    assert "V-1234" in certificate.issuer_accreditation and "2027-05-10" in certificate.issuer_accreditation
    assert certificate.signatory_name == centre.head_name
    assert certificate.signatory_position == centre.head_position
    assert certificate.form == "seminaras" and certificate.delivery_mode == "kontaktinis"
    assert certificate.lecturers == "Kęstutis Bružas"
    assert (certificate.starts_on, certificate.ends_on) == (event.starts_on, event.ends_on)
    assert certificate.academic_hours == 12
    assert certificate.issued_place == "Pavyzdys"
    # A later edit of the event does not change the document already issued.
    Event.objects.filter(pk=event.pk).update(title="Kitas pavadinimas", academic_hours=40)
    certificate.refresh_from_db()
    assert certificate.title != "Kitas pavadinimas" and certificate.academic_hours == 12


def test_pdf_carries_the_lithuanian_name_number_and_check_address(settings):
    settings.SITE_URL = "https://kvalifikacija.example.lt"
    event, _ = completed_event(attendees=0)
    person = teacher(first_name="Žydrūnė", last_name="Šėmaitė-Ąžuolienė")
    registration = RegistrationFactory(event=event, teacher=person, status=Registration.Status.ATTENDED)
    certificate, _ = issuing.issue_certificate(registration=registration)
    text = pdf_text(certificate)
    flat = "".join(text.split())
    assert "Žydrūnė Šėmaitė-Ąžuolienė" in text
    assert "PAŽYMĖJIMAS" in text
    assert certificate.number in text
    assert f"https://kvalifikacija.example.lt/pazymejimai/{certificate.verification_code}/" in flat
    assert "galioja be parašo ir antspaudo" in text
    with certificate.pdf.open("rb") as handle:
        root = PdfReader(io.BytesIO(handle.read())).trailer["/Root"]
    # Archival PDF/A-3b: the XMP metadata identifies the conformance, and an output intent is embedded.
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"3" in xmp
    assert "/OutputIntents" in root


def test_issuing_notifies_the_teacher_once():
    event, (registration,) = completed_event(attendees=1)
    certificate, _ = issuing.issue_certificate(registration=registration, render=False)
    issuing.issue_for_event(event=event, render=False)
    notices = NoticeLog.objects.filter(kind="certificate_issued", recipient=registration.teacher)
    assert notices.count() == 1
    assert certificate.number in notices.get().subject


def test_revoke_needs_a_reason_and_is_public_with_the_date():
    event, (registration,) = completed_event(attendees=1)
    certificate, _ = issuing.issue_certificate(registration=registration, render=False)
    staff = member("centre_staff", event.organiser)
    with pytest.raises(issuing.ReasonRequired):
        issuing.revoke_certificate(certificate=certificate, by=staff, reason=" ")
    issuing.revoke_certificate(certificate=certificate, by=staff, reason="Išduotas per klaidą")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED and certificate.revoked_at
    with pytest.raises(issuing.AlreadyRevoked):
        issuing.revoke_certificate(certificate=certificate, by=staff, reason="dar kartą")


def test_reissue_gives_a_new_number_and_keeps_the_old_one_revoked():
    event, (registration,) = completed_event(attendees=1)
    old, _ = issuing.issue_certificate(registration=registration, render=False)
    staff = member("centre_staff", event.organiser)
    person = registration.teacher
    person.last_name = "Čiurlionienė"
    person.save()
    new = issuing.reissue_certificate(certificate=old, by=staff, reason="Pakeista pavardė", render=False)
    old.refresh_from_db()
    assert new.number != old.number and new.replaces == old
    assert old.status == Certificate.Status.REVOKED and old.replaced_by == new
    assert new.holder_name.endswith("Čiurlionienė")
    # Issuing again for the event gives nothing new: the re-issued one is the valid one.
    assert issuing.issue_for_event(event=event, render=False)["created"] == 0


def test_statements_go_to_the_events_lecturers():
    event, _ = completed_event(attendees=1)
    lecturer = member("lecturer", event.organiser)
    event.lecturers.add(lecturer)
    counts = issuing.issue_for_event(event=event, kind=Certificate.Kind.STATEMENT, render=False)
    assert counts["created"] == 1
    statement = Certificate.objects.get(holder=lecturer)
    assert statement.kind == Certificate.Kind.STATEMENT
    assert statement.holder_workplace == event.organiser.name
    with pytest.raises(issuing.CertificateError):
        issuing.issue_statement(event=event, lecturer=teacher(), render=False)


def test_evaluation_required_blocks_the_download_until_answered():
    event, (registration,) = completed_event(attendees=1, evaluation_required=True)
    certificate, _ = issuing.issue_certificate(registration=registration, render=False)
    person = registration.teacher
    # No evaluation survey for the event: nothing blocks.
    assert not issuing.evaluation_pending(certificate, person)
    survey = SurveyFactory(kind="evaluation", event=event, organiser=event.organiser)
    assert issuing.evaluation_pending(certificate, person)
    assert not issuing.evaluation_pending(certificate, member("centre_staff", event.organiser))
    ResponseFactory(survey=survey, respondent=person)
    assert not issuing.evaluation_pending(certificate, person)


def test_bulk_issue_runs_in_the_background_with_progress(django_capture_on_commit_callbacks):
    event, _ = completed_event(attendees=4)
    staff = member("centre_staff", event.organiser)
    with django_capture_on_commit_callbacks(execute=True):
        batch = issuing.request_bulk_issue(event=event, by=staff)
    batch.refresh_from_db()
    assert batch.status == "done" and (batch.done, batch.total, batch.created) == (4, 4, 4)
    assert Certificate.objects.filter(event=event).exclude(pdf="").count() == 4


def test_the_qr_code_encodes_the_public_check_address(client):
    certificate = CertificateFactory()
    context = certificate_context(certificate)
    url = check_url(certificate)
    assert url.endswith(f"/pazymejimai/{certificate.verification_code}/")
    assert context["qr"] == segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    assert context["qr"] != segno.make(url + "x", error="m").svg_data_uri(scale=4, border=2)
    path = url.removeprefix(settings.SITE_URL)
    assert client.get(path).status_code == 200
