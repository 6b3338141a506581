"""A chief's review of the site's stored texts and codes that the guard now refuses."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frirum.core.anonymity.access import get_reviewable_site_for_user
from frirum.core.anonymity.actions import clear_identifying_field
from frirum.core.anonymity.scan import scan
from frirum.lib.anonymity import MESSAGES

# Where a record's own edit page is: (url name, what the url takes).
EDIT_URLS = {
    "contacts.Contact": ("contacts:contact_edit", "code"),
    "contacts.Outreach": ("contacts:outreach_edit", "code"),
    "contacts.GroupSession": ("contacts:group_session_detail", "pk"),
    "family.FamilyGroup": ("family:group_edit", "code"),
    "family.Relative": ("family:relative_edit", "code"),
    "family.FamilyConversation": ("family:conversation_edit", "code"),
    "family.RelativeInquiry": ("family:inquiry_edit", "code"),
}
MAX_SHOWN = 500


def _edit_urls(findings) -> dict[tuple[str, int], str]:
    """Edit links, except for records whose code is the problem: a code in a URL is logged."""
    urls = {}
    by_model: dict[str, set[int]] = {}
    for finding in findings:
        if finding.model in EDIT_URLS:
            by_model.setdefault(finding.model, set()).add(finding.record_id)
    bad_codes = {(f.model, f.record_id) for f in findings if f.field == "code"}
    for model, ids in by_model.items():
        name, key = EDIT_URLS[model]
        model_class = apps.get_model(model)
        columns = ["pk"] if key == "pk" else ["pk", "code"]
        for pk, *code in model_class.objects.filter(pk__in=ids).order_by().values_list(*columns):
            if (model, pk) in bad_codes:
                continue
            urls[(model, pk)] = reverse(name, args=[code[0] if code else pk])
    return urls


@login_required
def site_review(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_reviewable_site_for_user(request, site_code)
    findings = []
    for finding in scan({site.pk}):
        findings.append(finding)
        if len(findings) >= MAX_SHOWN:
            break
    urls = _edit_urls(findings)
    rows = [
        {
            "finding": f,
            "model_name": apps.get_model(f.model)._meta.verbose_name,
            "field_name": apps.get_model(f.model)._meta.get_field(f.field).verbose_name,
            "message": MESSAGES[f.kind],
            "edit_url": urls.get((f.model, f.record_id)),
        }
        for f in findings
    ]
    return render(
        request,
        "core/anonymity_review.html",
        {"current_site": site, "rows": rows, "truncated": len(findings) >= MAX_SHOWN},
    )


@login_required
@require_POST
def clear_field(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_reviewable_site_for_user(request, site_code)
    try:
        record_id = int(request.POST.get("record_id", ""))
        clear_identifying_field(
            model=request.POST.get("model", ""),
            record_id=record_id,
            field=request.POST.get("field", ""),
            site=site,
            actor=request.user,
        )
    except ValueError:
        messages.error(request, _("The record is not at this site."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Cleared. The change is in the change log."))
    return redirect("core:anonymity_review", site_code=site.code)
