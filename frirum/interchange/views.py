"""The secretariat's import: upload a .zip, see what it would create (or its errors), confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frirum.core.uploads import upload_refused
from frirum.interchange.access import get_upload_for_user, require_secretariat
from frirum.interchange.actions import ImportRefused, check_dataset, import_dataset
from frirum.interchange.format import FILES
from frirum.interchange.forms import TokenForm, UploadForm
from frirum.interchange.selectors import recent_imports
from frirum.interchange.uploads import discard_upload, store_upload, upload_file


def _rows(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(spec.name, counts.get(spec.name, 0)) for spec in FILES]


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    require_secretariat(request)
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        # After request.POST: reading it is what runs the upload handlers.
        refused=posted and upload_refused(request),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["dataset"]
        pending = store_upload(request, upload)
        try:
            with upload_file(pending) as path:
                plan = check_dataset(path=path, source_name=upload.name)
        except ImportRefused as exc:
            plan = exc.plan
        if not plan.ok:
            discard_upload(pending)
            return render(
                request,
                "interchange/check.html",
                {"plan": plan, "source_name": upload.name, "form": UploadForm()},
            )
        return render(
            request,
            "interchange/check.html",
            {
                "plan": plan,
                "source_name": upload.name,
                "rows": _rows(plan.counts),
                "confirm_form": TokenForm(initial={"token": pending.token}),
            },
        )
    batches = [
        (batch, batch.counts.get("contacts.csv", 0), sum(batch.counts.values()))
        for batch in recent_imports()
    ]
    return render(request, "interchange/imports.html", {"form": form, "batches": batches})


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    require_secretariat(request)
    form = TokenForm(request.POST)
    token = form.data.get("token", "")
    pending = get_upload_for_user(request, token)
    source_name = pending.name
    try:
        with upload_file(pending) as path:
            batch = import_dataset(path=path, actor=request.user, source_name=source_name)
    except ImportRefused as exc:
        return render(
            request,
            "interchange/check.html",
            {"plan": exc.plan, "source_name": source_name, "form": UploadForm()},
        )
    finally:
        discard_upload(pending)
    messages.success(
        request,
        _("%(source)s was imported: %(rows)s rows.")
        % {"source": batch.source_name, "rows": sum(batch.counts.values())},
    )
    return redirect("interchange:imports")


@login_required
@require_POST
def discard(request: HttpRequest) -> HttpResponse:
    require_secretariat(request)
    discard_upload(get_upload_for_user(request, request.POST.get("token", "")))
    messages.info(request, _("The upload was discarded; nothing was imported."))
    return redirect("interchange:imports")
