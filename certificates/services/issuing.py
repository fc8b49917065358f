"""Issuing, revoking and re-issuing certificates and lecturers' statements.

Numbers come from a per-issuer, per-year counter row locked with select_for_update, so concurrent
issuing never hands out a number twice; the same lock serialises the "already issued?" check, so
issuing twice issues nothing new. Everything printed is copied onto the certificate at issue time.
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from kvalifikacija import audit
from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from kvalifikacija.queue import publish_on_commit
from kvalifikacija.text import required_text
from lithuanian.collation import lt_order
from notices.services import notify
from surveys.models import Survey
from surveys.services import evaluation_answered, evaluation_survey

from ..models import Certificate, IssuingBatch
from ..pdf import render_certificate
from .contents import lock_series, next_number, snapshot

logger = logging.getLogger(__name__)


class CertificateError(DomainError):
    pass


class EventNotCompleted(CertificateError):
    default_message = _("Certificates can be issued only for a completed event.")


class NotAttended(CertificateError):
    default_message = _("A certificate is issued only to a participant who attended the event.")


class AlreadyRevoked(CertificateError):
    default_message = _("This certificate has already been revoked.")


class NotRevoked(CertificateError):
    default_message = _("Only a revoked certificate can be replaced; re-issue a valid one instead.")


class AlreadyReplaced(CertificateError):
    default_message = _("This certificate has already been replaced.")


class ReasonRequired(CertificateError):
    default_message = _("Give the reason.")


class EvaluationRequired(CertificateError):
    default_message = _("Answer the event's evaluation survey first; then the certificate can be downloaded.")


def _notify_issued(certificate):
    notify(
        kind="certificate_issued",
        recipient=certificate.holder,
        key=f"certificate_issued:{certificate.pk}",
        centre_id=certificate.issuer_id,
        context={
            "certificate_number": certificate.number,
            "title": certificate.title,
            "academic_hours": certificate.academic_hours,
            "is_statement": certificate.kind == Certificate.Kind.STATEMENT,
        },
        link=reverse("certificates:my_record"),
    )


def _create(*, event, holder, registration, kind, issued_on, replaces=None, notify_holder=True):
    """Inside a transaction: lock the series, re-check, number and create; a new certificate of a
    participant whose earlier one was revoked is that one's replacement. Returns (certificate, created)."""
    issued_on = issued_on or timezone.localdate()
    lock_series(issuer=event.organiser, year=issued_on.year)
    if replaces is None:
        existing = Certificate.objects.filter(
            event=event, holder=holder, kind=kind, status=Certificate.Status.VALID
        ).first()
        if existing is not None:
            return existing, False
        # Issuing again after a revocation: the new number replaces the last revoked one, linked.
        replaces = (
            Certificate.objects.filter(event=event, holder=holder, kind=kind, status=Certificate.Status.REVOKED,
                                       replaced_by__isnull=True)
            .order_by("-issued_at", "-id").first()
        )
    sequence, number = next_number(issuer=event.organiser, year=issued_on.year)
    data = snapshot(event=event, holder=holder, registration=registration, kind=kind, issued_on=issued_on)
    certificate = Certificate.objects.create(
        number=number, series_year=issued_on.year, sequence=sequence, replaces=replaces, **data
    )
    if notify_holder:
        _notify_issued(certificate)
    return certificate, True


def _check_event(event):
    if event.status != Event.Status.COMPLETED:
        raise EventNotCompleted()


def issue_certificate(*, registration, issued_on=None, render=True, notify_holder=True) -> tuple[Certificate, bool]:
    """Issue the attendance certificate for one registration of a completed event; issuing twice
    returns the certificate already issued. Returns (certificate, created)."""
    event = registration.event
    _check_event(event)
    if registration.status != Registration.Status.ATTENDED:
        raise NotAttended()
    existing = Certificate.objects.filter(
        event=event, holder_id=registration.teacher_id, kind=Certificate.Kind.CERTIFICATE,
        status=Certificate.Status.VALID,
    ).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        certificate, created = _create(
            event=event, holder=registration.teacher, registration=registration,
            kind=Certificate.Kind.CERTIFICATE, issued_on=issued_on, notify_holder=notify_holder,
        )
    if created and render:
        store_pdf(certificate=certificate)
    return certificate, created


