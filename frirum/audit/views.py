from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from frirum.accounts.access import get_managed_site_for_user
from frirum.audit.models import AuditAction, AuditEntry
from frirum.audit.selectors import trail_entries
from frirum.lib.paging import page_number, queryset_page

PAGE_SIZE = 50


class LogFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All")), *AuditAction.choices],
    )


@login_required
def site_log(request: HttpRequest, site_code: str) -> HttpResponse:
    """Every change at a site, deletions included, for its chief and the secretariat: the
    only place a deleted record's trail can still be read."""
    site = get_managed_site_for_user(request, site_code)
    form = LogFilterForm(request.GET)
    entries = AuditEntry.objects.filter(site=site).select_related("actor")
    if form.is_valid() and form.cleaned_data["action"]:
        entries = entries.filter(action=form.cleaned_data["action"])
    # No total: a site's ten years of changes are read a page at a time, newest first.
    page = queryset_page(entries, number=page_number(request), per_page=PAGE_SIZE)
    return render(
        request,
        "audit/site_log.html",
        {
            "current_site": site,
            "form": form,
            "page": page,
            "trail": trail_entries(page.object_list),
        },
    )
