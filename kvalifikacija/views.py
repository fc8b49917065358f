"""Shared view helpers: look an object up with its permission (`object_or_404`), refuse a role
(`allowed_for`), do a POST's action (`attempt`) and handle a page's form (`form_page`)."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

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


def allowed_for(predicate):
    """A view decorator: the view answers 403 unless `predicate(user)` (e.g. `roles.is_centre_staff`).
    Put it under `login_required`, so that an anonymous visitor is sent to sign in first."""

    def decorate(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked

    return decorate


def form_page(request, form, template, context=None, *, done, then, save=None):
    """A page with one form: on a POST whose form is valid, `save(form)` (by default `form.save()`)
    gives the saved object; the page then shows `done` and redirects to `then(obj)` (anything
    `redirect` takes). A refusal (`DomainError`) is shown beside its field and the page is shown again,
    as it is on a GET or an invalid form (with `form` in the context)."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form) if save else form.save()
        except DomainError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, done)
            return redirect(then(obj))
    return render(request, template, {**(context or {}), "form": form})


def form_errors_text(form, *, sep="; ") -> str:
    """A form's errors in one line, for a message on a page the form is not shown on again."""
    return sep.join(str(error) for errors in form.errors.values() for error in errors)


def page_of(url_name):
    """`then` for `form_page`: the saved object's own page, the URL `url_name` with its `pk`."""
    return lambda obj: reverse(url_name, kwargs={"pk": obj.pk})
