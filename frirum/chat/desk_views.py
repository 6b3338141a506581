"""The counsellor's chat desk: the queue, taking the next chat, the counsellor's chats in
tabs, a risk flag, ending a chat into its registration. The words travel over the desk's
WebSocket (chat.js); these views do the rest with plain forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from frirum.chat import access, actions, selectors
from frirum.chat.access import get_chat_for_user, get_desk_site_for_user
from frirum.chat.forms import CannedReplyForm, CapacityForm, SurgeGreetingForm
from frirum.chat.models import CannedReply, ChatStatus
from frirum.chat.registration import registration_url
from frirum.lib.params import parse_int
from frirum.sites.schedule import current_opening


def _queue_context(site, user) -> dict:
    now = timezone.now()
    waiting = list(selectors.queue(site, now))
    for chat in waiting:
        chat.waited_minutes = int((now - chat.created_at).total_seconds() // 60)
    mine = list(selectors.active_chats(site, user).select_related("municipality", "topic"))
    return {
        "site": site,
        "waiting": waiting,
        "mine": mine,
        "capacity": selectors.capacity(site),
        "at_capacity": len(mine) >= selectors.capacity(site),
        "online": selectors.counsellors_online(site, now),
    }


@login_required
@require_GET
def desk(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_desk_site_for_user(request, site_code)
    current = None
    if request.GET.get("chat"):
        current = get_chat_for_user(request, request.GET["chat"])
        if current.site_id != site.pk:
            raise Http404
    return render(request, "chat/desk.html", _desk_context(request, site, current))


def _desk_context(request: HttpRequest, site, current) -> dict:
    context = _queue_context(site, request.user)
    if current is None and context["mine"]:
        current = context["mine"][0]
    if current is not None and current.status != ChatStatus.ACTIVE:
        current = None
    supervises = access.is_supervisor(request.user, site)
    context.update(
        targets=selectors.transfer_targets(site, exclude=request.user) if current else [],
        current=current,
        # Reading along in a colleague's chat: the supervisor whispers instead of writing.
        reading_along=current is not None and current.counsellor_id != request.user.pk,
        live=list(selectors.live_chats(site)) if supervises else [],
        opening=current_opening(site),
        is_manager=access.is_site_manager(request.user, site),
        capacity_form=CapacityForm(initial={"capacity": selectors.setting_capacity(site)}),
        supervises=supervises,
        surge=selectors.in_surge(site),
        canned=list(CannedReply.objects.filter(site=site)),
        canned_form=CannedReplyForm(),
        greeting_form=SurgeGreetingForm(initial={"greeting": selectors.surge_greeting(site)})
        if supervises
        else None,
    )
    return context


@login_required
@require_GET
def queue_fragment(request: HttpRequest, site_code: str) -> HttpResponse:
    """The queue and the take button, refreshed by the desk's script when the queue changes."""
    site = get_desk_site_for_user(request, site_code)
    return render(request, "chat/includes/queue.html", _queue_context(site, request.user))


