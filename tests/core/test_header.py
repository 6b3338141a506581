"""The design system's header for every role: the site switcher and the main menu's items, the
same in the navigation row and the mobile drawer; the error pages share its markup."""

import re

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from frirum.accounts.models import Membership, Role
from frirum.sites.models import Site, SiteKind
from tests.base import BaseTestCase


def menus(content: str) -> list[str]:
    """The two main menus (navigation row, mobile drawer) of a page."""
    return re.findall(r'<ul class="mainmenu">(.*?)</ul>\s*</nav>', content, flags=re.S)


def items(menu: str) -> list[str]:
    """Every link and submenu button text of a menu, in order."""
    found = re.findall(
        r'<(?:a|button) [^>]*class="[^"]*(?:nav-link|js-dropdown|js-menudropdown)[^"]*"[^>]*>\s*<span>([^<]*)</span>',
        menu,
    )
    return [text.strip() for text in found]


class HeaderTests(BaseTestCase):
    def menu_of(self, user, url: str) -> list[str]:
        self.login(user)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        desktop, mobile = menus(response.content.decode())
        self.assertEqual(items(desktop), items(mobile), "the drawer has the same menu")
        return items(desktop)

    def test_it_shows_a_counsellor_their_site_only(self):
        found = self.menu_of(self.volunteer_a, reverse("contacts:dashboard", args=["alpha"]))
        self.assertIn("headspace Alpha", found)
        self.assertNotIn("headspace Beta", found)
        self.assertNotIn("Ledelse", found)
        self.assertNotIn("Import", found)
        self.assertNotIn("Administration", found)

    def test_it_shows_a_peer_volunteer_the_family_site(self):
        found = self.menu_of(self.peer, reverse("family:dashboard", args=["fam"]))
        # Peer volunteers stand on Family's rosters (frirum.rosters) too.
        self.assertEqual(found, ["headspace Family Aarhus", "Vagtplan", "Mine vagter"])

    def test_it_gives_a_chief_with_several_sites_a_switcher_and_management(self):
        Membership.objects.create(user=self.chief_a, site=self.family_site, role=Role.CENTRE_CHIEF)
        found = self.menu_of(self.chief_a, reverse("accounts:team", args=["alpha"]))
        # The switcher is a submenu named after the current site, listing every site.
        self.assertEqual(found[0], "headspace Alpha")
        self.assertIn("headspace Family Aarhus", found)
        self.assertIn("Ledelse", found)
        for page in ("Team", "Ændringslog", "Slettede registreringer", "Spørgeskemaer"):
            self.assertIn(page, found)
        self.assertIn("Overblik", found)
        self.assertIn("Rapporter", found)
        self.assertNotIn("Import", found)

    def test_it_leaves_questionnaires_out_of_a_family_sites_management(self):
        Membership.objects.create(user=self.chief_a, site=self.family_site, role=Role.CENTRE_CHIEF)
        found = self.menu_of(self.chief_a, reverse("accounts:team", args=["fam"]))
        self.assertIn("Team", found)
        self.assertNotIn("Spørgeskemaer", found)

    def test_it_marks_the_page_and_opens_its_submenu_in_the_drawer(self):
        self.login(self.chief_a)
        content = self.client.get(reverse("audit:site_log", args=["alpha"])).content.decode()
        desktop, mobile = menus(content)
        self.assertIn('aria-current="page"><span>Ændringslog', desktop)
        self.assertIn('aria-controls="mobilemenu-manage"', mobile)
        self.assertRegex(mobile, r'aria-expanded="true" aria-controls="mobilemenu-manage"')
        self.assertRegex(desktop, r'aria-expanded="false" aria-controls="desktopmenu-manage"')

    def test_it_shows_a_municipality_viewer_the_reports(self):
        found = self.menu_of(self.viewer_ballerup, reverse("reports:index"))
        self.assertEqual(found, ["Overblik", "Rapporter"])

    def test_it_shows_the_secretariat_import_and_administration(self):
        found = self.menu_of(self.secretariat, reverse("reports:index"))
        for item in ("Overblik", "Rapporter", "Import", "Administration"):
            self.assertIn(item, found)

    def test_it_lists_very_many_sites_on_the_overview_instead(self):
        for number in range(14):
            Site.objects.create(
                code=f"s{number}",
                name=f"Sted {number:02}",
                kind=SiteKind.CENTRE,
                municipality=self.ballerup,
            )
        found = self.menu_of(self.secretariat, reverse("contacts:dashboard", args=["alpha"]))
        self.assertIn("headspace Alpha", found)
        self.assertNotIn("Sted 03", found)
        self.assertIn("Overblik", found)

    def test_it_loads_the_design_systems_script_from_files(self):
        self.login(self.volunteer_a)
        content = self.client.get(reverse("contacts:dashboard", args=["alpha"])).content.decode()
        self.assertIn("vendor/dkfds/js/dkfds.min.js", content)
        self.assertIn("frirum/header.js", content)
        self.assertIn('<header class="header">', content)
        self.assertIn('class="button-menu-open js-menu-open', content.replace("function-link ", ""))

    def test_it_gives_a_visitor_the_logo_and_the_language_only(self):
        content = self.client.get(reverse("accounts:login")).content.decode()
        self.assertIn('<header class="header">', content)
        self.assertIn('class="logo frirum-logo"', content)
        self.assertNotIn("mobile-drawer", content)
        self.assertIn('name="language" value="en"', content)

    def test_it_shows_a_renamed_site_in_the_menu_at_once(self):
        # The menu's markup is kept per key (frirum_nav.nav_items): a site's name is part of
        # the key, so a rename shows on the next page.
        url = reverse("contacts:dashboard", args=["alpha"])
        self.assertIn("headspace Alpha", self.menu_of(self.volunteer_a, url))
        Site.objects.filter(pk=self.site_a.pk).update(name="headspace Alfa")
        found = self.menu_of(self.volunteer_a, url)
        self.assertIn("headspace Alfa", found)
        self.assertNotIn("headspace Alpha", found)

    def test_it_shows_the_menu_in_the_chosen_language(self):
        url = reverse("accounts:team", args=["alpha"])
        self.assertIn("Ledelse", self.menu_of(self.chief_a, url))
        self.client.cookies["django_language"] = "en"
        found = self.menu_of(self.chief_a, url)
        self.assertIn("Management", found)
        self.assertNotIn("Ledelse", found)

    def test_it_gives_the_users_links_this_requests_path_and_token(self):
        # The user's links are kept per language and place (frirum_nav.header_tools): the
        # path the language switch returns to and the CSRF token are the request's own.
        self.login(self.volunteer_a)
        csrf = Client(enforce_csrf_checks=True)
        csrf.force_login(self.volunteer_a)
        for query in ("", "?q=a&b=%3Cx%3E"):
            url = reverse("contacts:youth_list", args=["alpha"]) + query
            content = csrf.get(url).content.decode()
            nexts = re.findall(r'<input name="next" type="hidden" value="([^"]*)">', content)
            self.assertEqual(nexts, [escape(url)] * 2)
            tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', content)
            self.assertEqual(len(tokens), 4)  # language and log out, in the row and the drawer
        english = csrf.post(reverse("set_language"), {"language": "en", "next": url, **{
            "csrfmiddlewaretoken": tokens[0]}})  # fmt: skip
        self.assertEqual(english.status_code, 302)
        self.assertEqual(english["Location"], url)
        logout = csrf.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": tokens[1]})
        self.assertEqual(logout.status_code, 302)

    def test_it_shows_the_users_links_in_the_chosen_language(self):
        url = reverse("contacts:dashboard", args=["alpha"])
        self.login(self.volunteer_a)
        self.assertContains(self.client.get(url), "Log ud", count=2)
        self.client.cookies["django_language"] = "en"
        content = self.client.get(url)
        self.assertContains(content, "Log out", count=2)
        self.assertContains(content, 'value="da"', count=2)

    def test_it_drops_management_when_the_chief_steps_down(self):
        url = reverse("contacts:dashboard", args=["alpha"])
        self.assertIn("Ledelse", self.menu_of(self.chief_a, url))
        Membership.objects.filter(user=self.chief_a).update(role=Role.EMPLOYED_COUNSELLOR)
        self.assertNotIn("Ledelse", self.menu_of(self.chief_a, url))

    def test_it_reads_a_counsellors_sites_once_for_the_menu_and_the_page(self):
        # The site lookup, the record check, the menu's sites, its management item and its
        # reports item answer from one read of the memberships; whether a counsellor views a
        # municipality's reports comes with the user.
        self.login(self.volunteer_a)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(reverse("contacts:dashboard", args=["alpha"]))
        membership_reads = [q for q in queries if '"accounts_membership"' in q["sql"]]
        self.assertEqual(len(membership_reads), 1, [q["sql"] for q in membership_reads])
        site_reads = [q for q in queries if q["sql"].startswith('SELECT "sites_site"')]
        self.assertEqual(site_reads, [])
        viewer_reads = [
            q for q in queries if q["sql"].startswith('SELECT 1 AS "a" FROM "accounts_munic')
        ]
        self.assertEqual(viewer_reads, [])


@override_settings(DEBUG=False)
class ErrorPageHeaderTests(BaseTestCase):
    def test_it_shares_the_headers_markup_on_an_error_page(self):
        content = self.client.get("/no-such-page/").content.decode()
        self.assertIn('<header class="header">', content)
        self.assertIn('class="logo frirum-logo"', content)
        self.assertNotIn("mobile-drawer", content)
