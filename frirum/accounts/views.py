from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frirum.accounts.access import get_managed_site_for_user, get_member_for_user
from frirum.accounts.actions import may_reset_two_factor, reset_two_factor, update_training
from frirum.accounts.selectors import team_of_site


class TrainingForm(forms.Form):
    intro_course_on = forms.DateField(
        label=gettext_lazy("Intro course completed"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-input"}),
    )
    side_by_side_count = forms.IntegerField(
        label=gettext_lazy("Side-by-side conversations"),
        min_value=0,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": "form-input", "inputmode": "numeric"}),
    )
    counselling_active = forms.BooleanField(label=gettext_lazy("Active counsellor"), required=False)


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
def edit_training(request: HttpRequest, site_code: str, user_id: int) -> HttpResponse:
    site = get_managed_site_for_user(request, site_code)
    member = get_member_for_user(request, site, user_id)
    if request.method == "POST":
        form = TrainingForm(request.POST)
        if form.is_valid():
            try:
                update_training(actor=request.user, member=member, site=site, **form.cleaned_data)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(
                    request, _("Training status saved for %(name)s.") % {"name": member.full_name}
                )
                return redirect("accounts:team", site.code)
    else:
        form = TrainingForm(
            initial={
                "intro_course_on": member.intro_course_on,
                "side_by_side_count": member.side_by_side_count,
                "counselling_active": member.counselling_active,
            }
        )
    return render(
        request,
        "accounts/training_form.html",
        {"current_site": site, "member": member, "form": form},
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
