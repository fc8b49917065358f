"""Outside certificates: a teacher's upload from another provider (also abroad), recognised or
declined by the deputy or director of the teacher's school; once recognised its hours count."""

import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija import audit
from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from notices.services import notify
from people import roles
from people.models import Membership

from .. import permissions
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


class HoursReasonMissing(OutsideCertificateError):
    default_message = _("Give the reason why the recognised hours differ from the hours on the certificate.")


class BadHours(OutsideCertificateError):
    default_message = _("Enter a positive number of hours.")


class NotAMatchingRequest(OutsideCertificateError):
    default_message = _("This certificate can only replace an approved request of the same teacher for an outside event.")


# The request model is reached through this app's own relation to it, so that certificates does not
# import its sibling app `leave` (the layers allow only downward imports).
_LeaveRequest = OutsideCertificate._meta.get_field("leave_request").related_model
RECOGNISED = OutsideCertificate.Status.RECOGNISED


def matchable_requests(outside_certificate):
    """Approved requests of the certificate's teacher for outside events (no catalogue seat) that no
    other recognised certificate has replaced yet: the requests this certificate may replace."""
    return (
        _LeaveRequest.objects.filter(
            teacher_id=outside_certificate.teacher_id, status="approved", registration__isnull=True,
        )
        .exclude(outside_certificates__in=OutsideCertificate.objects.filter(status=RECOGNISED)
                 .exclude(pk=outside_certificate.pk))
        .order_by("-starts_on", "-id")
    )


def _same_organiser(a, b):
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


def suggested_request(outside_certificate):
    """The request this certificate replaces when the deputy picks none: the one it was uploaded for,
    else the only approved request with the same organiser and the same dates."""
    candidates = list(matchable_requests(outside_certificate))
    if outside_certificate.leave_request_id:
        return next((r for r in candidates if r.pk == outside_certificate.leave_request_id), None)
    same = [
        r for r in candidates
        if r.starts_on == outside_certificate.starts_on and r.ends_on == outside_certificate.ends_on
        and _same_organiser(r.organiser_name, outside_certificate.provider_name)
    ]
    return same[0] if len(same) == 1 else None


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
            .filter(organisation_id__in=roles.schools_of_teacher(teacher), role__in=roles.SCHOOL_HEADS)
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


def _checked_hours(item, recognised_hours, hours_reason):
    """None when the written hours count; else the corrected hours, which need a kept reason."""
    if recognised_hours in (None, "") or int(recognised_hours) == item.academic_hours:
        return None
    if int(recognised_hours) <= 0:
        raise BadHours()
    if not (hours_reason or "").strip():
        raise HoursReasonMissing()
    return int(recognised_hours)


def decide_outside_certificate(*, outside_certificate, by, recognise, note="", replaces=None,
                               recognised_hours=None, hours_reason="") -> OutsideCertificate:
    """The deputy or director of the teacher's school recognises or declines a waiting certificate.

    Recognising it replaces the approved outside request it belongs to (`replaces`, chosen by the
    deputy, else the one `suggested_request` finds), so the event counts once: as done, through the
    certificate. The deputy may count other hours than written (astronomical hours abroad), with a
    reason that is kept."""
    if not permissions.can_recognise_outside_certificate(by, outside_certificate):
        raise NotAllowedToDecide()
    with transaction.atomic():
        item = lock_row(outside_certificate, still="is_pending", refusal=AlreadyDecided())
        fields = ["status", "decided_by", "decided_at", "decision_note"]
        if recognise:
            if replaces is not None:
                if not matchable_requests(item).filter(pk=replaces.pk).exists():
                    raise NotAMatchingRequest()
                item.leave_request = replaces
            else:
                item.leave_request = suggested_request(item) or item.leave_request
            item.recognised_hours = _checked_hours(item, recognised_hours, hours_reason)
            item.hours_correction_reason = hours_reason.strip() if item.recognised_hours is not None else ""
            fields += ["leave_request", "recognised_hours", "hours_correction_reason"]
        item.status = OutsideCertificate.Status.RECOGNISED if recognise else OutsideCertificate.Status.DECLINED
        item.decided_by = by
        item.decided_at = timezone.now()
        item.decision_note = note.strip()
        audit.attribute(item, by=by, reason=item.decision_note)
        item.save(update_fields=fields)
        notify(
            kind="outside_certificate_decided", recipient=item.teacher,
            key=f"outside_certificate_decided:{item.pk}",
            context={"title": item.title, "recognised": recognise, "note": item.decision_note,
                     "academic_hours": item.counted_hours},
            link=reverse("certificates:outside_detail", args=[item.pk]),
        )
    return item


def correct_recognised_hours(*, outside_certificate, by, recognised_hours, reason) -> OutsideCertificate:
    """The deputy or director corrects the hours of a recognised certificate; the reason is kept
    (and the change is in the certificate's history)."""
    if not permissions.can_recognise_outside_certificate(by, outside_certificate):
        raise NotAllowedToDecide()
    with transaction.atomic():
        item = lock_row(outside_certificate)
        if item.status != OutsideCertificate.Status.RECOGNISED:
            raise OutsideCertificateError(_("Only a recognised certificate's hours can be corrected."))
        if not (reason or "").strip():
            raise HoursReasonMissing()
        item.recognised_hours = _checked_hours(item, recognised_hours, reason)
        item.hours_correction_reason = reason.strip() if item.recognised_hours is not None else ""
        audit.attribute(item, by=by, reason=item.hours_correction_reason)
        item.save(update_fields=["recognised_hours", "hours_correction_reason"])
    return item


def withdraw_outside_certificate(*, outside_certificate, by) -> None:
    """A teacher may delete an own upload while it waits for a decision."""
    if not permissions.can_withdraw_outside_certificate(by, outside_certificate):
        raise OutsideCertificateError(_("You can withdraw only your own certificates."))
    if not outside_certificate.is_pending:
        raise AlreadyDecided()
    outside_certificate.file.delete(save=False)
    outside_certificate.delete()
