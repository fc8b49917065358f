from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import permissions
from .models import Membership
from .qualification import teacher_days


def home(request):
    """Anonymous visitors learn what the portal is; signed-in people see their roles and next steps."""
    context = {}
    if request.user.is_authenticated:
        context["memberships"] = (
            Membership.objects.active().filter(user=request.user).select_related("organisation")
        )
        if permissions.is_teacher(request.user):
            year = timezone.localdate().year
            context["standing"] = teacher_days(request.user, year)
            context["year"] = year
    try:
        from events.selectors import upcoming_public_events

        context["upcoming"] = upcoming_public_events(limit=6)
    except ImportError:  # the catalogue selectors are part of the events app
        context["upcoming"] = []
    return render(request, "people/home.html", context)


@login_required
def profile(request):
    memberships = Membership.objects.active().filter(user=request.user).select_related("organisation")
    return render(request, "people/profile.html", {"memberships": memberships})


@require_POST
def set_language(request):
    """Switch the interface language; a signed-in person's choice is kept for notices too."""
    response = django_set_language(request)
    code = request.POST.get("language")
    if request.user.is_authenticated and code in dict(settings.LANGUAGES) and request.user.language != code:
        request.user.language = code
        request.user.save(update_fields=["language"])
    return response


def healthz(request):
    """A trivial view for load balancers and as the benchmarks' baseline: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")
