"""What every public page shares: the language from the address, and caching rules."""

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods

CACHE_SECONDS = 60


def public_page(methods=("GET", "HEAD"), cacheable: bool = True):
    """A page without login in the address's language. Cacheable pages carry nothing of the
    visitor (no form token), so a shared cache may keep them for a minute; the others (a
    booking form, a cancel code shown once) are kept by nobody."""

    def decorator(view):
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapper(request: HttpRequest, lang: str, **kwargs) -> HttpResponse:
            with translation.override(lang):
                response = view(request, lang, **kwargs)
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
            response["Content-Language"] = lang
            if cacheable and response.status_code == 200:
                response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
            else:
                response["Cache-Control"] = "no-store"
            return response

        return wrapper

    return decorator


def other_language(request: HttpRequest, lang: str) -> dict:
    """The same page in the other language, query string kept (the finder's choice)."""
    other = "en" if lang == "da" else "da"
    match = request.resolver_match
    url = reverse(match.view_name, kwargs={**match.kwargs, "lang": other})
    query = request.GET.urlencode()
    return {"other_language": other, "other_language_url": f"{url}?{query}" if query else url}


def render_public(request, lang, template, context, status=200) -> HttpResponse:
    context = {**context, "lang": lang, **other_language(request, lang)}
    return render(request, template, context, status=status)
