"""The young person's chat page: no login, nothing about the visitor kept.

Closed: when it opens next and where to go meanwhile. Open: the pre-chat questions, then the
chat itself, run by chat.js over the WebSocket. The token that opens the chat is in the
answer to the questions' POST only; the page's script moves it into the tab's own storage
(sessionStorage), so a reload keeps the chat and a closed tab forgets it.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from frirum.chat import actions, ban
from frirum.chat.forms import PreChatForm
from frirum.chat.models import ChatStatus
from frirum.chat.selectors import CHAT_SITE_KINDS, chat_for_token, offers_questionnaire
from frirum.public.pages import public_page, render_public
from frirum.questionnaires.access import open_questionnaire
from frirum.questionnaires.actions import issue_feedback_code
from frirum.sites.models import Site, SiteKind
from frirum.sites.schedule import current_opening, local_date, next_opening

POSTING = ("GET", "HEAD", "POST")


def _chat_site(site_code: str, now) -> Site:
    site = Site.objects.filter(code=site_code, kind__in=CHAT_SITE_KINDS).first()
    if site is None or (site.closed_on is not None and site.closed_on < local_date(now)):
        raise Http404
    return site


@public_page(methods=POSTING, cacheable=False)
def youth_chat(request: HttpRequest, lang: str, site_code: str) -> HttpResponse:
    now = timezone.now()
    site = _chat_site(site_code, now)
    opening = current_opening(site, now)
    token = ""
    form = None
    refused = False
    status = 200
    if opening is not None:
        form = PreChatForm(request.POST if request.method == "POST" else None, site=site)
        if form.is_bound:
            if not form.is_valid():
                status = 400
            elif ban.is_banned(site, request) or not ban.allow_start(request):
                # The same words for both: a banned visitor learns nothing more.
                refused = True
                status = 429
            else:
                data = form.cleaned_data
                _chat, token = actions.start_chat(
                    site=site,
                    age=data["age"],
                    gender=data["gender"],
                    municipality=data["municipality"],
                    topic=data["topic"],
                    ban_key=ban.daily_key(request),
                )
    elif request.method == "POST":
        # Closed while the questions were being answered: the page says so.
        status = 409
    context = {
        "site": site,
        "is_family": site.kind == SiteKind.FAMILY,
        "opening": opening,
        "next_opening": None if opening else next_opening(site, now),
        "form": form,
        "token": token,
        "refused": refused,
        "now": now,
        "offers_questionnaire": offers_questionnaire(site),
    }
    return render_public(request, lang, "chat/youth.html", context, status)


@public_page(methods=("POST",), cacheable=False)
def youth_questionnaire(request: HttpRequest, lang: str, site_code: str) -> HttpResponse:
    """The ended chat's page hands over to the questionnaire: the chat's token comes in this
    POST, a one-time code is issued for the chat's registration and bound to the session
    (frirum.questionnaires.access), so no code is typed and none is in an address or a log.
    Until the counsellor has saved the registration the page asks to try again shortly."""
    site = _chat_site(site_code, timezone.now())
    token = request.POST.get("token", "")
    chat = chat_for_token(token)
    if chat is None or chat.site_id != site.pk or not offers_questionnaire(site):
        raise Http404
    context = {"site": site, "token": token, "reason": ""}
    if chat.status != ChatStatus.ENDED:
        raise Http404
    if chat.contact_id is None:
        context["reason"] = "not_registered"
        return render_public(request, lang, "chat/youth_questionnaire.html", context, 409)
    try:
        feedback_code, _code = issue_feedback_code(contact=chat.contact, actor=chat.counsellor)
    except ValidationError:
        context["reason"] = "answered"
        return render_public(request, lang, "chat/youth_questionnaire.html", context, 410)
    open_questionnaire(request, feedback_code)
    return redirect("questionnaires:answer")
