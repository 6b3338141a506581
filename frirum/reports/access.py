"""Who may read which report. Every report view resolves its scope through these helpers.

- An annual report is for a centre, satellite or the chat; the secretariat, the site's chief and the
  viewers of the site's municipality read it (frirum.lib.access.report_sites).
- A Family report per site is for a Family site, read by the same people.
- The national reports, the national Family report and the trends are the secretariat's.
- Unsuppressed figures (JSON) only for those allowed record-level figures: the secretariat
  and the site's own chief; never a municipality viewer.
Anything else is a 404, so a report's existence is not revealed either.
"""

from django.http import Http404, HttpRequest

from frirum.lib.access import (
    can_read_national_reports,
    can_read_record_level_figures,
    get_report_site_for_user,
)
from frirum.sites.models import Site, SiteKind

ANNUAL_KINDS = (SiteKind.CENTRE, SiteKind.SATELLITE, SiteKind.CHAT)


def get_annual_site_for_user(request: HttpRequest, code: str) -> Site:
    site = get_report_site_for_user(request, code)
    if site.kind not in ANNUAL_KINDS:
        raise Http404
    return site


def get_family_site_for_user(request: HttpRequest, code: str) -> Site:
    site = get_report_site_for_user(request, code)
    if site.kind != SiteKind.FAMILY:
        raise Http404
    return site


def check_national_reports_for_user(request: HttpRequest) -> None:
    if not can_read_national_reports(request.user):
        raise Http404


def check_unsuppressed_figures_for_user(request: HttpRequest, site: Site | None) -> None:
    if not can_read_record_level_figures(request.user, site):
        raise Http404


def may_read_unsuppressed(request: HttpRequest, site: Site | None) -> bool:
    return can_read_record_level_figures(request.user, site)
