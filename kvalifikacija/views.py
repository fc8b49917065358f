"""Shared view helpers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .exceptions import DomainError


def object_or_404(queryset, predicate=None, *, hidden=False, allowed=None):
    """A lookup for views: `get(request, pk)` finds the object in `queryset` (a queryset, or a function
    of the user giving the queryset of what they may see) or answers 404, then requires
    `predicate(user, obj)` (an object-level permission of the app): refused with 403, or with 404 when
    `hidden` (someone else's private object is answered as if it did not exist).

    `allowed(user)`, when given, is asked first, before any lookup: a role that may not use these pages
    at all is refused with 403 whatever the key (so the answer does not tell which objects exist).

    `get.requiring(predicate)` is the same lookup that then also requires `predicate(user, obj)` (403):
    e.g. a request the user may see, and may decide."""

    def get(request, pk):
        if allowed is not None and not allowed(request.user):
            raise PermissionDenied
        objects = queryset(request.user) if callable(queryset) else queryset
        obj = get_object_or_404(objects, pk=pk)
        if predicate is not None and not predicate(request.user, obj):
            raise Http404 if hidden else PermissionDenied
        return obj

    return _with_requiring(get)


def _with_requiring(get):
    def requiring(predicate):
        def stricter(request, pk):
            obj = get(request, pk)
            if not predicate(request.user, obj):
                raise PermissionDenied
            return obj

        return _with_requiring(stricter)

    get.requiring = requiring
    return get


def attempt(request, act, done, *, errors=DomainError) -> bool:
    """Do `act()` for a page's POST: a refusal (`errors`, a `DomainError` by default) is shown as an error
    message, success as `done`. Returns whether it was done."""
    try:
        act()
    except errors as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, done)
    return True
