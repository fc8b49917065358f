"""Revocation as the form promises it: the check page shows the public reason, the date and the
replacement (linked); a revoked certificate is re-issued as its linked replacement, and issuing again
after a revocation links the new number to the old one."""

import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import issuing
from events.models import Registration

from .helpers import completed_event, staff_of

pytestmark = pytest.mark.django_db


def issued(attendees=1):
    event, registrations = completed_event(attendees=attendees)
    certificates = [issuing.issue_certificate(registration=r, render=False)[0] for r in registrations]
    return event, registrations, certificates


def check_url(certificate):
    return reverse("certificates:check", args=[certificate.verification_code])


def test_check_page_shows_the_public_reason_the_date_and_the_linked_replacement(client):
    event, _regs, (old,) = issued()
    new = issuing.reissue_certificate(certificate=old, by=staff_of(event), reason="Vidinė pastaba apie klaidą",
                                      public_reason="Pataisyta dalyvio pavardė", render=False)
    old.refresh_from_db()
    body = client.get(check_url(old)).content.decode()
    assert "Pataisyta dalyvio pavardė" in body
    assert old.revoked_at.strftime("%Y-%m-%d") in body
    assert f'href="{check_url(new)}"' in body and new.number in body
    assert "Vidinė pastaba apie klaidą" not in body  # the internal reason stays private
    # The replacement's own page names the number it replaces.
    assert f'href="{check_url(old)}"' in client.get(check_url(new)).content.decode()


def test_a_revoked_certificate_is_replaced_once_under_a_linked_new_number():
    event, _regs, (old,) = issued()
    staff = staff_of(event)
    with pytest.raises(issuing.NotRevoked):
        issuing.replace_revoked_certificate(certificate=old, by=staff, render=False)
    issuing.revoke_certificate(certificate=old, by=staff, reason="Klaida", public_reason="Išduotas per klaidą")
    new = issuing.replace_revoked_certificate(certificate=old, by=staff, render=False)
    assert new.is_valid and new.replaces_id == old.pk and new.number != old.number
    old.refresh_from_db()
    assert old.status == Certificate.Status.REVOKED and old.replaced_by == new
    with pytest.raises(issuing.AlreadyReplaced):
        issuing.replace_revoked_certificate(certificate=old, by=staff, render=False)


def test_no_replacement_for_a_participant_no_longer_attended():
    event, (registration,), (old,) = issued()
    issuing.revoke_certificate(certificate=old, by=staff_of(event), reason="Nedalyvavo")
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.NO_SHOW)
    with pytest.raises(issuing.NotAttended):
        issuing.replace_revoked_certificate(certificate=old, by=staff_of(event), render=False)
    assert not Certificate.objects.filter(replaces=old).exists()


def test_bulk_issuing_again_after_a_revocation_links_the_new_number_to_the_old():
    event, _regs, (revoked, kept) = issued(attendees=2)
    issuing.revoke_certificate(certificate=revoked, by=staff_of(event), reason="Klaida")
    counts = issuing.issue_for_event(event=event, render=False)
    assert counts == {"total": 2, "created": 1, "existing": 1}
    new = Certificate.objects.get(event=event, holder=revoked.holder, status=Certificate.Status.VALID)
    assert new.replaces_id == revoked.pk
    kept.refresh_from_db()
    assert kept.replaces_id is None and kept.is_valid


def test_staff_revoke_with_a_public_reason_and_replace_from_the_page(client):
    event, _regs, (old,) = issued()
    client.force_login(staff_of(event))
    page = reverse("certificates:event_certificates", args=[event.pk])
    response = client.post(reverse("certificates:revoke", args=[old.pk]),
                           {"reason": "Vidinė priežastis", "public_reason": "Išduotas per klaidą"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.revoke_reason == "Vidinė priežastis" and old.public_reason == "Išduotas per klaidą"
    assert f'action="{reverse("certificates:reissue", args=[old.pk])}"' in client.get(page).content.decode()
    client.post(reverse("certificates:reissue", args=[old.pk]))
    old.refresh_from_db()
    new = old.replaced_by
    assert new.is_valid
    assert new.number in client.get(page).content.decode()
    # Asked again, nothing new: a clear message, no second replacement.
    response = client.post(reverse("certificates:reissue", args=[old.pk]), follow=True)
    assert response.status_code == 200
    assert Certificate.objects.filter(event=event, holder=old.holder).count() == 2
