"""Access to questionnaire records.

Staff reach a contact's questionnaire through frirum.contacts.access; a site's choice of
instruments is for its centre chief and the secretariat. The young person reaches exactly one
questionnaire, by its one-time code, and nothing else: the code comes once in a POST, and
from then on the session says which questionnaire is open.
"""

from django.http import Http404, HttpRequest

from frirum.accounts.models import MANAGER_ROLES
from frirum.lib.access import get_site_for_user
from frirum.questionnaires import codes
from frirum.questionnaires.models import FeedbackCode
from frirum.questionnaires.selectors import find_feedback_code
from frirum.sites.models import Site, SiteKind


def get_configurable_site_for_user(request: HttpRequest, code: str) -> Site:
    """A site whose questionnaires the user may choose (its centre chief, the secretariat)."""
    site = get_site_for_user(request, code)
    user = request.user
    if site.kind == SiteKind.FAMILY:
        raise Http404
    if (
        not user.is_secretariat
        and not user.memberships.filter(is_active=True, role__in=MANAGER_ROLES, site=site).exists()
    ):
        raise Http404
    return site


def get_feedback_code_for_youth(raw_code: str) -> FeedbackCode | None:
    """The questionnaire code the young person typed or scanned, or None if there is none."""
    code = codes.normalise(raw_code)
    if not codes.looks_valid(code):
        return None
    return find_feedback_code(codes.code_hash(code))


SESSION_KEY = "frirum:questionnaire"


def open_questionnaire(request: HttpRequest, feedback_code: FeedbackCode) -> None:
    """Binds the browser's session to the questionnaire, so no later URL carries the code."""
    # A new session key: whatever session the browser had before never sees the questionnaire.
    request.session.cycle_key()
    request.session[SESSION_KEY] = feedback_code.pk


def close_questionnaire(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def get_open_feedback_code_for_youth(request: HttpRequest) -> FeedbackCode | None:
    """The questionnaire this browser opened with a code, or None."""
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int):
        return None
    return FeedbackCode.objects.select_related("contact", "contact__site").filter(pk=pk).first()
