from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from frirum.accounts.access import get_managed_site_for_user
from frirum.audit.fragments import kept_fragment
from frirum.audit.models import AuditAction, AuditEntry
from frirum.audit.selectors import trail_entries
from frirum.lib.paging import lean_page, page_number

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
    entries = AuditEntry.objects.filter(site=site)
    if form.is_valid() and form.cleaned_data["action"]:
        entries = entries.filter(action=form.cleaned_data["action"])
    ids = entries.values_list("id", flat=True)
    # No total: a site's ten years of changes are read a page at a time, newest first. Only
    # the ids are read for the page: an entry never changes once written, so its rendered
    # row is kept under them (frirum/audit/fragments.py).
    page = lean_page(
        lambda offset, limit: list(ids[offset : offset + limit]),
        number=page_number(request),
        per_page=PAGE_SIZE,
    )

    def rows() -> str:
        chosen = AuditEntry.objects.filter(id__in=page.object_list).select_related("actor")
        return render_to_string(
            "audit/includes/site_log_rows.html", {"trail": trail_entries(chosen)}
        )

    return render(
        request,
        "audit/site_log.html",
        {
            "current_site": site,
            "form": form,
            "page": page,
            "rows": kept_fragment(name="site-log", key=tuple(page.object_list), render=rows),
        },
    )
