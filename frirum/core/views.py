from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from frirum.lib.access import can_read_national_reports, record_sites, report_sites
from frirum.sites.models import SiteKind


def site_home_url(site) -> str:
    """Where a site's workspace starts: the Family dashboard or the counselling dashboard."""
    name = "family:dashboard" if site.kind == SiteKind.FAMILY else "contacts:dashboard"
    try:
        return reverse(name, args=[site.code])
    except NoReverseMatch:
        return reverse("core:home")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    sites = list(record_sites(request.user).order_by("name"))
    if len(sites) == 1 and not request.user.is_secretariat:
        url = site_home_url(sites[0])
        if url != request.path:
            return redirect(url)
    context = {
        "sites": [(site, site_home_url(site)) for site in sites],
        "report_sites": report_sites(request.user).select_related("municipality").order_by("name"),
        "national": can_read_national_reports(request.user),
    }
    return render(request, "core/home.html", context)
