"""Access to young people. A young person is visible at a site if they were registered there
or have a conversation there; a user sees a site's young people only if they may read that
site's records (frirum.lib.access)."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from frirum.contacts.models import Contact
from frirum.lib.access import get_site_for_user
from frirum.lib.compiled import CompiledRead
from frirum.people.models import Youth
from frirum.sites.models import Site


def youth_at_site(site: Site | int) -> QuerySet[Youth]:
    """Young people known at the site. Exists() rather than a join keeps rows distinct."""
    has_contact_here = Contact.objects.filter(youth=OuterRef("pk"), site=site)
    return Youth.objects.filter(Q(registered_at_site=site) | Exists(has_contact_here))


def get_youth_for_user(request: HttpRequest, site: Site | str, code: str) -> Youth:
    """The young person with this pseudonym at this site, or 404 for the wrong site or role."""
    if not isinstance(site, Site):
        site = get_site_for_user(request, site)
    else:
        # Re-checked even for a resolved site: a caller may have loaded it without the user.
        site = get_site_for_user(request, site.code)
    found = _YOUTH_BY_CODE.fetch(site.pk, code)
    if not found:
        raise Http404
    return found[0]


# Every page about one young person reads them by code: compiled once, as building this
# query (an OR with a subquery, and a join) cost more than running it.
_YOUTH_BY_CODE = CompiledRead(
    lambda site_id, code: (
        youth_at_site(site_id)
        .select_related("residence_municipality")
        .filter(code=code)
        .order_by("pk")[:1]
    ),
    arity=2,
)
