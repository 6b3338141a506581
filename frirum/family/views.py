"""Family workspace: the dashboard, peer volunteers and family conversations.

Relatives, family groups and inquiries are in views_records.py.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frirum.accounts.models import Role
from frirum.audit.fragments import CSRF_SLOT, kept_fragment, site_fragment, with_csrf_token
from frirum.family import actions, selectors
from frirum.family.access import (
    get_family_conversation_for_user,
    get_family_group_for_user,
    get_family_site_for_user,
)
from frirum.family.forms import (
    FamilyConversationForm,
    NewRelativeFormSet,
    peer_volunteers_of,
    typed_new_relatives,
)
from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.lib.paging import page_number, queryset_page
from frirum.lib.params import parse_year
from frirum.reports import caching
from frirum.taxonomies.models import Term, Vocabulary
from frirum.trash.access import check_may_delete

PAGE_SIZE = 50
OPEN_BRIDGINGS_SHOWN = 20


def can_manage(user, site) -> bool:
    """Deleting records and closing bridgings is for the site's staff, not peer volunteers."""
    if user.is_secretariat:
        return True
    return (
        user.memberships.filter(site=site, is_active=True)
        .exclude(role=Role.PEER_VOLUNTEER)
        .exists()
    )


def _suppressed(n: int) -> str | int:
    """Other sites' counts are shown only from the suppression threshold up."""
    k = settings.FRIRUM_SUPPRESSION_K
    return n if n == 0 or n >= k else _("fewer than %(k)d") % {"k": k}


def _relative_present_rows(site, year: int) -> list[dict]:
    relations = list(
        Term.objects.filter(vocabulary=Vocabulary.RELATION).order_by("position", "code")
    )
    codes = {term.pk: term.code for term in relations}
    local = selectors.youth_contacts_with_relative(year=year, site=site, codes=codes)
    national = selectors.youth_contacts_with_relative(year=year, codes=codes)
    rows = [
        {
            "relation": term,
            "local": _suppressed(local.get(term.code, 0)),
            "national": _suppressed(national.get(term.code, 0)),
        }
        for term in relations
        if term.is_active or term.code in local or term.code in national
    ]
    totals = {
        "local": _suppressed(sum(local.values())),
        "national": _suppressed(sum(national.values())),
    }
    return rows, totals


