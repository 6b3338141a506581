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
from frirum.volunteers.models import PathStep, Step, VolunteerPath
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


def _volunteer_with_a_year():
    """The volunteer on their way (steps and a qualification expiring soon) with attended
    shifts at Alpha and its satellite this year."""
    site, chief, volunteer, path, _shift = _site_with_people()
    satellite = Site.objects.create(
        code="alpha-sat",
        name="headspace Alpha satellit",
        kind=SiteKind.SATELLITE,
        municipality=site.municipality,
        hub=site,
    )
    Membership.objects.create(user=volunteer, site=satellite, role=Role.VOLUNTEER_COUNSELLOR)
    for step, on in ((Step.APPLICATION, dt.date(2024, 9, 1)), (Step.ACTIVE, dt.date(2025, 1, 1))):
        PathStep.objects.create(path=path, step=step, on=on)
    grant(volunteer, "chat_counsellor", expires_on=timezone.localdate() + dt.timedelta(days=20))
    year_start = dt.date(timezone.localdate().year, 1, 1)
    for where, day in ((site, 5), (satellite, 6)):
        shift = make_shift(where, year_start + dt.timedelta(days=day))
        Assignment.objects.create(shift=shift, user=volunteer, attended=True)
    return chief, volunteer


def test_it_shows_the_volunteer_their_path_and_hours(page, phone_page, live_server):
    """At 1280 and 375 px: /roster/mine/ with the path and qualifications, the volunteer's
    own hours, and the chief's hours across their sites."""
    chief, volunteer = _volunteer_with_a_year()
    page.set_viewport_size({"width": 1280, "height": 800})
    for p in (page, phone_page):
        log_in(p, live_server, volunteer)
        p.goto(f"{live_server.url}/roster/mine/")
        main = p.inner_text("main")
        assert "Mit forløb som frivillig" in main
        assert "Godkendt ungerådgiver" in main
        assert "Snart" in main
        assert_accessible(p)
        p.get_by_role("link", name="Mine timer").click()
        p.wait_for_url("**/roster/mine/hours/")
        main = p.inner_text("main")
        assert "headspace Alpha satellit" in main
        assert "Fremmødte timer" in main
        assert_accessible(p)
        # The chief's hours across the hub and its satellite: one person, two sites.
        p.context.clear_cookies()
        log_in(p, live_server, chief)
        p.goto(f"{live_server.url}/roster/hours/")
        main = p.inner_text("main")
        assert "Timer på tværs af mine steder" in main
        assert "Frida Frivillig" in main
        assert "headspace Alpha satellit" in main
        assert_accessible(p)
