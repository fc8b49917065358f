"""The client's address behind the reverse proxy, for sign-in throttling (django-axes), rate limits
(django-ratelimit) and the logs.

`TRUSTED_PROXY_COUNT` proxies stand in front of the application (the documented nginx is one; 0 when
gunicorn faces the clients itself, and then `X-Forwarded-For` is ignored, because a client can write
anything in it). Each trusted proxy appends the address it saw to `X-Forwarded-For`, so the client is the
N-th entry from the right; entries further left were written by the client and are never believed.
`TRUSTED_PROXY_IPS`, when set, also requires the direct peer (REMOTE_ADDR) to be one of those proxies.
(django-ipware's `proxy_count` counts proxies listed inside the header and answers None for the usual
single-entry header of one nginx, so the rule is applied here, in a dozen lines.)
"""

import contextvars
import ipaddress
import logging

from django.conf import settings

_current = contextvars.ContextVar("client_ip", default="-")


def client_ip(request) -> str:
    """The address of the client that made `request` (cached on the request)."""
    cached = getattr(request, "_kv_client_ip", None)
    if cached:
        return cached
    address = _forwarded(request) or request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - not a bind address
    try:
        request._kv_client_ip = address
    except AttributeError:
        pass
    return address


def _forwarded(request):
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return None
    peer = request.META.get("REMOTE_ADDR", "")
    if settings.TRUSTED_PROXY_IPS and peer not in settings.TRUSTED_PROXY_IPS:
        return None
    hops = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(hops) < count:
        return None
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def ratelimit_key(group, request) -> str:
    """django-ratelimit key: the client's address."""
    return client_ip(request)


class ClientAddressMiddleware:
    """Makes the client's address known to the log records of this request (`%(client_ip)s`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Not reset on the way out: Django logs a 4xx/5xx answer after the middleware chain has returned.
        # The next request in this thread (or task) sets its own.
        _current.set(client_ip(request))
        return self.get_response(request)


_previous_factory = logging.getLogRecordFactory()


def _record_with_address(*args, **kwargs):
    record = _previous_factory(*args, **kwargs)
    record.client_ip = _current.get()
    return record


logging.setLogRecordFactory(_record_with_address)


class ClientAddressLogFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "client_ip"):
            record.client_ip = _current.get()
        return True
