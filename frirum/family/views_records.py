"""Family workspace: relatives, family groups and relatives' inquiries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from frirum.audit.fragments import site_fragment
from frirum.family import actions, selectors
from frirum.family.access import (
    get_family_group_for_user,
    get_family_site_for_user,
    get_inquiry_for_user,
    get_relative_for_user,
    readable_conversations,
)
from frirum.family.forms import (
    FamilyGroupEditForm,
    FamilyGroupForm,
    InquiryForm,
    NewRelativeFormSet,
    RelativeForm,
)
from frirum.family.models import Relative
from frirum.family.views import PAGE_SIZE, can_manage
from frirum.lib.paging import lean_page, page_number, queryset_page
from frirum.trash.access import check_may_delete


def _errors_to_form(form, error: ValidationError, formset=None) -> None:
    for name, messages_ in error.message_dict.items():
        if formset is not None and name.startswith("new_relatives."):
            _, index, field = name.split(".")
            formset.forms[int(index)].add_error(field, messages_)
        elif name in form.fields:
            form.add_error(name, messages_)
        else:
            form.add_error(None, messages_)


def _conversations_in_order(conversations):
    """A family's or relative's conversations, oldest first, with the first-meeting mark."""
    return selectors.conversations_for_list(conversations).order_by("date", "time", "code")


# Relatives -------------------------------------------------------------------------------


@login_required
def relative_list(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_family_site_for_user(request, site_code)
    number = page_number(request)

    def body() -> str:
        page = lean_page(
            lambda offset, limit: selectors.site_relatives_page(site, offset=offset, limit=limit),
            number=number,
            per_page=PAGE_SIZE,
        )
        context = {"page": page, "relatives": page.object_list}
        return render_to_string("family/includes/relative_list_body.html", context)

    context = {
        "current_site": site,
        # A relative's count includes conversations at another family site, whose changes
        # give no new version here: they show within the cache's time limit.
        "body": site_fragment(
            site_id=site.pk, name="family-relatives", render=body, parts=(number,)
        ),
    }
    return render(request, "family/relative_list.html", context)


@login_required
def relative_create(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_family_site_for_user(request, site_code)
    initial = {}
    if request.GET.get("group"):
        group = get_family_group_for_user(request, request.GET["group"])
        if group.site_id != site.id:
            raise Http404
        initial["family_group"] = group
    form = RelativeForm(request.POST or None, site=site, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            relative = actions.create_relative(
                actor=request.user,
                site=site,
                relation=form.cleaned_data["relation"],
                label=form.cleaned_data["label"],
                family_group=form.cleaned_data["family_group"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The relative is registered."))
            return redirect("family:relative_detail", relative.code)
    return render(request, "family/relative_form.html", {"current_site": site, "form": form})


def _relative_site(request, relative: Relative):
    """The family site the relative's pages belong to, for the navigation and for edits."""
    if relative.registered_at_site_id:
        return relative.registered_at_site
    if relative.family_group_id:
        return relative.family_group.site
    conversation = (
        readable_conversations(request.user)
        .filter(relatives=relative)
        .select_related("site")
        .order_by("-date")
        .first()
    )
    return conversation.site if conversation else None


@login_required
def relative_detail(request: HttpRequest, code: str) -> HttpResponse:
    relative = get_relative_for_user(request, code)
    # Only conversations at sites the user may read: a relative may have been to two sites.
    conversations = _conversations_in_order(
        readable_conversations(request.user).filter(relatives=relative)
    )
    site = _relative_site(request, relative)
    context = {
        "current_site": site,
        "relative": relative,
        "conversations": conversations,
        "can_manage": site is not None and can_manage(request.user, site),
    }
    return render(request, "family/relative_detail.html", context)


