"""Young people at a site: the search, the course page and corrections."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from frirum.audit.fragments import site_fragment
from frirum.audit.selectors import audit_trail
from frirum.lib.access import get_site_for_user
from frirum.lib.paging import lean_page, page_number, queryset_page
from frirum.people.access import get_youth_for_user
from frirum.people.actions import delete_youth, update_youth
from frirum.people.forms import YouthForm, YouthSearchForm
from frirum.people.selectors import (
    course_contacts,
    find_youth_at_site,
    recent_youth,
    search_youth,
)
from frirum.questionnaires.selectors import course_feedback
from frirum.trash.access import check_may_delete

PAGE_SIZE = 50
SEARCH_HITS = 15


@login_required
def youth_list(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    form = YouthSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    number = page_number(request)
    querystring = urlencode({"q": query}) if query else ""

    def body() -> str:
        if query:
            page = queryset_page(
                search_youth(site=site, query=query), number=number, per_page=PAGE_SIZE
            )
        else:
            page = lean_page(
                lambda offset, limit: recent_youth(site=site, offset=offset, limit=limit),
                number=number,
                per_page=PAGE_SIZE,
            )
        context = {"site": site, "query": query, "page": page, "querystring": querystring}
        return render_to_string("people/includes/youth_list_body.html", context)

    context = {
        "current_site": site,
        "site": site,
        "form": form,
        "body": site_fragment(site_id=site.pk, name="youth", render=body, parts=(query, number)),
    }
    return render(request, "people/youth_list.html", context)


@login_required
def youth_search(request: HttpRequest, site_code: str) -> HttpResponse:
    """The conversation form's search box (htmx): radio buttons for the hits."""
    site = get_site_for_user(request, site_code)
    query = request.GET.get("youth_q", "")[:64]
    chosen_code = request.GET.get("youth", "")[:64]
    hits = list(search_youth(site=site, query=query)[:SEARCH_HITS])
    chosen = None
    if chosen_code:
        chosen = find_youth_at_site(site=site, code=chosen_code)
        if chosen is not None:
            hits = [chosen, *[y for y in hits if y.pk != chosen.pk]]
    context = {
        "youth_hits": hits,
        "chosen_youth": chosen.code if chosen else "",
        "youth_q": query,
    }
    return render(request, "people/includes/youth_choices.html", context)


@login_required
def youth_course(request: HttpRequest, site_code: str, youth_code: str) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    youth = get_youth_for_user(request, site, youth_code)

    def body() -> str:
        context = {
            "site": site,
            "contacts": list(course_contacts(youth=youth, site=site)),
            "feedback": course_feedback(youth=youth, site=site),
            "trail": audit_trail(youth, site=site),
        }
        return render_to_string("people/includes/course_body.html", context)

    context = {
        "current_site": site,
        "site": site,
        "youth": youth,
        # The course, its feedback and its trail are the site's records alone; the young
        # person's own facts above them may change at another site and are read every time.
        "body": site_fragment(site_id=site.pk, name="course", render=body, parts=(youth.pk,)),
    }
    return render(request, "people/youth_course.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def youth_edit(request: HttpRequest, site_code: str, youth_code: str) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    youth = get_youth_for_user(request, site, youth_code)
    if request.method == "POST":
        form = YouthForm(request.POST)
        if form.is_valid():
            try:
                update_youth(actor=request.user, youth=youth, site=site, **form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("The young person is saved."))
                return redirect("contacts:youth_course", site.code, youth.code)
        status = 400
    else:
        form = YouthForm(
            initial={
                "nickname": youth.nickname,
                "gender": youth.gender,
                "residence_municipality": youth.residence_municipality_id,
            }
        )
        status = 200
    context = {"current_site": site, "site": site, "youth": youth, "form": form}
    return render(request, "people/youth_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def youth_delete(request: HttpRequest, site_code: str, youth_code: str) -> HttpResponse:
    """Deletes a young person with their conversations here; the chief can restore them."""
    site = get_site_for_user(request, site_code)
    youth = get_youth_for_user(request, site, youth_code)
    check_may_delete(request.user, site)
    error = None
    if request.method == "POST":
        try:
            delete_youth(actor=request.user, youth=youth, site=site)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The young person is deleted."))
            return redirect("contacts:youth_list", site.code)
    context = {
        "current_site": site,
        "site": site,
        "youth": youth,
        "count": youth.contacts.filter(site=site).count(),
        "error": error,
    }
    return render(
        request, "people/youth_confirm_delete.html", context, status=400 if error else 200
    )
