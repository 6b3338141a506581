"""Every record-level URL, tried from the wrong site and the wrong role: always 404."""

from frirum.contacts.models import Contact, GroupSession, Outreach
from frirum.people.models import Youth
from tests.base import BaseTestCase, make_contact, make_outreach, make_youth


class AccessMatrixTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.youth = make_youth(cls.site_a, nickname="Alfa")
        cls.contact = make_contact(cls.site_a, cls.youth, note="")
        cls.outreach = make_outreach(cls.site_a)
        cls.session = GroupSession.objects.create(site=cls.site_a, date=cls.contact.date)

    def site_urls(self):
        code, youth = self.site_a.code, self.youth.code
        return [
            f"/s/{code}/dashboard/",
            f"/s/{code}/contacts/",
            f"/s/{code}/contacts/new/",
            f"/s/{code}/contacts/new/?youth={youth}",
            f"/s/{code}/youth/",
            f"/s/{code}/youth/search/?youth_q=Alfa",
            f"/s/{code}/youth/{youth}/",
            f"/s/{code}/youth/{youth}/edit/",
            f"/s/{code}/youth/{youth}/delete/",
            f"/s/{code}/groups/new/",
            f"/s/{code}/outreach/",
            f"/s/{code}/outreach/new/",
        ]

    def record_urls(self):
        return [
            f"/contacts/{self.contact.code}/",
            f"/contacts/{self.contact.code}/edit/",
            f"/contacts/{self.contact.code}/delete/",
            f"/groups/{self.session.pk}/",
            f"/groups/{self.session.pk}/delete/",
            f"/outreach/{self.outreach.code}/edit/",
            f"/outreach/{self.outreach.code}/delete/",
        ]

    def wrong_people(self):
        return [
            self.volunteer_b,
            self.chief_b,
            self.b_seconded_municipal,
            self.viewer_ballerup,
            self.outsider,
            self.family_staff,
        ]

    def test_it_404s_every_url_for_the_wrong_site_and_role(self):
        for user in self.wrong_people():
            self.login(user)
            for url in self.site_urls() + self.record_urls():
                with self.subTest(user=user.email, url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_404s_every_write_for_the_wrong_site_and_role(self):
        for user in self.wrong_people():
            self.login(user)
            for url in self.site_urls() + self.record_urls():
                with self.subTest(user=user.email, url=url):
                    self.assertEqual(self.client.post(url, {}).status_code, 404)
        self.assertTrue(Contact.objects.filter(pk=self.contact.pk).exists())
        self.assertTrue(Outreach.objects.filter(pk=self.outreach.pk).exists())
        self.assertTrue(GroupSession.objects.filter(pk=self.session.pk).exists())
        self.assertEqual(Youth.objects.get(pk=self.youth.pk).nickname, "Alfa")

    def test_it_shows_every_url_to_the_sites_people_and_the_secretariat(self):
        for user in (self.volunteer_a, self.chief_a, self.a_seconded_psychiatry, self.secretariat):
            self.login(user)
            for url in self.site_urls() + self.record_urls():
                # Deleting is for the chief and employed counsellors (frirum.trash.access).
                expected = 403 if "/delete/" in url and user != self.chief_a else 200
                with self.subTest(user=user.email, url=url):
                    self.assertEqual(self.client.get(url).status_code, expected)

    def test_it_hides_a_young_person_from_a_site_where_they_have_no_course(self):
        self.login(self.volunteer_b)
        # Site B's own people cannot reach A's young person through B's URLs either.
        r = self.client.get(f"/s/{self.site_b.code}/youth/{self.youth.code}/")
        self.assertEqual(r.status_code, 404)
        r = self.client.get(f"/s/{self.site_b.code}/youth/?q=Alfa")
        self.assertNotContains(r, self.youth.code)
        r = self.client.get(f"/s/{self.site_b.code}/youth/search/?youth_q=Alfa")
        self.assertNotContains(r, self.youth.code)

    def test_it_shows_a_young_person_at_another_site_once_they_have_a_conversation_there(self):
        make_contact(self.site_b, self.youth)
        self.login(self.volunteer_b)
        r = self.client.get(f"/s/{self.site_b.code}/youth/{self.youth.code}/")
        self.assertEqual(r.status_code, 200)
        # Only the course at B: A's conversation stays out of sight.
        self.assertEqual(len(r.context["contacts"]), 1)
        self.assertNotContains(r, self.contact.code)

    def test_it_asks_anonymous_visitors_to_log_in(self):
        for url in self.site_urls() + self.record_urls():
            with self.subTest(url=url):
                r = self.client.get(url)
                self.assertEqual(r.status_code, 302)
                self.assertIn("/login/", r["Location"])
