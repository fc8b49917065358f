"""The inbox and e-mail preferences for everybody; the notice log and its dead letter for staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from kvalifikacija.exceptions import DomainError
from people import permissions as people_permissions

from . import permissions, services
from .filters import NoticeLogFilter
from .forms import PreferencesForm
from .models import NoticeLog


class InboxView(LoginRequiredMixin, ListView):
    template_name = "notices/inbox.html"
    paginate_by = 25
    context_object_name = "notices"

    def get_queryset(self):
        # Digests carry their content in the body (the events listed), so the inbox shows it too.
        return permissions.notices_visible_to(self.request.user).only(
            "pk", "kind", "subject", "link", "created_at", "read_at", "status", "body_text"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread_count"] = services.unread_count(self.request.user)
        return context


@login_required
@require_POST
def mark_read(request):
    ids = request.POST.getlist("notice")
    count = services.mark_read(user=request.user, notice_ids=[int(pk) for pk in ids if pk.isdigit() and len(pk) < 19] if ids else None)
    if count:
        messages.success(request, _("Marked as read."))
    return redirect("notices:inbox")


@login_required
@require_POST
def open_notice(request, pk):
    """Mark one of the person's own notices read and go to what it is about."""
    notice = get_object_or_404(permissions.notices_visible_to(request.user), pk=pk)
    services.mark_read(user=request.user, notice_ids=[notice.pk])
    if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(notice.link)
    return redirect("notices:inbox")


@login_required
def preferences(request):
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.set_email_preferences(user=request.user, enabled_kinds=form.cleaned_data["email_kinds"])
            messages.success(request, _("Your notice settings are saved."))
            return redirect("notices:preferences")
    else:
        form = PreferencesForm(initial={"email_kinds": sorted(services.email_preferences(request.user))})
    return render(request, "notices/preferences.html", {"form": form})


class NoticeLogView(LoginRequiredMixin, ListView):
    """Every notice sent, with filters; the failed ones (the dead letter) can be sent again."""

    template_name = "notices/log.html"
    paginate_by = 50
    context_object_name = "notices"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not people_permissions.can_view_notice_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        queryset = (people_permissions.notice_log_visible_to(self.request.user).select_related("recipient")
                    .defer("body_text", "body_html"))
        self.filterset = NoticeLogFilter(self.request.GET, queryset=queryset)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        visible = people_permissions.notice_log_visible_to(self.request.user)
        context.update({
            "filter": self.filterset,
            "query_string": query.urlencode(),
            "failed_count": visible.filter(status=NoticeLog.Status.FAILED).count(),
            "unconfirmed_count": visible.filter(status=NoticeLog.Status.UNCONFIRMED).count(),
        })
        return context


@login_required
@require_POST
def retry(request, pk):
    if not people_permissions.can_view_notice_log(request.user):
        raise PermissionDenied
    notice = get_object_or_404(people_permissions.notice_log_visible_to(request.user), pk=pk)  # another centre's: 404
    try:
        services.retry_notice(notice=notice)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The notice will be sent again."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(next_url)
    return HttpResponseRedirect(reverse("notices:log") + "?status=failed")
