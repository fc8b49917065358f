"""The public check page, certificate downloads, and centre staff's issuing pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Event
from kvalifikacija.views import attempt, object_or_404

from .. import permissions, selectors
from ..forms import ReasonForm
from ..models import Certificate, IssuingBatch
from ..services import issuing
from .files import file_response, zip_response


def check(request, code):
    """Public: valid, revoked (with the date, the public reason and the replacement, linked to its own
    check page), or no such certificate (404). Shows only what the certificate itself shows; the
    internal reason for revoking stays private."""
    certificate = (
        Certificate.objects.filter(verification_code=code)
        .select_related("replaced_by", "replaces").first()
    )
    if certificate is None:
        return render(request, "certificates/check_unknown.html", {"code": code}, status=404)
    return render(request, "certificates/check.html", {"certificate": certificate})


_certificate_for = object_or_404(Certificate.objects.select_related("event", "holder"),
                                 permissions.can_view_certificate)


@login_required
def download(request, pk):
    """The certificate's PDF for its holder, the issuer's centre staff and the holder's school heads.
    Where the event requires it, the holder answers the evaluation survey first."""
    certificate = _certificate_for(request, pk)
    survey = issuing.evaluation_pending(certificate, request.user)
    if survey is not None:
        record = reverse("certificates:my_record")
        messages.warning(request, format_html(
            '{} <a href="{}?{}" class="alert-link">{}</a>', issuing.EvaluationRequired.default_message,
            reverse("surveys:answer", args=[survey.pk]), urlencode({"next": record}), _("Answer the survey"),
        ))
        return redirect(record)
    issuing.ensure_pdf(certificate=certificate)
    return file_response(certificate.pdf, filename=f"{certificate.number}.pdf", content_type="application/pdf")


_managed_event = object_or_404(Event.objects.select_related("organiser", "programme"),
                               permissions.can_issue_certificates)


@login_required
def event_certificates(request, pk):
    """Centre staff: issue the event's certificates (and lecturers' statements) in the background,
    follow the progress, download them all, revoke or re-issue one."""
    event = _managed_event(request, pk)
    if request.method == "POST":
        kind = request.POST.get("kind", Certificate.Kind.CERTIFICATE)
        if kind not in Certificate.Kind.values:
            kind = Certificate.Kind.CERTIFICATE
        attempt(request, lambda: issuing.request_bulk_issue(event=event, by=request.user, kind=kind),
                _("Issuing has started; this page shows its progress."), errors=issuing.CertificateError)
        return redirect("certificates:event_certificates", pk=event.pk)
    certificates = list(selectors.event_certificates(event))
    context = {
        "event": event,
        "certificates": certificates,
        "attended_count": issuing.attended_registrations(event).count(),
        "lecturer_count": event.lecturers.count(),
        "batch": IssuingBatch.objects.filter(event=event).first(),
        "is_completed": event.status == Event.Status.COMPLETED,
        "reason_form": ReasonForm(),
        "valid_count": sum(1 for item in certificates if item.is_valid),
    }
    return render(request, "certificates/event_certificates.html", context)


@login_required
def event_progress(request, pk):
    """The htmx fragment that follows an issuing run."""
    event = _managed_event(request, pk)
    batch = IssuingBatch.objects.filter(event=event).first()
    return render(request, "certificates/includes/progress.html", {"event": event, "batch": batch})


@login_required
def event_zip(request, pk):
    event = _managed_event(request, pk)
    certificates = list(
        Certificate.objects.filter(event=event, status=Certificate.Status.VALID).order_by("number")
    )
    for certificate in certificates:
        issuing.ensure_pdf(certificate=certificate)
    members = [(f"{item.number}.pdf", item.pdf) for item in certificates]
    return zip_response(members, filename=f"pazymejimai-renginys-{event.pk}.zip")


_staff_certificate = object_or_404(Certificate.objects.select_related("event"),
                                   lambda user, certificate: permissions.can_issue_certificates(user, certificate.event))


def _with_reason(request, certificate, reason_missing, act):
    """Revoke or re-issue with the form's reasons (or say `reason_missing`): `act(cleaned_data)` does it
    and gives the message of success. Back to the event's certificates."""
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, reason_missing)
    else:
        try:
            done = act(form.cleaned_data)
        except issuing.CertificateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
    return redirect("certificates:event_certificates", pk=certificate.event_id)


@login_required
@require_POST
def revoke(request, pk):
    certificate = _staff_certificate(request, pk)

    def act(data):
        issuing.revoke_certificate(certificate=certificate, by=request.user, reason=data["reason"],
                                   public_reason=data["public_reason"])
        return _("Certificate %(number)s has been revoked.") % {"number": certificate.number}

    return _with_reason(request, certificate, _("Give the reason for revoking."), act)


@login_required
@require_POST
def reissue(request, pk):
    """Re-issue a valid certificate (revoked with a reason, replaced by a new number), or give a
    certificate already revoked its replacement."""
    certificate = _staff_certificate(request, pk)
    if certificate.status == Certificate.Status.REVOKED:
        try:
            new = issuing.replace_revoked_certificate(certificate=certificate, by=request.user)
        except issuing.CertificateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Certificate %(old)s is replaced by %(new)s.")
                             % {"old": certificate.number, "new": new.number})
        return redirect("certificates:event_certificates", pk=certificate.event_id)

    def act(data):
        new = issuing.reissue_certificate(certificate=certificate, by=request.user, reason=data["reason"],
                                          public_reason=data["public_reason"])
        return _("Certificate %(old)s was revoked and re-issued as %(new)s.") % {"old": certificate.number,
                                                                                   "new": new.number}

    return _with_reason(request, certificate, _("Give the reason for re-issuing."), act)
