"""The portal's home page. With `kvalifikacija.urls` it is the composition root: it puts several apps
on one page (the person's roles, their qualification standing, the next public events), so it may
import any app; nothing imports it but the URLs."""

from django.shortcuts import render
from django.utils import timezone

from events.selectors import upcoming_public_events
from people import roles
from people.models import Membership
from people.qualification import teacher_days


def home(request):
    """Anonymous visitors learn what the portal is; signed-in people see their roles and next steps."""
    context = {}
    if request.user.is_authenticated:
        context["memberships"] = (
            Membership.objects.active().filter(user=request.user).select_related("organisation")
        )
        if roles.is_teacher(request.user):
            year = timezone.localdate().year
            context["standing"] = teacher_days(request.user, year)
            context["year"] = year
    context["upcoming"] = upcoming_public_events(limit=6)
    return render(request, "people/home.html", context)
