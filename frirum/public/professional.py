"""For professionals: a printable A4 poster per site with a QR code to its public page, and
an opening-hours snippet that a municipality's or school's website may show in an <iframe>.

The snippet is the one page of Frirum that another site may frame: it alone lifts
X-Frame-Options and the CSP's frame-ancestors. It holds no form, no script and sets no
cookie, so framing it gives nothing to click-jack.
"""

import segno
from csp.decorators import csp_replace
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from frirum.public import selectors
from frirum.public.pages import public_page
from frirum.public.pages import render_public as _page
from frirum.sites.schedule import local_date

# Any web page may frame the snippet; "*" covers http and https pages, not data: or blob:.
EMBED_ANCESTORS = {"frame-ancestors": ["*"]}


def _get_public_site(site_code: str, now):
    """The site, or 404 when it is not (or no longer) public."""
    site = selectors.public_sites(local_date(now)).filter(code=site_code).first()
    if site is None:
        raise Http404
    return site


def public_url(request: HttpRequest, lang: str, site_code: str) -> str:
    return request.build_absolute_uri(reverse("public:site", args=[lang, site_code]))


def embed_code(request: HttpRequest, lang: str, site) -> str:
    """The copy-paste HTML for another website: an <iframe> of the snippet. A plain str, so
    that a template shows it as text to copy rather than as a frame."""
    src = request.build_absolute_uri(reverse("public:embed", args=[lang, site.code]))
    title = _("Opening hours: %(site)s") % {"site": site.name}
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="340" height="460" '
        'loading="lazy"></iframe>'
    )


@public_page()
def poster(request: HttpRequest, lang: str, site_code: str) -> HttpResponse:
    now = timezone.now()
    site = _get_public_site(site_code, now)
    url = public_url(request, lang, site_code)
    qr = segno.make(url, error="m").svg_inline(
        scale=8, dark="#1a1a1a", title=_("QR code for %(site)s") % {"site": site.name}
    )
    context = {
        "site": site,
        "week": selectors.regular_week(site, local_date(now)),
        "url": url,
        "qr": qr,
    }
    return _page(request, lang, "public/poster.html", context)


@xframe_options_exempt
@csp_replace(EMBED_ANCESTORS)
@public_page()
def embed(request: HttpRequest, lang: str, site_code: str) -> HttpResponse:
    now = timezone.now()
    today = local_date(now)
    state = selectors.states([_get_public_site(site_code, now)], now)[0]
    this_week, _next_week = selectors.weeks(state.site, today)
    context = {
        "state": state,
        "site": state.site,
        "this_week": this_week,
        "today": today,
        "url": public_url(request, lang, site_code),
    }
    return _page(request, lang, "public/embed.html", context)
