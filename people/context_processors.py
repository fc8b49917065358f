from django.urls import NoReverseMatch, reverse

from .navigation import items_for
from .permissions import can_use_admin


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    context = {"nav_items": items_for(user, request.path)}
    if user.is_authenticated:
        context["can_use_admin"] = can_use_admin(user)
        try:
            context["nav_inbox_url"] = reverse("notices:inbox")
        except NoReverseMatch:
            pass
        # Loaded with the user (people.backends): no query of its own.
        context["nav_unread"] = getattr(user, "unread_notices", None)
    return context
