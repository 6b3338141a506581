from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from frirum.accounts.access import get_managed_site_for_user, get_member_for_user
from frirum.accounts.actions import may_reset_two_factor, reset_two_factor
from frirum.accounts.selectors import team_of_site


@login_required
def team(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_managed_site_for_user(request, site_code)
    year = timezone.localdate().year
    members = team_of_site(site=site, year=year)
    return render(
        request,
        "accounts/team.html",
        {"current_site": site, "members": members, "year": year},
    )


@login_required
def reset_member_two_factor(request: HttpRequest, site_code: str, user_id: int) -> HttpResponse:
    """A lost phone: the site's chief (or the secretariat) removes a member's authenticator
    and recovery codes; the member sets up a new one at the next sign-in."""
    site = get_managed_site_for_user(request, site_code)
    member = get_member_for_user(request, site, user_id)
    allowed = may_reset_two_factor(actor=request.user, member=member)
    if request.method == "POST" and allowed:
        reset_two_factor(actor=request.user, member=member, site=site)
        messages.success(
            request,
            _("Two-factor authentication is reset for %(name)s.") % {"name": member.full_name},
        )
        return redirect("accounts:team", site.code)
    return render(
        request,
        "accounts/reset_two_factor.html",
        {"current_site": site, "member": member, "allowed": allowed},
        status=200 if allowed else 403,
    )
