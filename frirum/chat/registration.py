"""The registration a chat ends in: the ordinary registration form, filled in from the chat
(channel chat, the pre-chat answers, the duration), so a chat is registered exactly like
any other conversation."""

from django.http import Http404, HttpRequest
from django.urls import reverse

from frirum.chat import actions
from frirum.chat.access import get_chat_for_user
from frirum.chat.selectors import duration_minutes
from frirum.contacts.choices import Channel
from frirum.sites.models import SiteKind
from frirum.sites.schedule import ZONE, local_date


def _chat_at(request: HttpRequest, site, chat_id):
    chat = get_chat_for_user(request, chat_id)
    if chat.site_id != site.pk:
        raise Http404
    return chat


def _start(chat):
    started = (chat.taken_at or chat.created_at).astimezone(ZONE)
    return started.date(), started.time().replace(second=0, microsecond=0)


def registration_url(chat) -> str:
    """Where ending the chat leads: the Family registration at a Family site."""
    name = (
        "family:conversation_create"
        if chat.site.kind == SiteKind.FAMILY
        else "contacts:contact_create"
    )
    return f"{reverse(name, args=[chat.site.code])}?chat={chat.pk}"


def initial_for_family_chat(request: HttpRequest, site, chat_id) -> dict:
    """The Family registration's values from a chat at a Family site: channel, date, time,
    the theme named before the chat. The relative is added in the form as usual."""
    chat = _chat_at(request, site, chat_id)
    date, time = _start(chat)
    initial = {"channel": Channel.CHAT, "date": date, "time": time}
    if chat.topic is not None:
        initial["themes"] = [chat.topic]
    return initial


def initial_for_chat(request: HttpRequest, site, chat_id) -> dict:
    """The form's values from a chat the user may read at this site (404 otherwise)."""
    chat = _chat_at(request, site, chat_id)
    started = chat.taken_at or chat.created_at
    initial = {
        "channel": Channel.CHAT,
        "date": local_date(started),
        "time": started.astimezone(ZONE).time().replace(second=0, microsecond=0),
        "youth_mode": "new",
        "age": chat.age,
        "new_gender": chat.gender or None,
        "new_residence_municipality": chat.municipality_id,
        "duration_minutes": duration_minutes(chat),
        "themes": [chat.topic_id] if chat.topic_id else [],
    }
    return {key: value for key, value in initial.items() if value not in (None, [])}


def link_chat_registration(request: HttpRequest, site, chat_id, contact) -> None:
    """The registration saved from the chat's form belongs to the chat (404 for a chat the
    user may not read): the young person's questionnaire at the chat's end is about it."""
    chat = _chat_at(request, site, chat_id)
    actions.link_registration(chat=chat, contact=contact, actor=request.user)
