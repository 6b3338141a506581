"""Group sessions: one meeting registers a conversation for every participant."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from frirum.audit.selectors import audit_trail
from frirum.contacts.access import get_group_session_for_user
from frirum.contacts.actions import create_group_session, delete_group_session
from frirum.contacts.forms import now_time
from frirum.contacts.group_forms import GroupSessionForm, ParticipantFormSet
from frirum.contacts.selectors import default_channel, today
from frirum.lib.access import get_site_for_user
from frirum.people.selectors import recent_youth
from frirum.trash.access import check_may_delete

# The datalist offers the young people who came most recently; others are typed by code.
DATALIST_SIZE = 300


@login_required
@require_http_methods(["GET", "POST"])
def group_session_create(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    formset_kwargs = {"form_kwargs": {"site": site}, "prefix": "p"}
    status = 200
    if request.method == "POST":
        form = GroupSessionForm(request.POST, site=site)
        formset = ParticipantFormSet(request.POST, **formset_kwargs)
        if form.is_valid() and formset.is_valid():
            try:
                session = create_group_session(
                    actor=request.user,
                    site=site,
                    details=form.details(),
                    participants=formset.participants(),
                    title=form.cleaned_data["title"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(
                    request,
                    _("The group session is registered with %(count)d participants.")
                    % {"count": session.contacts.count()},
                )
                return redirect("contacts:group_session_detail", session.pk)
        status = 400
    else:
        form = GroupSessionForm(
            initial={
                "date": today(),
                "time": now_time(),
                "channel": default_channel(site),
                "counsellors": [request.user.pk],
            },
            site=site,
        )
        formset = ParticipantFormSet(**formset_kwargs)
    context = {
        "current_site": site,
        "site": site,
        "form": form,
        "formset": formset,
        "known_youth": recent_youth(site=site, limit=DATALIST_SIZE, figures=False),
    }
    return render(request, "contacts/group_session_form.html", context, status=status)


@login_required
def group_session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_group_session_for_user(request, pk)
    contacts = session.contacts.select_related("youth").prefetch_related("counsellors", "themes")
    context = {
        "current_site": session.site,
        "site": session.site,
        "session": session,
        "contacts": contacts.order_by("youth__nickname", "youth__code"),
        "trail": audit_trail(session),
    }
    return render(request, "contacts/group_session_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_group_session_for_user(request, pk)
    check_may_delete(request.user, session.site)
    if request.method == "POST":
        site = session.site
        delete_group_session(actor=request.user, session=session)
        messages.success(request, _("The group session and its conversations are deleted."))
        return redirect("contacts:dashboard", site.code)
    context = {
        "current_site": session.site,
        "site": session.site,
        "session": session,
        "count": session.contacts.count(),
    }
    return render(request, "contacts/group_session_confirm_delete.html", context)
