"""Sign-in and password reset that hold against guessing from one address and against mail flooding.

- Sign-in: django-axes locks one account from one address after AXES_FAILURE_LIMIT failures (schools share
  addresses, so one person's typos never lock the whole school); failed sign-ins from one address over all
  accounts are limited separately (SIGN_IN_FAILURES_PER_ADDRESS, django-ratelimit), which stops password
  spraying: many accounts, one or two guesses each.
- Password reset: requests are limited per address (PASSWORD_RESETS_PER_ADDRESS: 429 with a message) and
  per account (PASSWORD_RESETS_PER_ACCOUNT: the page says the usual "sent", nothing is sent, so nobody can
  flood a mailbox or learn which addresses have accounts). The e-mail goes through the outbox (a notice
  row, sent by the worker, retried, never twice), not from the web process.
"""

import uuid

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage, is_ratelimited

from kvalifikacija.client_ip import ratelimit_key
from notices.services import notify

TOO_MANY = _("Too many attempts from your address. Please wait a quarter of an hour and try again.")


def _account_key(group, request):
    return (request.POST.get("email") or request.POST.get("username") or "").strip().lower()[:254]


def sign_in_failures_exceeded(request, *, increment) -> bool:
    """Whether the client's address has used up its failed sign-ins over all accounts (counting this one
    when `increment`)."""
    usage = get_usage(request, group="sign-in-failures-per-address", key=ratelimit_key,
                      rate=settings.SIGN_IN_FAILURES_PER_ADDRESS, increment=increment)
    return bool(usage) and usage["count"] >= usage["limit"] and settings.RATELIMIT_ENABLE


class ThrottledLoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if sign_in_failures_exceeded(request, increment=False):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, TOO_MANY)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        sign_in_failures_exceeded(self.request, increment=True)
        return super().form_invalid(form)


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the message is a notice in the outbox (sent by the worker)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        user = context["user"]
        path = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        notify(kind="password_reset", recipient=user, key=f"password_reset:{user.pk}:{uuid.uuid4().hex}",
               context={"reset_url": f"{settings.SITE_URL}{path}"})


class LimitedPasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm

    def post(self, request, *args, **kwargs):
        if is_ratelimited(request, group="password-reset-per-address", key=ratelimit_key,
                          rate=settings.PASSWORD_RESETS_PER_ADDRESS, increment=True):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, TOO_MANY)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if is_ratelimited(self.request, group="password-reset-per-account", key=_account_key,
                          rate=settings.PASSWORD_RESETS_PER_ACCOUNT, increment=True):
            return super(auth_views.PasswordResetView, self).form_valid(form)  # "sent", nothing sent
        return super().form_valid(form)