def issue_statement(*, event, lecturer, issued_on=None, render=True, notify_holder=True) -> tuple[Certificate, bool]:
    """Issue a lecturer's statement (pažyma) for presenting at a completed event."""
    _check_event(event)
    if not event.lecturers.filter(pk=lecturer.pk).exists():
        raise CertificateError(_("A statement is issued only to the event's lecturers."))
    with transaction.atomic():
        certificate, created = _create(
            event=event, holder=lecturer, registration=None, kind=Certificate.Kind.STATEMENT,
            issued_on=issued_on, notify_holder=notify_holder,
        )
    if created and render:
        store_pdf(certificate=certificate)
    return certificate, created


def attended_registrations(event):
    return (
        Registration.objects.filter(event=event, status=Registration.Status.ATTENDED)
        .select_related("teacher", "school", "event__organiser", "event__programme", "event__module")
        .order_by(lt_order("teacher__last_name"), lt_order("teacher__first_name"), "id")
    )


def issue_for_event(*, event, kind=Certificate.Kind.CERTIFICATE, batch=None, render=True,
                    notify_holder=True) -> dict:
    """Issue to everyone who attended (or, for statements, to every lecturer) of a completed event.
    Safe to run again: those who already hold a valid one get nothing new. Returns counts."""
    _check_event(event)
    event = Event.objects.select_related("organiser", "programme", "module").get(pk=event.pk)
    if kind == Certificate.Kind.STATEMENT:
        people = list(event.lecturers.all())
    else:
        people = list(attended_registrations(event))
    counts = {"total": len(people), "created": 0, "existing": 0}
    if batch is not None:
        IssuingBatch.objects.filter(pk=batch.pk).update(
            status=IssuingBatch.Status.RUNNING, total=len(people), done=0, created=0
        )
    for index, item in enumerate(people, start=1):
        if kind == Certificate.Kind.STATEMENT:
            _certificate, created = issue_statement(event=event, lecturer=item, render=render,
                                                    notify_holder=notify_holder)
        else:
            item.event = event
            _certificate, created = issue_certificate(registration=item, render=render, notify_holder=notify_holder)
        counts["created" if created else "existing"] += 1
        if batch is not None and (index % 5 == 0 or index == len(people)):
            IssuingBatch.objects.filter(pk=batch.pk).update(done=index, created=counts["created"])
    if batch is not None:
        IssuingBatch.objects.filter(pk=batch.pk).update(
            status=IssuingBatch.Status.DONE, done=len(people), created=counts["created"], finished_at=timezone.now()
        )
    return counts


def request_bulk_issue(*, event, by, kind=Certificate.Kind.CERTIFICATE) -> IssuingBatch:
    """Record an issuing run and start it in the background once this transaction commits.
    A run already queued or running for the event is returned instead of starting another."""
    from ..tasks import issue_event_certificates  # noqa: PLC0415 - task: the tasks module imports this service

    _check_event(event)
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).first()
        active = IssuingBatch.objects.filter(
            event=event, kind=kind, status__in=[IssuingBatch.Status.QUEUED, IssuingBatch.Status.RUNNING]
        ).first()
        if active is not None:
            return active
        batch = IssuingBatch.objects.create(event=event, kind=kind, requested_by=by)
        publish_on_commit(issue_event_certificates, batch.pk)
    return batch


