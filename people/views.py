from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import permissions
from .forms import ProfileForm, TeacherSelfForm
from .models import Membership, TeacherProfile
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
    """A person edits their name, phone and language and, as a teacher, subjects and position; the
    qualification category and "held since" come from the school and are only shown."""
    memberships = Membership.objects.active().filter(user=request.user).select_related("organisation")
    profile = TeacherProfile.objects.filter(user=request.user).first()
    form = ProfileForm(request.POST or None, instance=request.user, prefix="me")
    teacher_form = TeacherSelfForm(request.POST or None, instance=profile, prefix="t") if profile else None
    if request.method == "POST" and form.is_valid() and (teacher_form is None or teacher_form.is_valid()):
        with transaction.atomic():
            form.save()
            if teacher_form is not None:
                teacher_form.save()
        messages.success(request, _("Your details are saved."))
        response = redirect("profile")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.language)
        return response
    return render(request, "people/profile.html", {
        "memberships": memberships, "form": form, "teacher_form": teacher_form, "profile": profile})


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
