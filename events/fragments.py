"""Cached HTML fragments of pages that signed-in people open: the parts that do not depend on who looks.

- An event's catalogue card is cached under a key made of the event, the language and a digest of
  everything the card shows (title, dates, form, place, provider, fee, status, seats left, subjects, …).
  A change to any of these is a different key, so a card can never be stale, and nothing needs to be
  invalidated for it; the seats left come from the page's own query, so they are exact when it runs.
- The catalogue's filter form is cached per language and per filter values (what was typed is part
  of the key), for as long as the subjects and providers it offers stay the same (`refs_version`,
  bumped when a subject or an organisation changes).

The cache is an optimisation only: every read and write here is fail-safe, so with the cache down
(Redis unreachable) fragments are rendered on every request, as if nothing were cached.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from kvalifikacija import viewer_cache
from kvalifikacija.cache import bump_versions
from people.models import Organisation, Subject, User

from .models import Event, EventSession, Programme, YearPlan

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "events/_card.html"
CARD_SECONDS = 24 * 3600
FORM_SECONDS = 600  # bounds how long a lost invalidation (cache down at the time) can show
REFS_VERSION_KEY = "kv:fragments:refs-version"
MAX_FILTER_KEY = 300  # longer filter strings are rendered, not cached


def _get_many(keys):
    if viewer_cache.recording():
        return {}  # a page is being recorded for the viewer cache: read the data itself (its tables)
    try:
        return cache.get_many(keys)
    except Exception:  # noqa: BLE001 - the cache is optional: render instead
        logger.warning("fragment cache unavailable", exc_info=True)
        return {}


def _set_many(values, seconds):
    try:
        cache.set_many(values, seconds)
    except Exception:  # noqa: BLE001
        logger.warning("fragment cache unavailable", exc_info=True)


def _version(key):
    """The current number under `key` (1 when none yet); None when the cache is down."""
    try:
        current = cache.get(key)
        if current is None:
            current = 1
            cache.add(key, current, None)
        return current
    except Exception:  # noqa: BLE001
        return None


def _bump(key):
    """Add one to the number under `key` (2 when it was missing); never raises."""
    bump_versions([key], missing=2)


def refs_version():
    """Bumped whenever a subject or an organisation changes (names and choices in forms and cards)."""
    return _version(REFS_VERSION_KEY)


def bump_refs_version(**kwargs):
    """Run after the commit: a request rendering between the save and the commit must not store the old
    data under the new version."""
    transaction.on_commit(_bump_refs_version)


def _bump_refs_version():
    _bump(REFS_VERSION_KEY)


def card_state(event) -> tuple:
    """Everything an event's card shows (and so its cache key is made of)."""
    provider = event.provider if event.provider_id else event.organiser
    return (
        event.pk, event.title, event.starts_on, event.ends_on, event.form, event.delivery_mode,
        event.academic_hours, event.place, event.provider_id, event.organiser_id, str(provider), str(event.fee),
        event.status, event.seats_left, event.outside_working_hours,
        tuple(s.name for s in event.audience_subjects.all()),
    )


def fragment_key(name, item, state, language=None) -> str:
    """The cache key of one item's fragment: its name, the language and a digest of everything it shows."""
    digest = hashlib.blake2b(repr(state(item)).encode(), digest_size=16).hexdigest()
    return f"kv:{name}:{language or get_language()}:{item.pk}:{digest}"


def card_key(event, language=None) -> str:
    return fragment_key("card", event, card_state, language)


def attach_cards(events):
    """Set `card_html` on each event (annotated with `seats_left`): cached cards in one round trip, the
    missing ones rendered and stored in one more."""
    return attach_fragments(events, name="card", template=CARD_TEMPLATE, state=card_state, context_name="event",
                            attribute="card_html")


def staff_row_state(event) -> tuple:
    """Everything a row of the centre's event list shows."""
    return (
        event.pk, event.title, event.starts_on, event.form, event.status, event.seats, event.seats_taken,
        event.programme.registry_code if event.programme_id else None,
    )


def attach_staff_rows(events):
    """Set `row_html` on each event of the centre's list (annotated with `seats_taken`), as `attach_cards`."""
    return attach_fragments(events, name="staff-row", template="events/staff/_event_row.html",
                            state=staff_row_state, context_name="e", attribute="row_html")