def run_batch(*, batch_id) -> dict | None:
    """The background half of request_bulk_issue; a finished run is left alone."""
    batch = IssuingBatch.objects.select_related("event").filter(pk=batch_id).first()
    if batch is None or batch.status in (IssuingBatch.Status.DONE, IssuingBatch.Status.FAILED):
        return None
    try:
        return issue_for_event(event=batch.event, kind=batch.kind, batch=batch)
    except Exception as exc:
        IssuingBatch.objects.filter(pk=batch.pk).update(
            status=IssuingBatch.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        raise


def store_pdf(*, certificate) -> Certificate:
    """Render the certificate's PDF and keep it on the row (done at issue time, or on first download)."""
    content = render_certificate(certificate)
    if certificate.pdf:
        certificate.pdf.delete(save=False)
    certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(content), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    return certificate


def ensure_pdf(*, certificate) -> Certificate:
    if not certificate.pdf or not certificate.pdf.storage.exists(certificate.pdf.name):
        store_pdf(certificate=certificate)
    return certificate


def _revoke(certificate, *, by, reason, public_reason):
    """Inside a transaction, on a locked row: mark the certificate revoked now."""
    if certificate.status == Certificate.Status.REVOKED:
        raise AlreadyRevoked()
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = reason
    certificate.public_reason = public_reason
    audit.attribute(certificate, by=by, reason=reason)
    certificate.save(update_fields=["status", "revoked_at", "revoke_reason", "public_reason"])


def _reasons(reason, public_reason):
    return required_text(reason, ReasonRequired()), " ".join((public_reason or "").split())[:300]


def revoke_certificate(*, certificate, by, reason, public_reason="") -> Certificate:
    """Revoke with a reason (kept in the certificate's history); the check page shows the revocation,
    its date, the public reason when one is given, and the replacement once there is one."""
    reason, public_reason = _reasons(reason, public_reason)
    with transaction.atomic():
        certificate = lock_row(certificate)
        _revoke(certificate, by=by, reason=reason, public_reason=public_reason)
    return certificate


def _issue_replacement(old, *, issued_on):
    """Inside a transaction, on the locked revoked certificate: issue its one replacement, from today's
    data, under a new number linked to the old one."""
    if Certificate.objects.filter(replaces=old).exists():
        raise AlreadyReplaced()
    if old.registration is not None and old.registration.status != Registration.Status.ATTENDED:
        raise NotAttended()
    holding = Certificate.objects.filter(
        event=old.event, holder=old.holder, kind=old.kind, status=Certificate.Status.VALID
    ).first()
    if holding is not None:
        raise CertificateError(_("The participant already holds the valid certificate %(number)s.")
                               % {"number": holding.number})
    new, _created = _create(
        event=old.event, holder=old.holder, registration=old.registration, kind=old.kind,
        issued_on=issued_on, replaces=old,
    )
    return new


def _locked_for_replacing(certificate):
    return (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("event__organiser", "registration", "holder").get(pk=certificate.pk)
    )


def reissue_certificate(*, certificate, by, reason, public_reason="", issued_on=None, render=True) -> Certificate:
    """Revoke the certificate and issue a new one under a new number, from today's data (a corrected
    name, say); the old number stays, revoked, linked to its replacement."""
    reason, public_reason = _reasons(reason, public_reason)
    with transaction.atomic():
        old = _locked_for_replacing(certificate)
        _revoke(old, by=by, reason=reason, public_reason=public_reason)
        new = _issue_replacement(old, issued_on=issued_on)
    if render:
        store_pdf(certificate=new)
    return new


def replace_revoked_certificate(*, certificate, by, issued_on=None, render=True) -> Certificate:
    """A certificate already revoked is re-issued as its replacement (once): a new number, linked to
    the old one, which the check page of the old number then names. Only for a participant who still
    attended and holds no other valid certificate of the event."""
    with transaction.atomic():
        old = _locked_for_replacing(certificate)
        if old.status != Certificate.Status.REVOKED:
            raise NotRevoked()
        new = _issue_replacement(old, issued_on=issued_on)
    if render:
        store_pdf(certificate=new)
    return new


def evaluation_pending(certificate, user) -> Survey | None:
    """The evaluation survey the holder must still answer before downloading the certificate, or None
    (staff, school heads and a statement's holder are never held back)."""
    if user.pk != certificate.holder_id or certificate.kind != Certificate.Kind.CERTIFICATE:
        return None
    if not certificate.event.evaluation_required:
        return None
    if evaluation_answered(event=certificate.event, user=user):
        return None
    return evaluation_survey(event=certificate.event)


def pending_evaluation_surveys(user, event_ids) -> dict:
    """Of the given events, those whose evaluation `user` must still answer, as {event id: survey id}
    (one query for a list)."""
    # The same rule as surveys.services.evaluation_answered: an inactive or closed survey blocks nobody.
    return dict(
        Survey.objects.filter(
            event_id__in=event_ids, kind=Survey.Kind.EVALUATION, event__evaluation_required=True, is_active=True
        )
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=timezone.localdate()))
        .exclude(responses__respondent_id=user.pk)
        .values_list("event_id", "pk")
    )


