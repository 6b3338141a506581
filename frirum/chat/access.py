"""Who may use the chat desk: the active members of a chat or Family site, and for a chat,
its own counsellor (a supervisor role reads along: the site's chief and employed
counsellors). Everything else is a 404, exactly like a record of another site."""

from django.http import Http404, HttpRequest

from frirum.accounts.models import MANAGER_ROLES, Role
from frirum.chat.models import Chat
from frirum.chat.selectors import CHAT_SITE_KINDS
from frirum.lib.params import parse_int
from frirum.sites.models import Site

SUPERVISOR_ROLES = frozenset({Role.CENTRE_CHIEF, Role.EMPLOYED_COUNSELLOR})


def _roles(user, site: Site) -> set[str]:
    if not (user and user.is_authenticated and user.is_active):
        return set()
    return set(user.memberships.filter(site=site, is_active=True).values_list("role", flat=True))


def desk_site(user, code: str) -> Site | None:
    """The chat or Family site whose desk the user may open (a membership there)."""
    site = Site.objects.filter(code=code, kind__in=CHAT_SITE_KINDS).first()
    if site is None or not _roles(user, site):
        return None
    return site


def is_site_manager(user, site: Site) -> bool:
    return bool(_roles(user, site) & MANAGER_ROLES)


def is_supervisor(user, site: Site) -> bool:
    return bool(_roles(user, site) & SUPERVISOR_ROLES)


def chat_for_user(user, chat_id) -> Chat | None:
    """A chat the user may read: their own, or any at their site when they supervise it."""
    # Bounded: an id past the key column's range is "not found", not a database overflow.
    chat_id = parse_int(chat_id, minimum=1, maximum=2**63 - 1)
    if chat_id is None:
        return None
    chat = Chat.objects.select_related("site", "counsellor").filter(pk=chat_id).first()
    if chat is None:
        return None
    roles = _roles(user, chat.site)
    if not roles:
        return None
    if chat.counsellor_id == user.pk or roles & SUPERVISOR_ROLES:
        return chat
    return None


def get_desk_site_for_user(request: HttpRequest, code: str) -> Site:
    site = desk_site(request.user, code)
    if site is None:
        raise Http404
    return site


def get_chat_for_user(request: HttpRequest, chat_id) -> Chat:
    chat = chat_for_user(request.user, chat_id)
    if chat is None:
        raise Http404
    return chat
