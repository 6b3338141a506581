"""The Family workspace's pages are served from the site's cache (frirum/audit/fragments.py)
until something changes at the site."""

import datetime as dt

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.audit.fragments import CSRF_SLOT
from frirum.family import actions
from frirum.family.views import PAGE_SIZE
from frirum.sites.models import Site, SiteKind
from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, make_user, term
from tests.family.helpers import make_conversation, make_group, make_inquiry, make_relative

PAGES = {
    "dashboard": "/s/fam/family/",
    "conversations": "/s/fam/family/conversations/",
    "relatives": "/s/fam/family/relatives/",
    "groups": "/s/fam/family/groups/",
    "inquiries": "/s/fam/family/inquiries/",
}
# A context key only the cached part's rendering sets: absent when the part came from the cache.
BODY_KEYS = {
    "dashboard": "this_week",
    "conversations": "conversations",
    "relatives": "relatives",
    "groups": "groups",
    "inquiries": "inquiries",
}
# A column heading inside each cached part, in Danish and in English.
HEADINGS = {
    "dashboard": ("Pårørende til stede", "Relatives present"),
    "conversations": ("Pårørende til stede", "Relatives present"),
    "relatives": ("Fornavn eller betegnelse", "First name or label"),
    "groups": ("Ung", "Young person"),
    "inquiries": ("Førte til", "Led to"),
}


class FamilyFragmentCacheTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_family = Site.objects.create(
            code="fam2",
            name="headspace Family Holbæk",
            kind=SiteKind.FAMILY,
            municipality=cls.copenhagen,
        )
        cls.other_staff = make_user("fam2.staff@example.org", "Anden Family")
        Membership.objects.create(
            user=cls.other_staff, site=cls.other_family, role=Role.EMPLOYED_COUNSELLOR
        )
        cls.today = timezone.localdate()
        cls.group = make_group(cls.family_site, label="Tirsdag")
        cls.relative = make_relative(cls.family_site, label="Ranunkel", family_group=cls.group)
        cls.conversation = make_conversation(
            cls.family_site, [cls.relative], cls.today, family_group=cls.group
        )
        cls.inquiry = make_inquiry(cls.family_site, date=cls.today)

    def setUp(self):
        super().setUp()
        self.login(self.family_staff)

    def queries_for(self, url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(ctx.captured_queries)

    def view_every_page(self) -> None:
        for url in PAGES.values():
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_it_serves_the_second_view_of_each_page_from_the_cache(self):
        for name, url in PAGES.items():
            with self.subTest(page=name):
                first = self.queries_for(url)
                self.assertLess(self.queries_for(url), first)
                second = self.client.get(url)
                self.assertNotIn(BODY_KEYS[name], second.context)
                self.assertContains(second, HEADINGS[name][0])

    def test_it_shows_a_registered_conversation_at_once(self):
        self.view_every_page()
        actions.create_family_conversation(
            actor=self.family_staff,
            site=self.family_site,
            details=actions.ConversationDetails(
                date=self.today,
                kind="relative",
                new_relatives=[
                    actions.NewRelative(
                        relation=term(Vocabulary.RELATION, "parent"), label="Valmue"
                    )
                ],
            ),
        )
        for name in ("dashboard", "conversations", "relatives"):
            with self.subTest(page=name):
                self.assertContains(self.client.get(PAGES[name]), "Valmue")

    def test_it_shows_a_changed_relative_at_once(self):
        self.view_every_page()
        actions.update_relative(
            actor=self.family_staff,
            relative=self.relative,
            site=self.family_site,
            relation=self.relative.relation,
            label="Kornblomst",
            family_group=self.group,
        )
        for name in ("dashboard", "conversations", "relatives", "groups"):
            with self.subTest(page=name):
                response = self.client.get(PAGES[name])
                self.assertContains(response, "Kornblomst")
                self.assertNotContains(response, "Ranunkel")

    def test_it_shows_a_new_family_group_at_once(self):
        self.assertContains(self.client.get(PAGES["groups"]), "Tirsdag")
        actions.create_family_group(actor=self.family_staff, site=self.family_site, label="Onsdag")
        self.assertContains(self.client.get(PAGES["groups"]), "Onsdag")

    def test_it_shows_a_registered_and_a_deleted_inquiry_at_once(self):
        old_link = reverse("family:inquiry_edit", args=[self.inquiry.code])
        self.assertContains(self.client.get(PAGES["inquiries"]), old_link)
        self.assertEqual(self.client.get(PAGES["dashboard"]).status_code, 200)
        inquiry = actions.create_inquiry(
            actor=self.family_staff,
            site=self.family_site,
            details=actions.InquiryDetails(
                date=self.today,
                relation=term(Vocabulary.RELATION, "parent"),
                reason="family_matters",
            ),
        )
        new_link = reverse("family:inquiry_edit", args=[inquiry.code])
        self.assertContains(self.client.get(PAGES["inquiries"]), new_link)
        self.assertEqual(self.client.get(PAGES["dashboard"]).context["week_inquiries"], 2)
        actions.delete_inquiry(actor=self.family_staff, inquiry=self.inquiry)
        response = self.client.get(PAGES["inquiries"])
        self.assertContains(response, new_link)
        self.assertNotContains(response, old_link)

    def test_it_counts_a_followed_up_bridging_at_once(self):
        bridging = make_conversation(
            self.family_site,
            [self.relative],
            self.today,
            bridged=True,
            bridged_for="youth",
            bridging_methods=["made_aware"],
            bridging_destinations=["headspace_centre"],
        )
        self.assertEqual(len(self.client.get(PAGES["dashboard"]).context["open_bridgings"]), 1)
        actions.mark_bridging_followed_up(actor=self.family_staff, conversation=bridging)
        response = self.client.get(PAGES["dashboard"])
        self.assertEqual(response.context["open_bridgings"], [])
        self.assertContains(response, "Ingen åbne brobygninger")

    def test_it_keeps_the_staffs_follow_up_buttons_out_of_the_cache(self):
        bridging = make_conversation(
            self.family_site, [self.relative], self.today, bridged=True, bridged_for="youth"
        )
        button = reverse("family:bridging_followed_up", args=[bridging.code])
        self.login(self.peer)
        self.assertNotContains(self.client.get(PAGES["dashboard"]), button)
        self.login(self.family_staff)
        self.assertContains(self.client.get(PAGES["dashboard"]), button)
        response = self.client.get(PAGES["dashboard"])
        self.assertNotIn("this_week", response.context)
        self.assertContains(response, button)
        self.login(self.peer)
        self.assertNotContains(self.client.get(PAGES["dashboard"]), button)

    def test_it_puts_the_users_own_csrf_token_in_a_kept_follow_up_button(self):
        bridging = make_conversation(
            self.family_site, [self.relative], self.today, bridged=True, bridged_for="youth"
        )
        self.client.get(PAGES["dashboard"])  # kept now, rendered for another session
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.family_staff)
        page = client.get(PAGES["dashboard"])
        self.assertNotIn("this_week", page.context)
        self.assertNotContains(page, CSRF_SLOT)
        button = reverse("family:bridging_followed_up", args=[bridging.code])
        form = page.content.decode().split(f'action="{button}"', 1)[1]
        token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        answer = client.post(button, {"csrfmiddlewaretoken": token})
        self.assertEqual(answer.status_code, 302)
        bridging.refresh_from_db()
        self.assertIsNotNone(bridging.bridging_followed_up_at)

    def test_it_keeps_years_and_pages_apart(self):
        earlier = make_conversation(self.family_site, date=dt.date(self.today.year - 1, 3, 4))
        link = reverse("family:conversation_detail", args=[earlier.code])
        self.assertContains(self.client.get(PAGES["conversations"]), link)
        this_year = self.client.get(PAGES["conversations"], {"year": str(self.today.year)})
        self.assertNotContains(this_year, link)
        # Another spelling of the same year is served the same part.
        spelled = self.client.get(PAGES["conversations"], {"year": f" {self.today.year} "})
        self.assertNotIn("conversations", spelled.context)
        self.assertNotContains(spelled, link)
        for _ in range(PAGE_SIZE):
            make_relative(self.family_site)
        self.assertNotContains(self.client.get(PAGES["relatives"]), "Ranunkel")
        self.assertContains(self.client.get(PAGES["relatives"], {"page": "2"}), "Ranunkel")

    def test_it_refuses_another_sites_users_after_caching(self):
        self.view_every_page()
        for user in (self.other_staff, self.volunteer_a):
            self.login(user)
            for name, url in PAGES.items():
                with self.subTest(user=user.email, page=name):
                    self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_keeps_sites_apart(self):
        make_relative(self.other_family, label="Solsikke")
        self.view_every_page()
        self.login(self.other_staff)
        response = self.client.get("/s/fam2/family/relatives/")
        self.assertContains(response, "Solsikke")
        self.assertNotContains(response, "Ranunkel")

    def test_it_keeps_languages_apart(self):
        for name, url in PAGES.items():
            with self.subTest(page=name):
                self.client.cookies.load({"django_language": "da"})
                danish, english = HEADINGS[name]
                self.assertContains(self.client.get(url), f'<th scope="col">{danish}</th>')
                self.client.cookies.load({"django_language": "en"})
                response = self.client.get(url)
                self.assertContains(response, f'<th scope="col">{english}</th>')
                self.assertNotContains(response, f'<th scope="col">{danish}</th>')

    def test_it_renders_every_time_when_turned_off(self):
        with override_settings(FRIRUM_SITE_CACHE_SECONDS=0, FRIRUM_REPORT_CACHE_SECONDS=0):
            for name, url in PAGES.items():
                with self.subTest(page=name):
                    self.assertEqual(self.queries_for(url), self.queries_for(url))
                    self.assertIn(BODY_KEYS[name], self.client.get(url).context)
