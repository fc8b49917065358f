"""Pages of signed-in people kept per viewer, keyed on the versions of every table the page read.

How a page can never be stale:

- Every SQL statement this process runs passes `_track` (installed on each database connection). A
  statement that writes (INSERT, UPDATE, DELETE, TRUNCATE, also inside WITH) bumps a version number per
  table it writes, in the cache, after the transaction commits (with no transaction, at once). This sees every way of writing: model saves, queryset updates, bulk creates,
  deletes, raw SQL, the admin, management commands and the Celery worker (all run this code).
- A page wrapped in `cached_for_viewer` is rendered once with every SELECT recorded; the tables it read
  (plus `BASE_TABLES`, read by the middleware before the view: the user, memberships, organisations,
  unread notices) become the page's dependencies. The page is stored under a key made of the view, the
  viewer, the full path with its query string, the language, today's date and the current version of
  every dependency, read BEFORE the rendering: a change committed meanwhile bumps a version, so what was
  rendered from the older data is stored under a key nobody asks for again.
- A rendering that read a table not yet among the view's dependencies is not stored; the dependencies
  grow (per process) and the next rendering is stored. A rendering that wrote anything, a response
  other than a plain 200 page, a request carrying messages to show, and anonymous visitors are never
  cached. Nested caches (`events.fragments`) are bypassed while a page is being recorded, so their
  tables are recorded too.
- The cached page has its CSRF tokens replaced by this request's own on the way out.
- `VIEWER_PAGE_CACHE_SECONDS` (60 by default, 0 = off, 0 in tests unless a test turns it on) bounds what
  does not come from the database: the time of day. With the cache down (Redis unreachable), pages
  are rendered every time.

The granularity is the table: any registration anywhere makes every cached page that read registrations
miss once. That keeps the rule simple enough to be sure of.
"""

import contextvars
import hashlib
import logging
import os
import re
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from kvalifikacija.cache import bump_versions

logger = logging.getLogger(__name__)

BASE_TABLES = frozenset({"people_user", "people_membership", "people_organisation", "notices_noticelog"})
WRITING = frozenset({"INSERT", "UPDATE", "DELETE", "WITH", "TRUNCATE", "MERGE", "REPLACE"})
_HEAD = re.compile(r"\s*(\w+)")
_WRITTEN = re.compile(r'\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO)'
                      r'\s+(?:ONLY\s+)?"?(\w+)"?', re.IGNORECASE)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)
PLACEHOLDER = b"__KV_VIEWER_CSRF__"
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')

_recording = contextvars.ContextVar("kv_viewer_cache_recording", default=None)
_dependencies = {}  # view name → tables its pages read (grows; per process)


def seconds_setting(name, default):
    """How long a page cache keeps a page: the setting `name`, else the environment variable of that name,
    else `default` (0, off, in tests)."""
    configured = getattr(settings, name, None)
    if configured is None:
        configured = os.environ.get(name, "0" if settings.TESTING else default)
    return int(configured)


def timeout():
    return seconds_setting("VIEWER_PAGE_CACHE_SECONDS", "60")


def without_csrf_token(content, placeholder=PLACEHOLDER):
    """A page's HTML to store: its CSRF tokens cut out (one visitor's token is never served to another)."""
    return TOKEN.sub(rb"\1" + placeholder + rb"\3", content)


def with_csrf_token(content, request, placeholder=PLACEHOLDER):
    """A stored page's HTML to serve: this request's own CSRF token put back."""
    if placeholder in content:
        content = content.replace(placeholder, get_token(request).encode())
    return content


def recording():
    """True while a page is being rendered for the cache (nested caches then step aside)."""
    return _recording.get() is not None


# --- Table versions ---------------------------------------------------------------------------------

def _key(table):
    return f"kv:table-version:{table}"


def versions(tables):
    """{table: version} for `tables` in one round trip (a table never bumped gets a fresh version, not
    1, so an evicted version can never meet pages stored under its earlier value); None with the cache down."""
    keys = {_key(t): t for t in tables}
    try:
        found = cache.get_many(list(keys))
        for key in keys.keys() - found.keys():
            fresh = time.time_ns()
            if cache.add(key, fresh, None):
                found[key] = fresh
            else:
                found[key] = cache.get(key)
                if found[key] is None:
                    return None  # the cache is unreachable
    except Exception:  # noqa: BLE001 - the cache is optional
        logger.warning("viewer page cache unavailable", exc_info=True)
        return None
    return {keys[k]: v for k, v in found.items()}


def bump(tables):
    """The versions of `tables` one up (a version never read stays missing: nothing is stored under it)."""
    bump_versions([_key(t) for t in tables])


