"""Information pages: public reading at /informacija/, editing by centre staff."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from people import roles

from .forms import InfoPageForm
from .models import InfoPage
from .rendering import render_markdown
from .services import save_page


def page_index(request):
    pages = InfoPage.objects.filter(is_published=True)
    return render(request, "pages/index.html", {"pages": pages})


def page_detail(request, slug):
    page = get_object_or_404(InfoPage, slug=slug)
    if not page.is_published and not roles.is_centre_staff(request.user):
        raise Http404
    # render_markdown escapes typed HTML and sanitises the result with nh3.
    body = mark_safe(render_markdown(page.body))  # noqa: S308 - sanitised just above  # nosec B308 B703
    return render(request, "pages/page.html", {"page": page, "body": body})


class StaffMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not roles.is_centre_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PageListView(StaffMixin, View):
    def get(self, request):
        return render(request, "pages/manage_list.html", {"pages": InfoPage.objects.all()})


class PageFormView(StaffMixin, View):
    template_name = "pages/manage_form.html"

    def get_instance(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(InfoPage, pk=pk) if pk else InfoPage()

    def get(self, request, pk=None):
        page = self.get_instance()
        return render(request, self.template_name, {"form": InfoPageForm(instance=page), "page": page})

    def post(self, request, pk=None):
        page = self.get_instance()
        form = InfoPageForm(request.POST, instance=page)
        if form.is_valid():
            page = save_page(form=form, by=request.user)
            messages.success(request, _("The page is saved."))
            return redirect(page.get_absolute_url())
        return render(request, self.template_name, {"form": form, "page": page})
