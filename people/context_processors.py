from django.urls import NoReverseMatch, reverse

from .navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    context = {"nav_items": items_for(user, request.path)}
    if user.is_authenticated:
        try:
            context["nav_inbox_url"] = reverse("notices:inbox")
        except NoReverseMatch:
            pass
    return context
