import io
import zipfile

import pytest
from django.urls import reverse

from certificates.models import Certificate, IssuingBatch
from certificates.services import issuing
from events.models import Event, Registration
from people.models import Role
from tests.factories import (
    EventFactory,
    RegistrationFactory,
    ResponseFactory,
    SchoolFactory,
    SurveyFactory,
    member,
    teacher,
)

from .helpers import completed_event, staff_of

pytestmark = pytest.mark.django_db


def issued(attendees=1, **kwargs):
    event, registrations = completed_event(attendees=attendees, **kwargs)
    certificates = [issuing.issue_certificate(registration=r, render=False)[0] for r in registrations]
    return event, registrations, certificates


# --- The public check page ---------------------------------------------------------------------------

def test_check_page_says_a_valid_certificate_is_valid_and_shows_only_what_is_printed(client):
    _event, (registration,), (certificate,) = issued()
    response = client.get(f"/pazymejimai/{certificate.verification_code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert certificate.number in body and certificate.holder_name in body and certificate.title in body
    assert "alert-success" in body
    assert registration.teacher.email not in body
    assert f"/pazymejimas/{certificate.pk}/" not in body


def test_check_page_shows_a_revocation_with_its_date_but_not_the_internal_reason(client):
    event, _regs, (certificate,) = issued()
    issuing.revoke_certificate(certificate=certificate, by=staff_of(event), reason="Išduotas per klaidą")
    certificate.refresh_from_db()
    response = client.get(reverse("certificates:check", args=[certificate.verification_code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "alert-danger" in body and certificate.revoked_at.strftime("%Y-%m-%d") in body
    assert "Išduotas per klaidą" not in body  # the page reveals nothing the certificate does not


def test_check_page_for_an_unknown_code_is_a_clear_404(client):
    response = client.get("/pazymejimai/neegzistuojantis-kodas/")
    assert response.status_code == 404
    assert "alert-warning" in response.content.decode()


def test_verification_codes_are_long_and_random():
    _event, _regs, certificates = issued(attendees=3)
    codes = {c.verification_code for c in certificates}
    assert len(codes) == 3 and all(len(code) >= 26 for code in codes)


# --- Downloads ---------------------------------------------------------------------------------------

def test_holder_staff_and_school_heads_download_others_do_not(client):
    event, (registration,), (certificate,) = issued()
    url = reverse("certificates:download", args=[certificate.pk])
    school = registration.school
    allowed = [registration.teacher, staff_of(event), member(Role.DIRECTOR, school), member(Role.DEPUTY, school)]
    for user in allowed:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    for user in [teacher(school), member(Role.DIRECTOR, SchoolFactory()), member(Role.CENTRE_STAFF)]:
        client.force_login(user)
        assert client.get(url).status_code == 403, user


def test_teacher_downloads_only_after_answering_a_required_evaluation(client):
    event, (registration,), (certificate,) = issued(evaluation_required=True)
    survey = SurveyFactory(kind="evaluation", event=event, organiser=event.organiser)
    client.force_login(registration.teacher)
    url = reverse("certificates:download", args=[certificate.pk])
    response = client.get(url)
    assert response.status_code == 302 and response.url == reverse("certificates:my_record")
    ResponseFactory(survey=survey, respondent=registration.teacher)
    assert client.get(url).status_code == 200


# --- Centre staff's issuing page ---------------------------------------------------------------------

def test_staff_issue_in_the_background_and_download_all_as_zip(client, django_capture_on_commit_callbacks):
    event, _registrations = completed_event(attendees=3)
    client.force_login(staff_of(event))
    url = reverse("certificates:event_certificates", args=[event.pk])
    assert url == f"/centras/renginiai/{event.pk}/pazymejimai/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"kind": "certificate"})
    assert response.status_code == 302
    assert IssuingBatch.objects.get(event=event).status == IssuingBatch.Status.DONE
    assert Certificate.objects.filter(event=event, status="valid").count() == 3
    page = client.get(url).content.decode()
    assert page.count("/atsisiusti/") == 3
    progress = client.get(reverse("certificates:event_progress", args=[event.pk]))
    assert progress.status_code == 200 and "data-issue-done" in progress.content.decode()
    archive = client.get(reverse("certificates:event_zip", args=[event.pk]))
    assert archive["Content-Type"] == "application/zip"

    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert sorted(names) == sorted(f"{c.number}.pdf" for c in Certificate.objects.filter(event=event))


def test_event_certificates_page_is_only_for_the_organisers_staff(client):
    event, _ = completed_event(attendees=1)
    url = reverse("certificates:event_certificates", args=[event.pk])
    for user in [teacher(), member(Role.CENTRE_STAFF), member(Role.DIRECTOR)]:
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"kind": "certificate"}).status_code == 403
    assert not Certificate.objects.exists()


def test_issuing_for_an_event_not_completed_is_refused_with_a_message(client):
    event = EventFactory(status=Event.Status.PUBLISHED)
    RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    client.force_login(staff_of(event))
    response = client.post(reverse("certificates:event_certificates", args=[event.pk]), follow=True)
    assert response.status_code == 200
    assert not Certificate.objects.exists() and not IssuingBatch.objects.exists()


def test_staff_revoke_and_reissue_from_the_page(client):
    event, _regs, (certificate,) = issued()
    client.force_login(staff_of(event))
    client.post(reverse("certificates:reissue", args=[certificate.pk]), {"reason": "Pataisyta pavardė"})
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.replaced_by.is_valid
    new = certificate.replaced_by
    client.post(reverse("certificates:revoke", args=[new.pk]), {"reason": ""})
    new.refresh_from_db()
    assert new.is_valid  # no reason, no revocation
    client.force_login(teacher())
    assert client.post(reverse("certificates:revoke", args=[new.pk]), {"reason": "x"}).status_code == 403


def test_event_certificates_list_uses_a_constant_number_of_queries(client, django_assert_max_num_queries):
    small, _ = completed_event(attendees=3)
    big, _ = completed_event(attendees=30, organiser=small.organiser)
    for event in (small, big):
        issuing.issue_for_event(event=event, render=False)
    client.force_login(staff_of(small))
    with django_assert_max_num_queries(14):
        client.get(reverse("certificates:event_certificates", args=[small.pk]))
    with django_assert_max_num_queries(14):
        client.get(reverse("certificates:event_certificates", args=[big.pk]))
