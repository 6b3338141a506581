"""The owner's page for a service's places and times (locations, weekly hours, exception
days): add, change and remove, in the workspace rather than the admin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from frirum.directory import hours_actions
from frirum.directory.access import get_service_to_keep
from frirum.directory.hours_forms import FORMS, initial_for
from frirum.directory.models import Location, Service
from frirum.lib.access import get_site_for_user

KINDS = tuple(FORMS)


def _items(service: Service, kind: str):
    if kind == "location":
        return Location.objects.filter(services__service=service).select_related("municipality")
    if kind == "schedule":
        return service.schedules.all()
    return service.exceptions.all()


def _get_item_for_user(service: Service, kind: str, item_uid):
    """The item must belong to this service: another service's uid is a 404."""
    if kind not in KINDS:
        raise Http404
    item = _items(service, kind).filter(uid=item_uid).first()
    if item is None:
        raise Http404
    return item


def _save(request, *, kind: str, service: Service, form, item=None):
    save = {
        "location": hours_actions.save_location,
        "schedule": hours_actions.save_schedule,
        "exception": hours_actions.save_exception,
    }[kind]
    try:
        save(actor=request.user, service=service, data=form.cleaned_data, **{kind: item})
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field_name, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field_name if field_name in form.fields else None, message)
        else:
            form.add_error(None, error)
        return False
    return True


def _page(request, *, site, service, forms=None, status=200) -> HttpResponse:
    forms = forms or {}
    context = {
        "current_site": site,
        "site": site,
        "service": service,
        "locations": list(_items(service, "location")),
        "schedules": list(_items(service, "schedule")),
        "exceptions": list(_items(service, "exception")),
        "location_form": forms.get("location") or FORMS["location"](prefix="location"),
        "schedule_form": forms.get("schedule") or FORMS["schedule"](prefix="schedule"),
        "exception_form": forms.get("exception") or FORMS["exception"](prefix="exception"),
        # The failed form, for the page's error summary.
        "form": next(iter(forms.values()), None),
    }
    return render(request, "directory/hours.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def hours(request: HttpRequest, site_code: str, uid) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    service = get_service_to_keep(request, uid)
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind not in KINDS:
            return _page(request, site=site, service=service, status=400)
        form = FORMS[kind](request.POST, prefix=kind)
        if form.is_valid() and _save(request, kind=kind, service=service, form=form):
            messages.success(request, _("Saved. The entry is verified."))
            return redirect("directory:hours", site.code, service.uid)
        return _page(request, site=site, service=service, forms={kind: form}, status=400)
    return _page(request, site=site, service=service)


@login_required
@require_http_methods(["GET", "POST"])
def hours_item(request: HttpRequest, site_code: str, uid, kind: str, item_uid) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    service = get_service_to_keep(request, uid)
    item = _get_item_for_user(service, kind, item_uid)
    status = 200
    if request.method == "POST":
        form = FORMS[kind](request.POST, prefix=kind)
        if form.is_valid() and _save(request, kind=kind, service=service, form=form, item=item):
            messages.success(request, _("Saved. The entry is verified."))
            return redirect("directory:hours", site.code, service.uid)
        status = 400
    else:
        form = FORMS[kind](prefix=kind, initial=initial_for(kind, item))
    context = {
        "current_site": site,
        "site": site,
        "service": service,
        "item": item,
        "kind": kind,
        "form": form,
    }
    return render(request, "directory/hours_item.html", context, status=status)


@login_required
@require_POST
def hours_remove(request: HttpRequest, site_code: str, uid, kind: str, item_uid) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    service = get_service_to_keep(request, uid)
    item = _get_item_for_user(service, kind, item_uid)
    remove = {
        "location": hours_actions.remove_location,
        "schedule": hours_actions.remove_schedule,
        "exception": hours_actions.remove_exception,
    }[kind]
    try:
        remove(actor=request.user, service=service, **{kind: item})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Removed. The entry is verified."))
    return redirect("directory:hours", site.code, service.uid)
