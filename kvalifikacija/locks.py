"""Row locks with a short timeout, and the one retry on a busy lock.

A change that takes a contested lock (an event's seats) sets a short `lock_timeout` on PostgreSQL;
when the lock is busy, the whole transaction is tried once more, then the caller's own "too busy"
error is raised: a clean, translated answer instead of a server error.
"""

import logging

from django.conf import settings
from django.db import OperationalError, connection

logger = logging.getLogger(__name__)


def is_lock_timeout(exc: OperationalError) -> bool:
    """Whether the database gave up waiting for a lock (PostgreSQL's SQLSTATE 55P03)."""
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == "55P03" or "lock timeout" in str(exc).lower()


def lock_timeout(milliseconds: int | None = None) -> str:
    """The short lock timeout as PostgreSQL's setting value (`SET LOCAL lock_timeout = ...`)."""
    return f"{milliseconds or settings.REGISTRATION_LOCK_TIMEOUT_MS}ms"


def set_short_lock_timeout(milliseconds: int | None = None) -> None:
    """For the rest of the transaction, wait at most this long for a row lock (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = %s", [lock_timeout(milliseconds)])


def lock_row(obj, *, still=None, refusal=None):
    """`obj` read again with its row locked until the transaction ends: its current state, which no other
    writer can change meanwhile (call it inside `transaction.atomic()`). `still` names a flag of the row
    that must still be true now that it is locked (another request may have decided it meanwhile);
    `refusal` is raised when it is not."""
    locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if still is not None and not getattr(locked, still):
        raise refusal
    return locked


def retry_on_busy_lock(operation, *, busy, attempts: int = 2, what: str = ""):
    """Run `operation()` (which opens its own transaction); a lock timeout is retried, up to
    `attempts` runs in all, then `busy()` is raised. Any other database error is raised as it is."""
    for attempt in range(1, attempts + 1):
        try:
            return operation()
        except OperationalError as exc:
            if not is_lock_timeout(exc):
                raise
            logger.warning("lock timeout%s (attempt %s)", f" on {what}" if what else "", attempt)
    raise busy()
