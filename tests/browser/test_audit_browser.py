"""The chief reads the site's change log in Danish: labels, not codes; the page passes axe."""

import datetime as dt

import pytest

from frirum.accounts.models import Membership, Role
from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.sites.models import Municipality, Site, SiteKind
from tests.base import make_contact, make_user
from tests.browser.conftest import assert_accessible
from tests.browser.test_contacts_browser import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_shows_the_change_log_with_labels_in_danish(page, live_server):
    site = Site.objects.create(
        code="alpha",
        name="headspace Alpha",
        kind=SiteKind.CENTRE,
        municipality=Municipality.objects.get(code="151"),
    )
    chief = make_user("chef@example.org", "Charlotte Chef")
    Membership.objects.create(user=chief, site=site, role=Role.CENTRE_CHIEF)
    contact = make_contact(site, date=dt.date(2026, 6, 25), themes=["anxiety", "loneliness"])
    record_audit(
        actor=chief,
        action=AuditAction.CREATE,
        instance=contact,
        site=site,
        after=snapshot(contact, m2m=("themes",)),
    )
    log_in(page, live_server, chief)
    page.goto(f"{live_server.url}/s/alpha/log/")
    text = page.inner_text("main")
    assert "Fremmøde" in text
    assert "Angst, Ensomhed" in text
    assert "25. juni 2026" in text
    assert "Samtale" in text
    for code in ("in_person", "anxiety", "contacts.contact"):
        assert code not in text
    assert_accessible(page)
