"""The network's public pages: for young people, relatives and professionals, no login.

Nothing about the visitor is asked or kept: no session, no cookie, no form that posts. The
language is in the address; pages may be cached for a minute (the open-now state).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from frirum.public import selectors
from frirum.public.forms import FinderForm
from frirum.public.pages import public_page
from frirum.public.pages import render_public as _page
from frirum.public.professional import embed_code
from frirum.sites.models import SiteKind
from frirum.sites.schedule import local_date


def _all_states(now):
    sites = list(selectors.public_sites(local_date(now)))
    return selectors.states(sites, now)


@public_page()
def index(request: HttpRequest, lang: str) -> HttpResponse:
    now = timezone.now()
    site_states = _all_states(now)
    context = {
        "form": FinderForm(municipalities=selectors.municipalities()),
        "regions": selectors.by_region(site_states),
        "chats": selectors.chats(site_states),
        "now": now,
    }
    return _page(request, lang, "public/index.html", context)


@public_page()
def finder(request: HttpRequest, lang: str) -> HttpResponse:
    now = timezone.now()
    form = FinderForm(request.GET or None, municipalities=selectors.municipalities())
    results = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            municipality = form.cleaned_data["municipality"]
            results = selectors.nearest(_all_states(now), municipality)
        else:
            status = 400
    context = {"form": form, "results": results, "now": now}
    return _page(request, lang, "public/finder.html", context, status)


@public_page()
def site_page(request: HttpRequest, lang: str, site_code: str) -> HttpResponse:
    now = timezone.now()
    today = local_date(now)
    site_states = _all_states(now)
    state = next((s for s in site_states if s.site.code == site_code), None)
    if state is None:
        raise Http404
    site = state.site
    this_week, next_week = selectors.weeks(site, today)
    context = {
        "state": state,
        "site": site,
        "is_chat": site.kind == SiteKind.CHAT,
        "is_family": site.kind == SiteKind.FAMILY,
        "satellites": [s for s in site_states if s.site.hub_id == site.pk],
        "hub": next((s for s in site_states if s.site.pk == site.hub_id), None),
        "chats": [s for s in selectors.chats(site_states) if s.site.pk != site.pk],
        "family": selectors.family_sites_near(site_states, site),
        "this_week": this_week,
        "next_week": next_week,
        "closed_periods": selectors.closed_periods(selectors.upcoming_closed_days(site, today)),
        "today": today,
        "now": now,
        "embed_code": embed_code(request, lang, site),
    }
    return _page(request, lang, "public/site.html", context)


@public_page()
def accessibility(request: HttpRequest, lang: str) -> HttpResponse:
    return _page(request, lang, "public/accessibility.html", {})