@login_required
@require_POST
def take(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_desk_site_for_user(request, site_code)
    try:
        chat = actions.take_next(site=site, user=request.user)
    except actions.OverCapacity:
        messages.warning(request, _("You already have as many chats as this site allows."))
        return redirect("chat:desk", site.code)
    if chat is None:
        messages.info(request, _("No one is waiting."))
        return redirect("chat:desk", site.code)
    return redirect(f"{reverse('chat:desk', args=[site.code])}?chat={chat.pk}")


@login_required
@require_POST
def capacity(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_desk_site_for_user(request, site_code)
    if not access.is_site_manager(request.user, site):
        raise Http404
    form = CapacityForm(request.POST)
    if form.is_valid():
        actions.set_capacity(site=site, user=request.user, value=form.cleaned_data["capacity"])
        messages.success(request, _("The number of chats per counsellor is saved."))
    else:
        messages.error(request, _("Choose 1 or 2 chats per counsellor."))
    return redirect("chat:desk", site.code)


def _own_open_chat(request: HttpRequest, chat_id: int):
    chat = get_chat_for_user(request, chat_id)
    if chat.counsellor_id != request.user.pk:
        raise Http404
    return chat


@login_required
@require_POST
def risk(request: HttpRequest, chat_id: int) -> HttpResponse:
    chat = _own_open_chat(request, chat_id)
    flagged = request.POST.get("risk") == "1"
    actions.set_risk(chat=chat, user=request.user, risk=flagged)
    return redirect(f"{reverse('chat:desk', args=[chat.site.code])}?chat={chat.pk}")


@login_required
@require_POST
def end(request: HttpRequest, chat_id: int) -> HttpResponse:
    chat = _own_open_chat(request, chat_id)
    actions.end_chat(chat=chat, user=request.user)
    messages.success(request, _("The chat has ended. Register the conversation."))
    return redirect(registration_url(chat))


@login_required
@require_POST
def ban(request: HttpRequest, chat_id: int) -> HttpResponse:
    """Abuse: end the chat and keep its visitor out until midnight (frirum.chat.ban)."""
    chat = _own_open_chat(request, chat_id)
    actions.ban_until_midnight(chat=chat, user=request.user)
    messages.success(request, _("The chat has ended, and its writer cannot start a new one today."))
    return redirect("chat:desk", chat.site.code)


@login_required
@require_POST
def transfer(request: HttpRequest, chat_id: int) -> HttpResponse:
    chat = _own_open_chat(request, chat_id)
    targets = {str(u.pk): u for u in selectors.transfer_targets(chat.site, exclude=request.user)}
    to_user = targets.get(request.POST.get("to", ""))
    try:
        if to_user is None:
            raise actions.CannotTransfer
        actions.transfer_chat(chat=chat, user=request.user, to_user=to_user)
    except actions.CannotTransfer:
        messages.error(request, _("Choose a counsellor on duty with room for another chat."))
        return redirect(f"{reverse('chat:desk', args=[chat.site.code])}?chat={chat.pk}")
    messages.success(request, _("The chat is passed to %(name)s.") % {"name": to_user})
    return redirect("chat:desk", chat.site.code)


@login_required
@require_POST
def surge(request: HttpRequest, site_code: str) -> HttpResponse:
    """The supervisor on duty (chief or employed counsellor) switches surge mode."""
    site = get_desk_site_for_user(request, site_code)
    if not access.is_supervisor(request.user, site):
        raise Http404
    on = request.POST.get("surge") == "1"
    actions.set_surge(site=site, user=request.user, on=on)
    if on:
        messages.warning(request, _("Surge mode is on: every counsellor may take one chat more."))
    else:
        messages.success(request, _("Surge mode is off."))
    return redirect("chat:desk", site.code)


@login_required
@require_POST
def surge_greeting(request: HttpRequest, site_code: str) -> HttpResponse:
    """The supervisor keeps the short first answer surge mode sends (audited)."""
    site = get_desk_site_for_user(request, site_code)
    if not access.is_supervisor(request.user, site):
        raise Http404
    form = SurgeGreetingForm(request.POST)
    if form.is_valid():
        actions.set_surge_greeting(site=site, user=request.user, text=form.cleaned_data["greeting"])
        messages.success(request, _("The first answer in surge mode is saved."))
        return redirect("chat:desk", site.code)
    context = _desk_context(request, site, None)
    context["greeting_form"] = form
    return render(request, "chat/desk.html", context, status=400)


@login_required
@require_POST
def canned_add(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_desk_site_for_user(request, site_code)
    if not access.is_site_manager(request.user, site):
        raise Http404
    form = CannedReplyForm(request.POST)
    if form.is_valid():
        actions.add_canned_reply(site=site, user=request.user, **form.cleaned_data)
        messages.success(request, _("The canned reply is saved."))
        return redirect("chat:desk", site.code)
    context = _desk_context(request, site, None)
    context["canned_form"] = form
    return render(request, "chat/desk.html", context, status=400)


@login_required
@require_POST
def canned_delete(request: HttpRequest, site_code: str, pk: int) -> HttpResponse:
    site = get_desk_site_for_user(request, site_code)
    if not access.is_site_manager(request.user, site):
        raise Http404
    reply = CannedReply.objects.filter(site=site, pk=parse_int(pk, maximum=2**63 - 1)).first()
    if reply is None:
        raise Http404
    actions.delete_canned_reply(reply=reply, user=request.user)
    messages.success(request, _("The canned reply is deleted."))
    return redirect("chat:desk", site.code)


@login_required
@require_POST
def take_over(request: HttpRequest, chat_id: int) -> HttpResponse:
    chat = get_chat_for_user(request, chat_id)
    if not access.is_supervisor(request.user, chat.site):
        raise Http404
    actions.take_over(chat=chat, user=request.user)
    return redirect(f"{reverse('chat:desk', args=[chat.site.code])}?chat={chat.pk}")
