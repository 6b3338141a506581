"""The counsellor's start page, rendered once per change at the site.

Every counsellor at a site sees the same dashboard and opens it between conversations, so
the part that shows the site's data is kept under the site's data version
(frirum/audit/fragments.py).
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from frirum.audit.fragments import site_fragment
from frirum.contacts.selectors import site_dashboard
from frirum.sites.models import Site


def dashboard_body(site: Site) -> SafeString:
    """The figures, today's and this week's conversations and the open courses, as HTML."""
    return site_fragment(
        site_id=site.pk,
        name="dashboard",
        render=lambda: render_to_string(
            "contacts/includes/dashboard_body.html", {"site": site, "dash": site_dashboard(site)}
        ),
    )
