from django.contrib.auth.middleware import AuthenticationMiddleware
from django.http import HttpResponseBadRequest

from ussr_revision import signed_in


def refuse_nul_characters(get_response):
    """A 400 for an address with a NUL character in its path or query string.

    No link of ours makes one, and PostgreSQL refuses one in a query (an admin filter or search
    with %00 was a 500). Form fields refuse NUL themselves (Django's CharField does)."""

    def middleware(request):
        query = request.GET.lists()
        if "\x00" in request.path or any("\x00" in k + "".join(v) for k, v in query):
            return HttpResponseBadRequest(
                "Addresses cannot contain NUL characters.", content_type="text/plain; charset=utf-8"
            )
        return get_response(request)

    return middleware


class CachedUserAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's, with `request.user` from the shared cache (`ussr_revision/signed_in.py`)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = signed_in.lazy_user(request)
