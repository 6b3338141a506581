"""The counsellor's workspace: the site dashboard and conversations."""

import contextlib
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from frirum.audit.fragments import CSRF_SLOT, site_fragment, with_csrf_token
from frirum.audit.selectors import audit_trail
from frirum.bookings.access import booking_at_site
from frirum.bookings.actions import link_conversation
from frirum.bookings.selectors import registration_initial
from frirum.contacts.access import get_contact_for_user
from frirum.contacts.actions import create_contact, delete_contact, update_contact
from frirum.contacts.dashboard import dashboard_body
from frirum.contacts.forms import ContactFilterForm, ContactForm, initial_for_edit, initial_for_new
from frirum.contacts.selectors import ContactFilters, filter_contacts, site_contacts
from frirum.directory.actions import link_services
from frirum.directory.views import bridging_search_context
from frirum.lib.access import get_site_for_user, member_sites
from frirum.lib.paging import page_number, queryset_page
from frirum.people.access import get_youth_for_user
from frirum.people.selectors import find_youth_at_site, latest_contact, search_youth
from frirum.rosters.selectors import understaffed_day_count
from frirum.trash.access import check_may_delete

PAGE_SIZE = 50
MULTI_FIELDS = (
    "counsellors",
    "themes",
    "bridging_methods",
    "bridging_destinations",
    "bridging_services",
)
# Buttons that re-show the form with search hits instead of saving it.
SEARCH_ACTIONS = ("search", "find_service")
# What a kept registration form holds in its time field, replaced by the time now when it
# is served (frirum.contacts.views._render_new_form).
TIME_SLOT = "frirum-time-slot-0000"


