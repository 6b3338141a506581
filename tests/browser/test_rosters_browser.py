"""A volunteer signs up for a shift in Danish; the chief's month view, the shift and the
volunteer's page pass axe at desktop and phone width."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.rosters.models import Assignment
from frirum.sites.models import Municipality, Site, SiteKind
from frirum.volunteers.models import Step, VolunteerPath
from tests.base import make_user
from tests.browser.conftest import assert_accessible
from tests.browser.test_contacts_browser import log_in
from tests.rosters.helpers import make_shift
from tests.volunteers.helpers import grant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _site_with_people():
    # A live-server test ends with a flush: the seeded qualifications come back first.
    importlib.import_module("frirum.volunteers.migrations.0002_defaults_and_training").seed(
        django_apps, None
    )
    site = Site.objects.create(
        code="alpha",
        name="headspace Alpha",
        kind=SiteKind.CENTRE,
        municipality=Municipality.objects.get(code="151"),
    )
    chief = make_user("chef@example.org", "Charlotte Chef")
    Membership.objects.create(user=chief, site=site, role=Role.CENTRE_CHIEF)
    volunteer = make_user("frivillig@example.org", "Frida Frivillig")
    Membership.objects.create(user=volunteer, site=site, role=Role.VOLUNTEER_COUNSELLOR)
    grant(volunteer, "approved_counsellor")
    path = VolunteerPath.objects.create(
        user=volunteer, site=site, step=Step.ACTIVE, step_on=dt.date(2025, 1, 1)
    )
    shift = make_shift(site, timezone.localdate() + dt.timedelta(days=2))
    return site, chief, volunteer, path, shift


def test_it_lets_a_volunteer_sign_up(page, live_server):
    _site, _chief, volunteer, _path, shift = _site_with_people()
    log_in(page, live_server, volunteer)
    page.goto(f"{live_server.url}/s/alpha/roster/shift/{shift.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Skriv mig på").click()
    assert "Frida Frivillig er på vagten." in page.inner_text("main")
    assert Assignment.objects.filter(shift=shift, user=volunteer).exists()
    page.get_by_role("button", name="Afgiv vagten").click()
    assert "Vagten er afgivet" in page.inner_text("main")


def test_it_shows_the_chief_the_roster_and_the_volunteer(page, phone_page, live_server):
    _site, chief, _volunteer, path, shift = _site_with_people()
    for p in (page, phone_page):
        log_in(p, live_server, chief)
        p.goto(f"{live_server.url}/s/alpha/roster/{shift.date.year}/{shift.date.month}/")
        assert "Underbemandet" in p.inner_text("main")
        assert_accessible(p)
        p.goto(f"{live_server.url}/s/alpha/volunteers/{path.pk}/")
        assert "Godkendt ungerådgiver" in p.inner_text("main")
        assert_accessible(p)
        p.goto(f"{live_server.url}/s/alpha/roster/templates/")
        assert_accessible(p)
