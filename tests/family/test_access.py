"""Every Family URL from the wrong site and the wrong role: 404, never a record."""

import datetime as dt

from django.urls import reverse

from frirum.accounts.models import Membership, Role
from frirum.sites.models import Site, SiteKind
from tests.base import BaseTestCase, make_user
from tests.family.helpers import make_conversation, make_group, make_inquiry, make_relative


class FamilyAccessTestCase(BaseTestCase):
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
        cls.group = make_group(cls.family_site, label="Tirsdag")
        cls.relative = make_relative(cls.family_site, family_group=cls.group)
        cls.conversation = make_conversation(
            cls.family_site,
            [cls.relative],
            dt.date(2025, 3, 4),
            family_group=cls.group,
            bridged=True,
            bridged_for="youth",
        )
        cls.inquiry = make_inquiry(cls.family_site)

    def site_urls(self, code: str) -> list[str]:
        names = [
            "dashboard",
            "peer_volunteers",
            "conversation_list",
            "conversation_create",
            "relative_list",
            "relative_create",
            "relative_search",
            "group_list",
            "group_create",
            "inquiry_list",
            "inquiry_create",
        ]
        return [reverse(f"family:{name}", args=[code]) for name in names]

    def record_urls(self) -> list[str]:
        c, r, g, i = self.conversation, self.relative, self.group, self.inquiry
        return [
            reverse("family:conversation_detail", args=[c.code]),
            reverse("family:conversation_edit", args=[c.code]),
            reverse("family:conversation_delete", args=[c.code]),
            reverse("family:relative_detail", args=[r.code]),
            reverse("family:relative_edit", args=[r.code]),
            reverse("family:group_detail", args=[g.code]),
            reverse("family:group_edit", args=[g.code]),
            reverse("family:inquiry_edit", args=[i.code]),
            reverse("family:inquiry_delete", args=[i.code]),
            f"{reverse('family:conversation_create', args=['fam'])}?group={g.code}",
            f"{reverse('family:relative_create', args=['fam'])}?group={g.code}",
        ]

    def all_urls(self) -> list[str]:
        return self.site_urls("fam") + self.record_urls()

    def assert_status(self, user, urls, status):
        self.login(user)
        for url in urls:
            with self.subTest(user=user.email, url=url):
                self.assertEqual(self.client.get(url).status_code, status)

    def test_it_serves_every_url_to_the_sites_staff(self):
        self.assert_status(self.family_staff, self.all_urls(), 200)

    def test_it_serves_every_url_to_the_secretariat(self):
        # The secretariat restores deletions (frirum.trash) but deletes nothing itself.
        urls = self.all_urls()
        self.assert_status(self.secretariat, [u for u in urls if "/delete/" not in u], 200)
        self.assert_status(self.secretariat, [u for u in urls if "/delete/" in u], 403)

    def test_it_refuses_another_family_sites_staff(self):
        self.assert_status(self.other_staff, self.all_urls(), 404)

    def test_it_refuses_centre_staff_in_every_role(self):
        for role in Role:
            self.assert_status(getattr(self, f"a_{role.value}"), self.all_urls(), 404)

    def test_it_refuses_a_municipality_viewer(self):
        # Aarhus' viewer would see Aarhus' reports, never a Family record.
        from frirum.accounts.models import MunicipalityViewer

        viewer = make_user("kommune@aarhus.example.org", "Aarhus Kommune")
        MunicipalityViewer.objects.create(user=viewer, municipality=self.aarhus)
        self.assert_status(viewer, self.all_urls(), 404)

    def test_it_refuses_a_user_without_a_site(self):
        self.assert_status(self.outsider, self.all_urls(), 404)

    def test_it_serves_centre_staff_who_also_belong_to_the_family_site(self):
        Membership.objects.create(
            user=self.volunteer_a, site=self.family_site, role=Role.VOLUNTEER_COUNSELLOR
        )
        urls = self.all_urls()
        self.assert_status(self.volunteer_a, [u for u in urls if "/delete/" not in u], 200)
        # A volunteer deletes nothing unless the chief lets every counsellor (frirum.trash).
        self.assert_status(self.volunteer_a, [u for u in urls if "/delete/" in u], 403)

    def test_it_refuses_an_ended_membership(self):
        Membership.objects.filter(user=self.family_staff).update(is_active=False)
        self.assert_status(self.family_staff, self.all_urls(), 404)

    def test_it_sends_anonymous_visitors_to_the_login(self):
        for url in self.all_urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("/login/", response["Location"])

    def test_it_has_no_family_pages_for_a_centre(self):
        self.assert_status(self.chief_a, self.site_urls("alpha"), 404)
        self.assert_status(self.secretariat, self.site_urls("alpha"), 404)
        self.assert_status(self.secretariat, self.site_urls("no-such-site"), 404)

    def test_it_keeps_peer_volunteers_from_deleting(self):
        self.login(self.peer)
        for url in (
            reverse("family:conversation_delete", args=[self.conversation.code]),
            reverse("family:inquiry_delete", args=[self.inquiry.code]),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
                self.assertEqual(self.client.post(url).status_code, 404)
        url = reverse("family:bridging_followed_up", args=[self.conversation.code])
        self.assertEqual(self.client.post(url).status_code, 404)
        self.conversation.refresh_from_db()
        self.assertIsNone(self.conversation.bridging_followed_up_at)

    def test_it_lets_peer_volunteers_read_and_register(self):
        urls = [u for u in self.all_urls() if "/delete/" not in u]
        self.assert_status(self.peer, urls, 200)

    def test_it_refuses_writes_from_the_wrong_site(self):
        self.login(self.other_staff)
        posts = [
            reverse("family:conversation_edit", args=[self.conversation.code]),
            reverse("family:conversation_delete", args=[self.conversation.code]),
            reverse("family:bridging_followed_up", args=[self.conversation.code]),
            reverse("family:relative_edit", args=[self.relative.code]),
            reverse("family:group_edit", args=[self.group.code]),
            reverse("family:inquiry_edit", args=[self.inquiry.code]),
            reverse("family:inquiry_delete", args=[self.inquiry.code]),
            reverse("family:conversation_create", args=["fam"]),
            reverse("family:inquiry_create", args=["fam"]),
        ]
        for url in posts:
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, {"label": "x"}).status_code, 404)
        self.assertTrue(type(self.conversation).objects.filter(pk=self.conversation.pk).exists())

    def test_it_hides_a_group_of_another_site_behind_the_group_parameter(self):
        group = make_group(self.other_family)
        self.login(self.family_staff)
        url = reverse("family:conversation_create", args=["fam"])
        self.assertEqual(self.client.get(f"{url}?group={group.code}").status_code, 404)
