from frirum.accounts.models import Membership, Role
from tests.base import BaseTestCase


class HomeTestCase(BaseTestCase):
    def test_it_asks_anonymous_visitors_to_log_in(self):
        r = self.client.get("/")
        self.assertRedirects(r, "/login/?next=/", fetch_redirect_response=False)

    def test_it_lists_every_site_for_the_secretariat(self):
        self.login(self.secretariat)
        r = self.client.get("/")
        self.assertEqual(r.status_code, 200)
        for site in (self.site_a, self.site_b, self.chat, self.family_site):
            self.assertContains(r, site.name)

    def test_it_lists_only_own_sites_for_a_member_of_two(self):
        Membership.objects.create(
            user=self.volunteer_a, site=self.satellite_a, role=Role.VOLUNTEER_COUNSELLOR
        )
        self.login(self.volunteer_a)
        r = self.client.get("/")
        self.assertContains(r, self.satellite_a.name)
        self.assertNotContains(r, self.site_b.name)

    def test_it_tells_a_user_without_sites_what_to_do(self):
        self.login(self.outsider)
        r = self.client.get("/")
        self.assertContains(r, "ikke knyttet")
