"""Request checks that hold for every view."""

from django.http import HttpRequest, HttpResponseBadRequest


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    queries = [request.GET]
    # Only plain forms: a multipart body (an upload) is left to its view's own upload handling.
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        queries.append(request.POST)
    for query in queries:
        for key, values in query.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class RefuseNulCharactersMiddleware:
    """A 400 for a NUL character in the path, the query string or a form field: no user types
    one, and PostgreSQL raises on it in any lookup (a pseudonym, a code, a search)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if _has_nul(request):
            return HttpResponseBadRequest("Bad request")
        return self.get_response(request)
