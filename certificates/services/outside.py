"""Outside certificates: a teacher's upload from another provider (also abroad), recognised or
declined by the deputy or director of the teacher's school; once recognised its hours count."""

import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from notices.services import notify
from people import permissions
from people.models import Membership

from ..models import OutsideCertificate
from ..validators import extension_for


class OutsideCertificateError(DomainError):
    pass


class NotAllowedToDecide(OutsideCertificateError):
    default_message = _("Only the deputy or director of the teacher's school can recognise this certificate.")


class AlreadyDecided(OutsideCertificateError):
    default_message = _("This certificate has already been decided.")


class DatesOutOfOrder(OutsideCertificateError):
    default_message = _("The end date cannot be before the start date.")


def submit_outside_certificate(*, teacher, file, content_type, provider_name, title, country, starts_on, ends_on,
                               academic_hours, certificate_number="", leave_request=None) -> OutsideCertificate:
    """Store a teacher's outside certificate, waiting for recognition. The file is saved under a random
    name (the teacher's own file name is not kept), with the extension of its checked content."""
    if ends_on < starts_on:
        raise DatesOutOfOrder()
    file.name = f"{uuid.uuid4().hex}.{extension_for(content_type)}"
    with transaction.atomic():
        item = OutsideCertificate.objects.create(
            teacher=teacher, file=file, content_type=content_type, provider_name=provider_name, title=title,
            country=country, starts_on=starts_on, ends_on=ends_on, academic_hours=academic_hours,
            certificate_number=certificate_number, leave_request=leave_request,
        )
        heads = (
            Membership.objects.active()
            .filter(organisation_id__in=permissions.schools_of_teacher(teacher), role__in=permissions.SCHOOL_HEADS)
            .exclude(user=teacher).select_related("user")
        )
        for membership in heads:
            notify(
                kind="outside_certificate_submitted", recipient=membership.user,
                key=f"outside_certificate_submitted:{item.pk}:{membership.user_id}",
                context={"teacher_name": teacher.get_full_name(), "title": title, "provider_name": provider_name,
                         "academic_hours": academic_hours},
                link=reverse("certificates:outside_detail", args=[item.pk]),
            )
    return item


def decide_outside_certificate(*, outside_certificate, by, recognise, note="") -> OutsideCertificate:
    """The deputy or director of the teacher's school recognises or declines a waiting certificate."""
    if not permissions.can_recognise_outside_certificate(by, outside_certificate):
        raise NotAllowedToDecide()
    with transaction.atomic():
        item = OutsideCertificate.objects.select_for_update().get(pk=outside_certificate.pk)
        if item.status != OutsideCertificate.Status.PENDING:
            raise AlreadyDecided()
        item.status = OutsideCertificate.Status.RECOGNISED if recognise else OutsideCertificate.Status.DECLINED
        item.decided_by = by
        item.decided_at = timezone.now()
        item.decision_note = note.strip()
        item._history_user = by
        item.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        notify(
            kind="outside_certificate_decided", recipient=item.teacher,
            key=f"outside_certificate_decided:{item.pk}",
            context={"title": item.title, "recognised": recognise, "note": item.decision_note,
                     "academic_hours": item.academic_hours},
            link=reverse("certificates:outside_detail", args=[item.pk]),
        )
    return item


def withdraw_outside_certificate(*, outside_certificate, by) -> None:
    """A teacher may delete an own upload while it waits for a decision."""
    if outside_certificate.teacher_id != by.pk:
        raise OutsideCertificateError(_("You can withdraw only your own certificates."))
    if outside_certificate.status != OutsideCertificate.Status.PENDING:
        raise AlreadyDecided()
    outside_certificate.file.delete(save=False)
    outside_certificate.delete()
