from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from frirum.volunteers.access import get_path_for_user, get_volunteer_site_for_user
from frirum.volunteers.actions import grant_qualification, record_step, register_application
from frirum.volunteers.forms import ApplicationForm, GrantForm, StepForm
from frirum.volunteers.models import PathStep
from frirum.volunteers.qualifications import EXPIRY_WARNING_DAYS, qualifications_of
from frirum.volunteers.selectors import pipeline, side_by_side_count


@login_required
def pipeline_view(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_volunteer_site_for_user(request, site_code)
    return render(
        request,
        "volunteers/pipeline.html",
        {"current_site": site, "stages": pipeline(site)},
    )


@login_required
def new_application(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_volunteer_site_for_user(request, site_code)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            path = register_application(actor=request.user, site=site, **form.cleaned_data)
        except ValidationError as e:
            _add_errors(form, e)
        else:
            messages.success(request, _("The application is registered."))
            return redirect("volunteers:volunteer", site.code, path.pk)
    return render(request, "volunteers/application_form.html", {"current_site": site, "form": form})


@login_required
def volunteer(request: HttpRequest, site_code: str, path_id: int) -> HttpResponse:
    path = get_path_for_user(request, site_code, path_id)
    site = path.site
    step_form = StepForm(
        request.POST if request.POST.get("form") == "step" else None, prefix="step"
    )
    grant_form = GrantForm(
        request.POST if request.POST.get("form") == "grant" else None, prefix="grant"
    )
    if request.method == "POST":
        form = step_form if request.POST.get("form") == "step" else grant_form
        if form.is_valid():
            try:
                if form is step_form:
                    record_step(actor=request.user, path=path, **form.cleaned_data)
                    done = _("The step is recorded.")
                else:
                    grant_qualification(
                        actor=request.user, user=path.user, site=site, **form.cleaned_data
                    )
                    done = _("The qualification is granted.")
            except ValidationError as e:
                _add_errors(form, e)
            else:
                messages.success(request, done)
                return redirect("volunteers:volunteer", site.code, path.pk)
        path.refresh_from_db()
    steps = PathStep.objects.filter(path=path).select_related("by")
    return render(
        request,
        "volunteers/volunteer.html",
        {
            "current_site": site,
            "path": path,
            "steps": steps,
            "side_by_side": side_by_side_count(path),
            "qualifications": qualifications_of(path.user, timezone.localdate()),
            "warning_days": EXPIRY_WARNING_DAYS,
            "step_form": step_form,
            "grant_form": grant_form,
        },
    )


def _add_errors(form, error: ValidationError) -> None:
    """A model error on a field the form has goes next to that field; the rest on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