@login_required
def relative_edit(request: HttpRequest, code: str) -> HttpResponse:
    relative = get_relative_for_user(request, code)
    site = _relative_site(request, relative)
    if site is None:
        raise Http404
    initial = {
        "relation": relative.relation,
        "label": relative.label,
        "family_group": relative.family_group,
    }
    form = RelativeForm(
        request.POST or None, site=site, relation=relative.relation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_relative(
                actor=request.user,
                relative=relative,
                site=site,
                relation=form.cleaned_data["relation"],
                label=form.cleaned_data["label"],
                family_group=form.cleaned_data["family_group"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The relative is saved."))
            return redirect("family:relative_detail", relative.code)
    context = {"current_site": site, "form": form, "relative": relative}
    return render(request, "family/relative_form.html", context)


def _deletion_context(relatives, group=None) -> dict:
    """What a deletion takes with it, for the confirm page."""
    return {
        "conversations_going": actions.conversations_going_with(relatives, group).count(),
        "conversations_shared": actions.shared_conversation_count(relatives, group),
    }


@login_required
@require_http_methods(["GET", "POST"])
def relative_delete(request: HttpRequest, code: str) -> HttpResponse:
    relative = get_relative_for_user(request, code)
    site = _relative_site(request, relative)
    if site is None or not can_manage(request.user, site):
        raise Http404
    check_may_delete(request.user, site)
    error = None
    if request.method == "POST":
        try:
            actions.delete_relative(actor=request.user, relative=relative, site=site)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The relative is deleted."))
            return redirect("family:relative_list", site.code)
    context = {
        "current_site": site,
        "relative": relative,
        "error": error,
        **_deletion_context([relative]),
    }
    return render(request, "family/relative_delete.html", context, status=400 if error else 200)


# Family groups ---------------------------------------------------------------------------


@login_required
def group_list(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_family_site_for_user(request, site_code)
    number = page_number(request)

    def body() -> str:
        groups = selectors.site_groups(site).prefetch_related(
            Prefetch("relatives", queryset=Relative.objects.select_related("relation"))
        )
        page = queryset_page(groups, number=number, per_page=PAGE_SIZE)
        context = {"page": page, "groups": page.object_list}
        return render_to_string("family/includes/group_list_body.html", context)

    context = {
        "current_site": site,
        "body": site_fragment(site_id=site.pk, name="family-groups", render=body, parts=(number,)),
    }
    return render(request, "family/group_list.html", context)


@login_required
def group_create(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_family_site_for_user(request, site_code)
    form = FamilyGroupForm(request.POST or None)
    formset = NewRelativeFormSet(request.POST or None, prefix="new")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        new_relatives = [f.new_relative() for f in formset.forms if f.new_relative()]
        try:
            group = actions.create_family_group(
                actor=request.user,
                site=site,
                label=form.cleaned_data["label"],
                youth_code=form.cleaned_data["youth_code"],
                new_youth=form.cleaned_data["new_youth"],
                new_relatives=new_relatives,
            )
        except ValidationError as error:
            _errors_to_form(form, error, formset)
        else:
            messages.success(request, _("The family group is created."))
            return redirect("family:group_detail", group.code)
    context = {"current_site": site, "form": form, "formset": formset}
    return render(request, "family/group_form.html", context)


@login_required
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    group = get_family_group_for_user(request, code)
    context = {
        "current_site": group.site,
        "group": group,
        "relatives": group.relatives.select_related("relation").order_by("created_at", "id"),
        "conversations": _conversations_in_order(
            readable_conversations(request.user).filter(family_group=group)
        ),
        "can_manage": can_manage(request.user, group.site),
    }
    return render(request, "family/group_detail.html", context)


@login_required
def group_edit(request: HttpRequest, code: str) -> HttpResponse:
    group = get_family_group_for_user(request, code)
    form = FamilyGroupEditForm(request.POST or None, initial={"label": group.label})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_family_group(
                actor=request.user,
                group=group,
                label=form.cleaned_data["label"],
                youth_code=form.cleaned_data["youth_code"],
                new_youth=form.cleaned_data["new_youth"],
                unlink_youth=form.cleaned_data["unlink_youth"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The family group is saved."))
            return redirect("family:group_detail", group.code)
    context = {"current_site": group.site, "form": form, "group": group}
    return render(request, "family/group_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_delete(request: HttpRequest, code: str) -> HttpResponse:
    group = get_family_group_for_user(request, code)
    site = group.site
    if not can_manage(request.user, site):
        raise Http404
    check_may_delete(request.user, site)
    relatives = list(group.relatives.order_by("id"))
    error = None
    if request.method == "POST":
        try:
            actions.delete_family_group(actor=request.user, group=group)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The family group is deleted."))
            return redirect("family:group_list", site.code)
    context = {
        "current_site": site,
        "group": group,
        "relative_count": len(relatives),
        "error": error,
        **_deletion_context(relatives, group),
    }
    return render(request, "family/group_delete.html", context, status=400 if error else 200)


# Inquiries -------------------------------------------------------------------------------


@login_required
def inquiry_list(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_family_site_for_user(request, site_code)
    number = page_number(request)

    def body() -> str:
        page = queryset_page(selectors.site_inquiries(site), number=number, per_page=PAGE_SIZE)
        context = {"page": page, "inquiries": page.object_list}
        return render_to_string("family/includes/inquiry_list_body.html", context)

    context = {
        "current_site": site,
        "body": site_fragment(
            site_id=site.pk, name="family-inquiries", render=body, parts=(number,)
        ),
    }
    return render(request, "family/inquiry_list.html", context)


@login_required
def inquiry_create(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_family_site_for_user(request, site_code)
    form = InquiryForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_inquiry(actor=request.user, site=site, details=form.details())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The inquiry is registered."))
            if "another" in request.POST:
                return redirect("family:inquiry_create", site.code)
            return redirect("family:inquiry_list", site.code)
    return render(request, "family/inquiry_form.html", {"current_site": site, "form": form})


@login_required
def inquiry_edit(request: HttpRequest, code: str) -> HttpResponse:
    inquiry = get_inquiry_for_user(request, code)
    initial = {
        "date": inquiry.date,
        "channel": inquiry.channel,
        "relation": inquiry.relation,
        "reason": inquiry.reason,
        "led_to_conversation": inquiry.led_to_conversation,
        "referred_to_centre": inquiry.referred_to_centre,
    }
    form = InquiryForm(request.POST or None, relation=inquiry.relation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_inquiry(actor=request.user, inquiry=inquiry, details=form.details())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The inquiry is saved."))
            return redirect("family:inquiry_list", inquiry.site.code)
    context = {
        "current_site": inquiry.site,
        "form": form,
        "inquiry": inquiry,
        "can_manage": can_manage(request.user, inquiry.site),
    }
    return render(request, "family/inquiry_form.html", context)


@login_required
def inquiry_delete(request: HttpRequest, code: str) -> HttpResponse:
    inquiry = get_inquiry_for_user(request, code)
    site = inquiry.site
    if not can_manage(request.user, site):
        raise Http404
    check_may_delete(request.user, site)
    if request.method == "POST":
        actions.delete_inquiry(actor=request.user, inquiry=inquiry)
        messages.success(request, _("The inquiry is deleted."))
        return redirect("family:inquiry_list", site.code)
    return render(request, "family/inquiry_delete.html", {"current_site": site, "inquiry": inquiry})
