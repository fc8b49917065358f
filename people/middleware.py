class LithuanianFirstMiddleware:
    """The interface is Lithuanian unless the person chose otherwise (the language cookie).

    The browser's Accept-Language is ignored: teachers on shared school computers with English
    browsers should still see the portal in Lithuanian.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