def _written(connection, tables):
    if not connection.in_atomic_block:
        bump(tables)  # autocommit: already committed
    elif timeout() > 0:
        transaction.on_commit(lambda: bump(tables), using=connection.alias, robust=True)
    # With the cache off (tests, unless a test turns it on) a change inside a transaction adds no commit
    # hook and makes no cache call: the hooks and calls of a change stay exactly its own. Every process
    # that writes must therefore run with the same setting as the web processes (as it does by default).


def _track(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    head = _HEAD.match(sql)
    word = head.group(1).upper() if head else ""
    recorded = _recording.get()
    if word in WRITING or ";" in sql:  # several statements in one round trip: any of them may write
        written = {t.lower() for t in _WRITTEN.findall(sql)}
        if written:
            _written(context["connection"], written)
            if recorded is not None:
                recorded.add("!wrote")
    if recorded is not None and word in ("SELECT", "WITH"):
        recorded.update(t.lower() for t in _READ.findall(sql))
    return result


def _on_connection(sender, connection, **kwargs):
    if _track not in connection.execute_wrappers:
        connection.execute_wrappers.append(_track)


def install():
    """Track writes on every database connection (called once, by people's AppConfig.ready)."""
    connection_created.connect(_on_connection, dispatch_uid="kv-viewer-cache-track")


# --- The pages --------------------------------------------------------------------------------------

def _cache_key(prefix, state):
    return prefix + hashlib.blake2b(repr(state).encode(), digest_size=20).hexdigest()


def _stored(key):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001
        return None


def _store(key, value, seconds):
    try:
        cache.set(key, value, seconds)
    except Exception:  # noqa: BLE001
        logger.warning("viewer page cache unavailable", exc_info=True)


def _recorded(render):
    """`render()` with the tables it reads recorded: (what it gave, the tables, "!wrote" when it wrote)."""
    read = set()
    token = _recording.set(read)
    try:
        return render(), read
    finally:
        _recording.reset(token)


def _knows_all(name, tables, read):
    """Whether the rendering read only the `tables` its key was made of; if not, what it read joins the
    dependencies of `name` (per process) and the next rendering is stored."""
    if read <= tables:
        return True
    _dependencies[name] = frozenset(tables | read)
    return False


def rendered(response):
    """A template response rendered (its content is then there to store); any other response as it is."""
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    return response


def _cacheable(request):
    user = getattr(request, "user", None)
    return (request.method == "GET" and user is not None and user.is_authenticated
            and not len(get_messages(request)))


def _storable(response):
    return (type(response) is HttpResponse or hasattr(response, "rendered_content")) and not response.streaming \
        and response.status_code == 200 and response.get("Content-Type", "").startswith("text/html") \
        and {h.lower() for h in response.headers} == {"content-type"} and not response.cookies


def cached_for_viewer(view):
    """Serve `view` to each signed-in person from the cache while nothing it read has changed (see the
    module's note)."""
    name = f"{view.__module__}.{getattr(view, 'view_class', view).__qualname__}"

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = timeout()
        if seconds <= 0 or not _cacheable(request):
            return view(request, *args, **kwargs)
        tables = _dependencies.get(name, BASE_TABLES)
        found = versions(tables)
        if found is None:
            return view(request, *args, **kwargs)
        key = _cache_key("kv:viewer-page:", (name, request.user.pk, get_language(), request.get_full_path(),
                                             timezone.localdate().isoformat(), sorted(found.items())))
        cached = _stored(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(with_csrf_token(content, request), content_type=content_type)
        response, read = _recorded(lambda: rendered(view(request, *args, **kwargs)))
        if "!wrote" in read or not _storable(response):
            return response
        if _knows_all(name, tables, {t for t in read if not t.startswith("!")} | BASE_TABLES):
            _store(key, (without_csrf_token(response.content), response["Content-Type"]), seconds)
        return response

    wrapper.viewer_cache_name = name
    return wrapper


def cached_fragment(name, parts, render):
    """`render()` (HTML that depends on no viewer: no CSRF token, no name), cached under `name`, `parts`,
    the language, today's date and the versions of the tables the rendering read, as pages are. Inside a
    page being recorded it is simply rendered (so the page records its tables)."""
    seconds = timeout()
    if seconds <= 0 or recording():
        return render()
    tables = _dependencies.get(name, frozenset())
    found = versions(tables) if tables else {}
    if found is None:
        return render()
    key = _cache_key("kv:viewer-fragment:", (name, parts, get_language(), timezone.localdate().isoformat(),
                                             sorted(found.items())))
    cached = _stored(key)
    if cached is not None:
        return mark_safe(cached)  # noqa: S308 - rendered by our own templates
    html, read = _recorded(render)
    if "!wrote" not in read and _knows_all(name, tables, read):
        _store(key, str(html), seconds)
    return html