def paginate(request: HttpRequest, items, per_page: int = PAGE_SIZE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def querystring_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def dashboard(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    context = {
        "current_site": site,
        "site": site,
        "body": dashboard_body(site),
        # Called by the template for the site's chief only (frirum.rosters): no query for
        # anyone else.
        "understaffed_ahead": functools.partial(understaffed_day_count, site),
    }
    return render(request, "contacts/dashboard.html", context)


@login_required
def contact_list(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    querystring = querystring_without_page(request)
    number = page_number(request)

    def body() -> str:
        # The filter form too: its choices are the site's counsellors (memberships change in
        # the admin or by a volunteer path, both recorded in the site's version) and themes.
        form = ContactFilterForm(request.GET or None, site=site)
        contacts = site_contacts(site)
        if form.is_bound and form.is_valid():
            contacts = filter_contacts(contacts, ContactFilters(**form.cleaned_data))
        context = {
            "site": site,
            "form": form,
            # No total: counting a centre's ten years of conversations cost more than the page.
            "page": queryset_page(contacts, number=number, per_page=PAGE_SIZE),
            "querystring": querystring,
        }
        return render_to_string("contacts/includes/contact_list_body.html", context)

    context = {
        "current_site": site,
        "site": site,
        # The filters are the query string: the same string shows the same rows and the same
        # filled-in form to everyone.
        "body": site_fragment(
            site_id=site.pk, name="contacts", render=body, parts=(querystring, number)
        ),
    }
    return render(request, "contacts/contact_list.html", context)


def _youth_choices(site, form, query: str):
    """The young people offered in the form: the search hits, and whoever is chosen."""
    chosen = None
    code = form["youth"].value() if form is not None else None
    if code:
        chosen = find_youth_at_site(site=site, code=code)
    hits = list(search_youth(site=site, query=query)[:15]) if query.strip() else []
    if chosen is not None:
        hits = [chosen, *[y for y in hits if y.pk != chosen.pk]]
    return hits, chosen.code if chosen else ""


def _unbound_copy(request: HttpRequest, **kwargs) -> ContactForm:
    """The typed values as an unbound form: searching must not show errors for fields the
    user has not finished yet, but must keep everything typed."""
    initial = {
        key: request.POST.getlist(key) if key in MULTI_FIELDS else request.POST.get(key)
        for key in request.POST
        if key not in ("csrfmiddlewaretoken", "action", "youth_q") and not key.startswith("dir_")
    }
    return ContactForm(initial=initial, **kwargs)


def _body_context(request, *, site, form, contact=None, booking=None) -> dict:
    """What the form's body (contacts/includes/contact_form_body.html) shows."""
    query = (request.POST if request.method == "POST" else request.GET).get("youth_q", "")[:64]
    youth_hits, chosen = _youth_choices(site, form, query)
    return {
        "site": site,
        "form": form,
        "contact": contact,
        "youth_q": query,
        "youth_hits": youth_hits,
        "chosen_youth": chosen,
        "booking": booking,
        "search_path": request.path,
        "chat": request.GET.get("chat", ""),
        **bridging_search_context(request, site=site, form=form),
    }


def _render_form(request, *, site, form, contact=None, status=200, booking=None) -> HttpResponse:
    context = {
        "current_site": site,
        **_body_context(request, site=site, form=form, contact=contact, booking=booking),
    }
    return render(request, "contacts/contact_form.html", context, status=status)


def _render_new_form(request, *, site, initial: dict, form_kwargs: dict) -> HttpResponse:
    """A new registration's empty form, its whole body kept as a site's parts are
    (frirum/audit/fragments.py): the page every counsellor opens before each conversation
    is rendered once per change at the site for the same defaults, not once per request.

    What the body shows besides the site's data is the defaults in `initial` (the day, the
    user's own tick, a young person's last values) and the user's sites (the site field's
    choices), all in the key; the time now and the CSRF token are put in when it is served."""
    user = request.user
    sites = tuple(s.pk for s in member_sites(user))
    defaults = tuple(
        sorted((name, repr(value)) for name, value in initial.items() if name != "time")
    )

    def render_body() -> str:
        form = ContactForm(initial={**initial, "time": TIME_SLOT}, keep_parts=True, **form_kwargs)
        context = _body_context(request, site=site, form=form)
        # The user's own token is put in by with_csrf_token, never kept.
        context["csrf_token"] = CSRF_SLOT
        return render_to_string("contacts/includes/contact_form_body.html", context)

    body = site_fragment(
        site_id=site.pk,
        name="registration",
        render=render_body,
        parts=(request.path, user.pk, sites, defaults),
    )
    # The time as the field's own widget writes it ("HH:MM", nothing to escape), into the
    # slot in its value attribute.
    now = ContactForm.base_fields["time"].widget.format_value(initial["time"])
    body = with_csrf_token(request, mark_safe(body.replace(TIME_SLOT, now)))  # noqa: S308
    context = {"current_site": site, "site": site, "contact": None, "kept_form": body}
    return render(request, "contacts/contact_form.html", context)


def _may_keep_new_form(request) -> bool:
    """A plain new registration, or one for a known young person (?youth=, in the key):
    any other parameter (a search typed, a booking or a chat to register from, a directory
    search) adds rows of its own to the body. The secretariat's site choices are every site,
    read by a query of their own, so their form is not kept either."""
    return set(request.GET) <= {"youth"} and not request.user.is_secretariat


def _save(request, form, *, contact=None, booking=None, then=None):
    """Runs the action; an error the form could not see is shown next to its field. A
    conversation registered from a booking marks it met in the same transaction, and
    `then(contact)` (a chat's link) runs in it too: one transaction, no savepoint around it."""
    site = form.cleaned_data["site"]
    kwargs = {
        "actor": request.user,
        "site": site,
        "details": form.details(),
        "youth": form.chosen_youth,
        "new_youth": form.new_youth(),
    }
    services = form.cleaned_data["bridging_services"]
    # The action is a transaction of its own: a new conversation with nothing written beside
    # it needs no transaction around it (whose savepoint cost two round trips).
    alone = contact is None and not services and booking is None and then is None
    try:
        with contextlib.nullcontext() if alone else transaction.atomic():
            if contact is None:
                contact = create_contact(**kwargs)
                # A new conversation has no services to keep or remove: none chosen, no call
                # (its read and savepoints were three of a registration's round trips).
                if services:
                    link_services(actor=request.user, contact=contact, services=services)
            else:
                contact = update_contact(contact=contact, **kwargs)
                link_services(actor=request.user, contact=contact, services=services)
            if booking is not None:
                link_conversation(booking=booking, contact=contact, actor=request.user)
            if then is not None:
                then(contact)
            return contact
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            name = field if field in form.fields else None
            for message in errors:
                form.add_error(name, message)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    form_kwargs = {"user": request.user, "site": site}
    # Registering from the day view: ?booking= names a booking at this site.
    booking = (
        booking_at_site(request, site, request.GET["booking"]) if "booking" in request.GET else None
    )
    if request.method == "POST":
        if request.POST.get("action") in SEARCH_ACTIONS:
            form = _unbound_copy(request, **form_kwargs)
            return _render_form(request, site=site, form=form, booking=booking)
        if request.GET.get("chat"):
            # A chat the user may not read is refused before anything is written (frirum/chat).
            from frirum.chat.registration import initial_for_chat

            initial_for_chat(request, site, request.GET["chat"])
        form = ContactForm(request.POST, **form_kwargs)
        if form.is_valid():
            then = None
            if request.GET.get("chat"):
                # Registered from a chat: its questionnaire is answered about this contact.
                from frirum.chat.registration import link_chat_registration

                def then(contact):
                    link_chat_registration(request, site, request.GET["chat"], contact)

            contact = _save(request, form, booking=booking, then=then)
            if contact is not None:
                messages.success(request, _("The conversation is registered."))
                return redirect("contacts:contact_detail", contact.code)
        return _render_form(request, site=site, form=form, status=400, booking=booking)
    youth = last = None
    if request.GET.get("youth"):
        youth = get_youth_for_user(request, site, request.GET["youth"])
        last = latest_contact(youth=youth, site=site)
    initial = initial_for_new(site=site, user=request.user, youth=youth, last=last)
    if booking is not None:
        initial.update(registration_initial(booking))
    if request.GET.get("chat"):
        # An ended chat's registration: channel, pre-chat answers and duration (frirum/chat).
        from frirum.chat.registration import initial_for_chat

        initial.update(initial_for_chat(request, site, request.GET["chat"]))
    if request.GET.get("youth_q"):
        # The search form without JavaScript: its hits are for an existing young person.
        initial["youth_mode"] = "existing"
    if _may_keep_new_form(request):
        return _render_new_form(request, site=site, initial=initial, form_kwargs=form_kwargs)
    form = ContactForm(initial=initial, keep_parts=True, **form_kwargs)
    return _render_form(request, site=site, form=form, booking=booking)


@login_required
def contact_detail(request: HttpRequest, code: str) -> HttpResponse:
    contact = get_contact_for_user(request, code)
    context = {
        "current_site": contact.site,
        "site": contact.site,
        "contact": contact,
        "trail": audit_trail(contact),
    }
    return render(request, "contacts/contact_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, code: str) -> HttpResponse:
    contact = get_contact_for_user(request, code)
    site = contact.site
    form_kwargs = {"user": request.user, "site": site, "instance": contact}
    if request.method == "POST":
        if request.POST.get("action") in SEARCH_ACTIONS:
            form = _unbound_copy(request, **form_kwargs)
            return _render_form(request, site=site, form=form, contact=contact)
        form = ContactForm(request.POST, **form_kwargs)
        if form.is_valid() and _save(request, form, contact=contact) is not None:
            messages.success(request, _("The conversation is saved."))
            return redirect("contacts:contact_detail", contact.code)
        return _render_form(request, site=site, form=form, contact=contact, status=400)
    initial = initial_for_edit(contact)
    if request.GET.get("youth_q"):
        initial["youth_mode"] = "existing"
    form = ContactForm(initial=initial, **form_kwargs)
    return _render_form(request, site=site, form=form, contact=contact)


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request: HttpRequest, code: str) -> HttpResponse:
    contact = get_contact_for_user(request, code)
    check_may_delete(request.user, contact.site)
    if request.method == "POST":
        site, youth = contact.site, contact.youth
        delete_contact(actor=request.user, contact=contact)
        messages.success(request, _("The conversation is deleted."))
        if youth.contacts.filter(site=site).exists() or youth.registered_at_site_id == site.pk:
            return redirect("contacts:youth_course", site.code, youth.code)
        return redirect("contacts:dashboard", site.code)
    context = {"current_site": contact.site, "site": contact.site, "contact": contact}
    return render(request, "contacts/contact_confirm_delete.html", context)