@login_required
def dashboard(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_family_site_for_user(request, site_code)
    today = timezone.localdate()
    manager = can_manage(request.user, site)

    def figures() -> str:
        relative_rows, relative_totals = _relative_present_rows(site, today.year)
        context = {
            "current_site": site,
            "peer_weeks": selectors.peer_volunteer_weeks(site, today=today),
            "relative_rows": relative_rows,
            "relative_totals": relative_totals,
            "year": today.year,
        }
        return render_to_string("family/includes/dashboard_figures.html", context)

    def body() -> str:
        monday = selectors.week_start(today)
        week = FamilyConversation.objects.filter(
            site=site, date__gte=monday, date__lte=monday + dt.timedelta(days=6)
        )
        week_counts = week.aggregate(
            total=Count("id"), with_peer=Count("id", filter=Q(peer_volunteer_present=True))
        )
        # The oldest first, and only so many: a site that never marks follow-ups would
        # otherwise grow its dashboard by a row per bridging.
        bridgings = list(selectors.open_bridgings(site)[:OPEN_BRIDGINGS_SHOWN])
        context = {
            "monday": monday,
            "this_week": list(
                selectors.conversations_for_list(week).order_by("date", "time", "id")
            ),
            "week_total": week_counts["total"],
            "week_with_peer": week_counts["with_peer"],
            "week_peer_share": (
                week_counts["with_peer"] / week_counts["total"] if week_counts["total"] else None
            ),
            "week_inquiries": RelativeInquiry.objects.filter(
                site=site, date__gte=monday, date__lte=today
            ).count(),
            "current_site": site,
            "can_manage": manager,
            # The staff's rows carry a "Followed up" button: its token is the user's own,
            # put in when the part is served.
            "csrf_token": CSRF_SLOT,
            "open_bridgings": bridgings,
            "open_bridgings_total": (
                selectors.open_bridgings(site).count()
                if len(bridgings) == OPEN_BRIDGINGS_SHOWN
                else len(bridgings)
            ),
        }
        return render_to_string("family/includes/dashboard_body.html", context)

    context = {
        "current_site": site,
        # The week's figures and conversations and the open bridgings, as the user's role
        # shows them (staff follow them up).
        "body": with_csrf_token(
            request,
            site_fragment(site_id=site.pk, name="family-dashboard", render=body, parts=(manager,)),
        ),
        # The peer volunteers' weeks and the relative-present counts. The counts are the
        # centres' registrations, which no version of this site records: the part is kept
        # under the reports' data version, which changes with every site's data.
        "figures": kept_fragment(
            name="family-dashboard-figures",
            key=(site.pk, today, caching.data_version()),
            render=figures,
        ),
    }
    return render(request, "family/dashboard.html", context)


@login_required
def peer_volunteers(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_family_site_for_user(request, site_code)
    today = timezone.localdate()
    year_qs = FamilyConversation.objects.filter(site=site, date__year=today.year)
    year_counts = year_qs.aggregate(
        total=Count("id"), with_peer=Count("id", filter=Q(peer_volunteer_present=True))
    )
    peers = list(peer_volunteers_of(site))
    per_peer = dict(
        year_qs.filter(peer_volunteer__isnull=False)
        .order_by()
        .values("peer_volunteer")
        .annotate(n=Count("id"))
        .values_list("peer_volunteer", "n")
    )
    context = {
        "current_site": site,
        "year": today.year,
        "year_total": year_counts["total"],
        "year_with_peer": year_counts["with_peer"],
        "year_share": (
            year_counts["with_peer"] / year_counts["total"] if year_counts["total"] else None
        ),
        "year_unnamed": year_qs.filter(
            peer_volunteer_present=True, peer_volunteer__isnull=True
        ).count(),
        "peers": [(peer, per_peer.get(peer.pk, 0)) for peer in peers],
        "peer_weeks": selectors.peer_volunteer_weeks(site, today=today),
    }
    return render(request, "family/peer_volunteers.html", context)


@login_required
def open_bridgings(request: HttpRequest, site_code: str) -> HttpResponse:
    """Every open bridging at the site, oldest first, a page at a time."""
    site = get_family_site_for_user(request, site_code)
    page = queryset_page(
        selectors.open_bridgings(site), number=page_number(request), per_page=PAGE_SIZE
    )
    context = {
        "current_site": site,
        "page": page,
        "open_bridgings": page.object_list,
        "can_manage": can_manage(request.user, site),
    }
    return render(request, "family/open_bridgings.html", context)


@login_required
def conversation_list(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_family_site_for_user(request, site_code)
    # An impossible year (0, 10000, text) shows every year rather than failing.
    year = parse_year(request.GET.get("year", ""))
    number = page_number(request)

    def body() -> str:
        conversations = FamilyConversation.objects.filter(site=site)
        if year is not None:
            conversations = conversations.filter(date__year=year)
        page = queryset_page(
            selectors.conversations_for_list(conversations), number=number, per_page=PAGE_SIZE
        )
        context = {"page": page, "conversations": page.object_list, "year": year}
        return render_to_string("family/includes/conversation_list_body.html", context)

    context = {
        "current_site": site,
        "year": year,
        "years": selectors.conversation_years(site),
        # The parsed year, not the raw parameter: every spelling of a year shares one entry.
        # A first meeting looks at every family site's history; an earlier conversation
        # registered at another site moves the mark here within the cache's time limit.
        "body": site_fragment(
            site_id=site.pk, name="family-conversations", render=body, parts=(year, number)
        ),
    }
    return render(request, "family/conversation_list.html", context)


# The conversation form ----------------------------------------------------------------
# Relatives present are picked by search (htmx, or the "Search" button without JavaScript):
# a site may know hundreds of relatives, so the form shows only the chosen ones and the hits.

MULTI_FIELDS = ("relatives", "themes", "bridging_methods", "bridging_destinations")
SEARCH_HITS = 15
QUERY_MAX = 64
# Buttons that re-show the form with everything typed, instead of saving it.
SEARCH, ADD_GROUP = "search", "group"


def _typed_values(post) -> dict:
    return {
        key: post.getlist(key) if key in MULTI_FIELDS else post.get(key)
        for key in post
        if key not in ("csrfmiddlewaretoken", "action", "relative_q") and not key.startswith("new-")
    }


def _group_relative_codes(site, group_code: str) -> list[str]:
    """The codes of a family group's relatives; nothing for a group of another site."""
    if not group_code or group_code == actions.NEW_GROUP:
        return []
    return list(
        Relative.objects.filter(family_group__site=site, family_group__code=group_code)
        .order_by("label", "code")
        .values_list("code", flat=True)
    )


def _conversation_form(request, site, *, instance=None, initial=None):
    """The form and the new-relative rows: bound to a submission, or (after a search or
    "add the family's relatives") unbound with everything typed kept."""
    groups = FamilyGroup.objects.filter(site=site).order_by("-created_at", "-id")
    kwargs = {
        "site": site,
        "relatives": selectors.site_relatives(site),
        "groups": groups,
        "instance": instance,
    }
    action = request.POST.get("action") if request.method == "POST" else None
    if action in (SEARCH, ADD_GROUP):
        typed = _typed_values(request.POST)
        if action == ADD_GROUP:
            codes = typed.get("relatives", [])
            typed["relatives"] = [
                *codes,
                *_group_relative_codes(site, typed.get("family_group") or ""),
            ]
        form = FamilyConversationForm(initial=typed, **kwargs)
        return form, typed_new_relatives(request.POST), False
    data = request.POST if request.method == "POST" else None
    form = FamilyConversationForm(data, initial=initial, **kwargs)
    return form, NewRelativeFormSet(data, prefix="new"), data is not None


def _picker_context(site, *, chosen_codes, query: str) -> dict:
    """The chosen relatives (ticked) and the search hits (not ticked), in a fixed number of
    queries however many relatives the site knows."""
    chosen_codes = list(dict.fromkeys(chosen_codes))
    chosen = []
    if chosen_codes:
        chosen = list(
            selectors.site_relatives(site).filter(code__in=chosen_codes).order_by("label", "code")
        )
    # A search box, not a stored text: control characters (a NUL breaks PostgreSQL's LIKE)
    # are dropped rather than refused.
    query = "".join(ch for ch in query if ch.isprintable()).strip()[:QUERY_MAX]
    hits, found = [], []
    if query:
        chosen_set = {r.code for r in chosen}
        found = list(
            selectors.search_site_relatives(site, query)[: SEARCH_HITS + len(chosen_set) + 1]
        )
        hits = [r for r in found if r.code not in chosen_set]
    return {
        "chosen_relatives": chosen,
        "relative_hits": hits[:SEARCH_HITS],
        "more_hits": len(hits) > SEARCH_HITS,
        "search_hits_max": SEARCH_HITS,
        "no_match": bool(query) and not found,
        "relative_q": query,
    }


def _render_conversation_form(request, site, form, formset, **context) -> HttpResponse:
    query = request.POST.get("relative_q", "") if request.method == "POST" else ""
    context.update(
        current_site=site,
        form=form,
        formset=formset,
        **_picker_context(site, chosen_codes=form.chosen_relative_codes(), query=query),
    )
    return render(request, "family/conversation_form.html", context)


@login_required
def relative_search(request: HttpRequest, site_code: str) -> HttpResponse:
    """The conversation form's relative picker (htmx): the ticked relatives, plus the hits
    for the search, plus a family group's relatives when the group was just chosen."""
    site = get_family_site_for_user(request, site_code)
    codes = request.GET.getlist("relatives")
    if request.GET.get("add_group"):
        codes += _group_relative_codes(site, request.GET.get("family_group", "")[:QUERY_MAX])
    context = _picker_context(site, chosen_codes=codes, query=request.GET.get("relative_q", ""))
    return render(request, "family/includes/relative_picker.html", context)


def _save_conversation(request, form, formset, save):
    """Validate both forms, hand the details to the action; errors land next to fields."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    new_relatives = [f.new_relative() for f in formset.forms if f.new_relative() is not None]
    try:
        return save(form.details(new_relatives))
    except ValidationError as error:
        for name, messages_ in error.message_dict.items():
            if name.startswith("new_relatives."):
                _, index, field = name.split(".")
                formset.forms[int(index)].add_error(field, messages_)
            elif name in form.fields:
                form.add_error(name, messages_)
            else:
                form.add_error(None, messages_)
        return None


@login_required
def conversation_create(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_family_site_for_user(request, site_code)
    group = None
    if request.GET.get("group"):
        group = get_family_group_for_user(request, request.GET["group"])
        if group.site_id != site.id:
            raise Http404
    initial = FamilyConversationForm.initial_new(user=request.user, site=site, group=group)
    if request.GET.get("chat"):
        # An ended Family chat's registration: channel, date, time, theme (frirum/chat).
        from frirum.chat.registration import initial_for_family_chat

        initial.update(initial_for_family_chat(request, site, request.GET["chat"]))
    form, formset, submitted = _conversation_form(request, site, initial=initial)
    if submitted:
        conversation = _save_conversation(
            request,
            form,
            formset,
            lambda details: actions.create_family_conversation(
                actor=request.user, site=site, details=details
            ),
        )
        if conversation is not None:
            messages.success(request, _("The conversation is registered."))
            return redirect("family:conversation_detail", conversation.code)
    return _render_conversation_form(request, site, form, formset, group=group)


@login_required
def conversation_detail(request: HttpRequest, code: str) -> HttpResponse:
    conversation = get_family_conversation_for_user(request, code)
    flagged = selectors.with_first_meeting(
        FamilyConversation.objects.filter(pk=conversation.pk)
    ).values_list("is_first_meeting", flat=True)
    context = {
        "current_site": conversation.site,
        "conversation": conversation,
        "is_first_meeting": flagged[0],
        "relatives": conversation.relatives.select_related("relation", "family_group"),
        "can_manage": can_manage(request.user, conversation.site),
    }
    return render(request, "family/conversation_detail.html", context)


@login_required
def conversation_edit(request: HttpRequest, code: str) -> HttpResponse:
    conversation = get_family_conversation_for_user(request, code)
    site = conversation.site
    form, formset, submitted = _conversation_form(
        request,
        site,
        instance=conversation,
        initial=FamilyConversationForm.initial_for(conversation),
    )
    if submitted:
        saved = _save_conversation(
            request,
            form,
            formset,
            lambda details: actions.update_family_conversation(
                actor=request.user, conversation=conversation, details=details
            ),
        )
        if saved is not None:
            messages.success(request, _("The conversation is saved."))
            return redirect("family:conversation_detail", saved.code)
    return _render_conversation_form(request, site, form, formset, conversation=conversation)


@login_required
def conversation_delete(request: HttpRequest, code: str) -> HttpResponse:
    conversation = get_family_conversation_for_user(request, code)
    site = conversation.site
    if not can_manage(request.user, site):
        raise Http404
    check_may_delete(request.user, site)
    if request.method == "POST":
        actions.delete_family_conversation(actor=request.user, conversation=conversation)
        messages.success(request, _("The conversation is deleted."))
        return redirect("family:conversation_list", site.code)
    context = {"current_site": site, "conversation": conversation}
    return render(request, "family/conversation_delete.html", context)


@require_POST
@login_required
def bridging_followed_up(request: HttpRequest, code: str) -> HttpResponse:
    conversation = get_family_conversation_for_user(request, code)
    if not can_manage(request.user, conversation.site):
        raise Http404
    try:
        actions.mark_bridging_followed_up(actor=request.user, conversation=conversation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The bridging is marked as followed up."))
    return redirect("family:dashboard", conversation.site.code)
