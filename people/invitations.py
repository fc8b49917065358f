"""Invitations: a person added by their school, the centre or the municipality sets their own password
through a one-time link. Nobody ever chooses or sees another person's password.

The link is `/pakvietimas/<invitation id>-<Django token>/`. The token comes from Django's own
`PasswordResetTokenGenerator` (as in password reset), keyed to this invitation, its person and its
last sending, so a resent invitation's earlier link stops working. A link is refused when it was used,
withdrawn, resent or is older than settings.INVITATION_DAYS.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int, int_to_base36
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from notices.services import notify

from .models import Invitation


class InvitationError(DomainError):
    default_message = _("This invitation cannot be changed.")


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's token generator with the invitation's own salt, hash and validity period."""

    key_salt = "people.invitations.InvitationTokenGenerator"

    def _make_hash_value(self, invitation, timestamp):
        sent = invitation.sent_at.timestamp() if invitation.sent_at else ""
        return f"{invitation.pk}|{invitation.user_id}|{invitation.user.email}|{invitation.send_count}|{sent}|{timestamp}"

    def token_age_ok(self, token):
        try:
            ts = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        return self._num_seconds(self._now()) - ts <= settings.INVITATION_DAYS * 24 * 3600

    def signature_ok(self, invitation, token):
        """Django's check without its password-reset timeout (invitations have their own)."""
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(invitation, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


token_generator = InvitationTokenGenerator()


def link_token(invitation) -> str:
    return f"{int_to_base36(invitation.pk)}-{token_generator.make_token(invitation)}"


def invitation_url(invitation) -> str:
    return reverse("invitation", kwargs={"token": link_token(invitation)})


def _send(invitation):
    invitation.sent_at = timezone.now()
    invitation.send_count += 1
    invitation.withdrawn_at = None
    invitation.save(update_fields=["sent_at", "send_count", "withdrawn_at"])
    notify(
        kind="invitation", recipient=invitation.user, key=f"invitation:{invitation.pk}:{invitation.send_count}",
        link=invitation_url(invitation),
        context={"invitation": invitation, "organisation": invitation.organisation,
                 "invited_by": invitation.invited_by, "days": settings.INVITATION_DAYS},
    )
    return invitation


def needs_invitation(user) -> bool:
    """A person who has never set a password (an account made by someone else) needs one."""
    return not user.has_usable_password()


def invite(*, user, organisation, by) -> Invitation | None:
    """Invite a person who has no password yet, once: an invitation already sent (and neither withdrawn
    nor used) is not sent again; a person who already signs in gets none."""
    if not needs_invitation(user):
        return None
    with transaction.atomic():
        open_invitation = (Invitation.objects.select_for_update()
                           .filter(user=user, accepted_at__isnull=True, withdrawn_at__isnull=True).first())
        if open_invitation is not None:
            return open_invitation
        invitation = Invitation.objects.create(user=user, organisation=organisation, invited_by=by)
        return _send(invitation)


def latest_invitation(user):
    return Invitation.objects.filter(user=user).order_by("-created_at", "-pk").first()


def resend(*, invitation, by) -> Invitation:
    """Send the invitation again with a new link (the old one stops working); a used one cannot be."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
        if invitation.accepted_at or not needs_invitation(invitation.user):
            raise InvitationError(_("The person has already set a password."))
        invitation.invited_by = by
        invitation.save(update_fields=["invited_by"])
        return _send(invitation)


def withdraw(*, invitation, by) -> Invitation:
    """The link stops working at once; the invitation can be sent again later."""
    with transaction.atomic():
        invitation = lock_row(invitation)
        if invitation.accepted_at:
            raise InvitationError(_("The invitation was already used."))
        if not invitation.withdrawn_at:
            invitation.withdrawn_at = timezone.now()
            invitation.save(update_fields=["withdrawn_at"])
        return invitation


REFUSALS = {
    "invalid": _("This invitation link is not valid. It may have been replaced by a newer invitation: "
                 "use the link in the latest e-mail, or ask your school to send it again."),
    "accepted": _("This invitation was already used. Sign in with your e-mail address and password, "
                  "or reset the password if you have forgotten it."),
    "withdrawn": _("This invitation was withdrawn. Ask the person who invited you to send it again."),
    "expired": _("This invitation link has expired. Ask the person who invited you to send it again."),
}


def check(token: str):
    """(invitation, None) for a link that may be used now, or (invitation or None, refusal reason)."""
    try:
        pk_b36, rest = token.split("-", 1)
        invitation = Invitation.objects.select_related("user").filter(pk=base36_to_int(pk_b36)).first()
    except ValueError:
        return None, "invalid"
    if invitation is None or not token_generator.signature_ok(invitation, rest):
        return None, "invalid"
    if invitation.accepted_at:
        return invitation, "accepted"
    if invitation.withdrawn_at:
        return invitation, "withdrawn"
    if not token_generator.token_age_ok(rest) or invitation.state() == "expired":
        return invitation, "expired"
    return invitation, None


def accept(*, token, password) -> Invitation:
    """Set the person's own password and use the link up; a second use is refused."""
    with transaction.atomic():
        invitation, refusal = check(token)
        if refusal:
            raise InvitationError(REFUSALS[refusal])
        invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
        if invitation.accepted_at:
            raise InvitationError(REFUSALS["accepted"])
        user = invitation.user
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return invitation
