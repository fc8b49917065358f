"""A certificate's history: issued, revoked (with the reason), replaced; who, when and why."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kvalifikacija import audit
from kvalifikacija.views import object_or_404

from .. import permissions
from ..models import Certificate

_visible_certificate = object_or_404(Certificate.objects.select_related("holder", "event"),
                                     permissions.can_view_certificate)


def certificate_trail(certificate) -> list:
    """The certificate's audit trail; what it certifies is fixed at issue, so the rows are its status,
    the revocation and its reasons."""
    return audit.trail(certificate.history.all(), hidden=("issuer", "event", "registration", "holder", "replaces"))


@login_required
def certificate_history(request, pk):
    certificate = _visible_certificate(request, pk)
    if certificate.holder_id == request.user.pk:
        back = reverse("certificates:my_record")
    elif permissions.can_issue_certificates(request.user, certificate.event):
        back = reverse("certificates:event_certificates", args=[certificate.event_id])
    else:
        back = reverse("certificates:teacher_record", args=[certificate.holder_id])
    return audit.history_page(request, title=f"{certificate.number} – {certificate.holder_name}",
                              rows=certificate_trail(certificate), back_url=back,
                              back_label=_("Certificates"))
