"""A short-lived page cache for anonymous visitors of the public pages (catalogue, event page, plan page).

Anonymous visitors with no session all see the same page, so it is rendered once and served from the
cache until the public data changes or `PUBLIC_PAGE_CACHE_SECONDS` pass. Saving or deleting an event,
a session, a registration (seats left), a programme or a plan bumps a version number that is part of
every key, so a change made in this process shows at once; with a shared cache (Redis) it shows at once
in every process, with the default per-process cache other processes catch up within the timeout.
Registration itself never relies on the cached page: seats are checked under a lock.

The pages carry the language switch form, and so a CSRF token. The token is cut out before storing and a
fresh one for this visitor is put in when serving (which also sets the visitor's CSRF cookie), so a
cached page never hands one visitor's token to another.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.translation import get_language

from events.models import Event, EventSession, Programme, Registration, YearPlan
from kvalifikacija.cache import bump_versions
from kvalifikacija.viewer_cache import rendered, seconds_setting, with_csrf_token, without_csrf_token

VERSION_KEY = "kv:public-pages:version"
PLACEHOLDER = b"__KV_CSRF_TOKEN__"


def timeout():
    return seconds_setting("PUBLIC_PAGE_CACHE_SECONDS", "15")


def version():
    current = cache.get(VERSION_KEY)
    if current is None:
        current = 1
        cache.add(VERSION_KEY, current, None)
    return current


def _bump():
    bump_versions([VERSION_KEY], missing=2)


def invalidate(**kwargs):
    """Every cached public page is stale once the change commits (never a cache call inside the
    transaction that makes the change: the cache must not be able to fail it)."""
    transaction.on_commit(_bump)


def _cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies:
        return False
    return not request.user.is_authenticated



def anonymous_page_cache(view):
    """Serve `view` to anonymous visitors from the cache (see the module's note)."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = timeout()
        if seconds <= 0 or not _cacheable(request):
            return view(request, *args, **kwargs)
        key = f"kv:public-page:{version()}:{get_language()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is None:
            response = rendered(view(request, *args, **kwargs))
            if response.status_code == 200 and not response.cookies.get(settings.SESSION_COOKIE_NAME) \
                    and not response.has_header("Cache-Control"):
                cache.set(key, (without_csrf_token(response.content, PLACEHOLDER), response["Content-Type"]), seconds)
            return response
        content, content_type = cached
        response = HttpResponse(with_csrf_token(content, request, PLACEHOLDER), content_type=content_type)
        response["Vary"] = "Cookie, Accept-Language"
        return response

    return wrapper


def connect_signals():
    for model in (Event, EventSession, Programme, Registration, YearPlan):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"kv-public-pages-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"kv-public-pages-delete-{model.__name__}")
