"""Access to questionnaire records.

Staff reach a contact's questionnaire through frirum.contacts.access; a site's choice of
instruments is for its centre chief and the secretariat. The young person reaches exactly one
questionnaire, by its one-time code, and nothing else.
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
