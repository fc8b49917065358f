"""Responses behind sign-in are never stored by a browser cache or a proxy."""

from django.utils.cache import patch_cache_control


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every response to a signed-in person (pages, PDFs, files),
    so a shared computer's browser or a proxy keeps no copy of a private page or document."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, private=True, no_store=True)
        return response