def attach_fragments(items, *, name, template, state, context_name, attribute):
    """Render `template` for each item, or take it from the cache under a key made of the language and a
    digest of `state(item)` (everything the fragment shows): one round trip for the cached ones, one
    more to store those rendered now. Sets `item.<attribute>`."""
    language = get_language()
    keys = {item.pk: fragment_key(name, item, state, language) for item in items}
    cached = _get_many(list(keys.values()))
    missing = {}
    for item in items:
        html = cached.get(keys[item.pk])
        if html is None:
            html = render_to_string(template, {context_name: item})
            missing[keys[item.pk]] = html
        setattr(item, attribute, mark_safe(html))  # noqa: S308 - rendered by our own template
    if missing:
        _set_many(missing, CARD_SECONDS)
    return items


def filter_form_html(filters, params, render):
    """The catalogue's filter form as HTML (`filters`: the filter set's filters by name): from the cache
    when the same filter values were rendered in this language since the subjects and providers last
    changed, else `render()` (and stored)."""
    version = refs_version()
    names = set(filters)
    values = sorted((k, v) for k, vs in params.lists() if k in names for v in vs)
    raw = repr(values)
    if version is None or len(raw) > MAX_FILTER_KEY:
        return render()
    key = f"kv:filter-form:{get_language()}:{version}:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    html = _get_many([key]).get(key)
    if html is None:
        html = render()
        _set_many({key: html}, FORM_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own template




# --- The yearly plan page ---------------------------------------------------------------------------

PLAN_VERSION_KEY = "kv:fragments:plan-version"
PLAN_SECONDS = 600  # bounds how long a lost invalidation (cache down at the time) can show


def plan_version():
    """Bumped by every change that can change a plan (`invalidate_plan`); None when the cache is down."""
    return _version(PLAN_VERSION_KEY)


def invalidate_plan(**kwargs):
    """Every cached plan rendering is stale from now on. Called by the same changes that make a plan's
    PDF stale (events, their sessions, subjects and lecturers, programmes, the plan itself, organisations,
    subjects, people's names); it only bumps a number, so it is cheap enough to call on every such save.
    Never raises: with the cache down there is nothing cached to invalidate."""
    if kwargs.get("sender") is not None and kwargs.get("update_fields") and set(kwargs["update_fields"]) <= {
            "last_login", "password", "language"}:
        return  # a sign-in or a language switch changes nothing a plan shows
    transaction.on_commit(_bump_plan_version)  # after the commit, as for `bump_refs_version`


def _bump_plan_version():
    _bump(PLAN_VERSION_KEY)


def plan_body(*, organiser, year, plan, render, part=1):
    """(count of events, HTML of the plan's body, page `part`) for the plan page, from the cache when
    nothing changed since it was rendered in this language, else `render()` → (count, html), stored."""
    version = plan_version()
    if version is None:
        return render()
    key = f"kv:plan-page:{get_language()}:{organiser.pk}:{year}:{plan.pk if plan else 0}:{part}:{version}"
    cached = _get_many([key]).get(key)
    if cached is None:
        cached = render()
        _set_many({key: cached}, PLAN_SECONDS)
    count, html = cached
    return count, mark_safe(html)  # noqa: S308 - rendered by our own template


def connect_signals():
    for model in (Organisation, Subject):
        post_save.connect(bump_refs_version, sender=model, dispatch_uid=f"kv-fragments-save-{model.__name__}")
        post_delete.connect(bump_refs_version, sender=model, dispatch_uid=f"kv-fragments-delete-{model.__name__}")
    for model in (Event, EventSession, Programme, YearPlan, Organisation, Subject, User):
        post_save.connect(invalidate_plan, sender=model, dispatch_uid=f"kv-plan-page-save-{model.__name__}")
        post_delete.connect(invalidate_plan, sender=model, dispatch_uid=f"kv-plan-page-delete-{model.__name__}")
    for through in (Event.audience_subjects.through, Event.lecturers.through):
        m2m_changed.connect(invalidate_plan, sender=through, dispatch_uid=f"kv-plan-page-m2m-{through.__name__}")
