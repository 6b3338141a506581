"""The chief's page of a site's deleted records: restore one, or choose who may delete."""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from frirum.accounts.access import get_managed_site_for_user
from frirum.audit.actions import record_audit
from frirum.audit.models import AuditAction
from frirum.sites.models import DeletionPolicy
from frirum.trash.actions import restorable_since, restore, retention_days
from frirum.trash.models import DeletedRecord


class PolicyForm(forms.Form):
    who_may_delete = forms.ChoiceField(
        label=gettext_lazy("Who may delete records"),
        choices=DeletionPolicy.choices,
        widget=forms.RadioSelect,
    )


def _model_name(label: str, count: int) -> str:
    try:
        meta = apps.get_model(label)._meta
    except LookupError:
        return label
    return str(meta.verbose_name if count == 1 else meta.verbose_name_plural)


@login_required
@require_http_methods(["GET", "POST"])
def deleted_list(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_managed_site_for_user(request, site_code)
    status = 200
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid():
            before = site.who_may_delete
            site.who_may_delete = form.cleaned_data["who_may_delete"]
            site.save(update_fields=["who_may_delete"])
            if before != site.who_may_delete:
                record_audit(
                    actor=request.user,
                    action=AuditAction.UPDATE,
                    instance=site,
                    site=site,
                    before={"who_may_delete": before},
                    after={"who_may_delete": site.who_may_delete},
                )
            messages.success(request, _("Saved."))
            return redirect("trash:deleted_list", site.code)
        status = 400
    else:
        form = PolicyForm(initial={"who_may_delete": site.who_may_delete})
    records = list(
        DeletedRecord.objects.filter(site=site, deleted_at__gte=restorable_since())
        .select_related("deleted_by")
        .defer("rows", "unlinked")
    )
    for record in records:
        # "3 conversations, 8 answers": what a restore brings back, by the models' names.
        record.parts = [
            (count, _model_name(label, count)) for label, count in sorted(record.counts.items())
        ]
    context = {
        "current_site": site,
        "site": site,
        "records": records,
        "form": form,
        "days": retention_days(),
    }
    return render(request, "trash/deleted_list.html", context, status=status)


@login_required
@require_POST
def restore_record(request: HttpRequest, site_code: str, pk: int) -> HttpResponse:
    site = get_managed_site_for_user(request, site_code)
    record = DeletedRecord.objects.filter(site=site, pk=pk).first()
    if record is None:
        raise Http404
    try:
        restore(actor=request.user, record=record)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("It is restored."))
    return redirect("trash:deleted_list", site.code)
