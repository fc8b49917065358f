"""The portal's home page. With `kvalifikacija.urls` it is the composition root: it puts several apps
on one page (the person's roles, their qualification standing, the next public events), so it may
import any app; nothing imports it but the URLs."""

from django.shortcuts import render
from django.utils import timezone

from certificates.qualification import hours_by_teacher
from events.selectors import upcoming_public_events
from people import permissions
from people.models import Membership
from people.qualification import standing


def home(request):
    """Anonymous visitors learn what the portal is; signed-in people see their roles and next steps."""
    context = {}
    if request.user.is_authenticated:
        context["memberships"] = (
            Membership.objects.active().filter(user=request.user).select_related("organisation")
        )
        if permissions.is_teacher(request.user):
            year = timezone.localdate().year
            hours = hours_by_teacher([request.user.pk], year)[request.user.pk]
            context["standing"] = standing(hours)
            context["year"] = year
    context["upcoming"] = upcoming_public_events(limit=6)
    return render(request, "people/home.html", context)
