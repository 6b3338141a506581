import datetime as dt

from django.test import override_settings
from django.urls import reverse

from tests.base import BaseTestCase
from tests.family.helpers import count_queries, make_conversation, make_relative


class ConversationListTestCase(BaseTestCase):
    def setUp(self):
        self.login(self.family_staff)
        self.url = reverse("family:conversation_list", args=["fam"])

    def test_it_lists_newest_first_with_first_meetings(self):
        mum = make_relative(self.family_site, label="Mor")
        first = make_conversation(self.family_site, [mum], dt.date(2024, 11, 1))
        second = make_conversation(self.family_site, [mum], dt.date(2025, 2, 1))
        response = self.client.get(self.url)
        conversations = list(response.context["conversations"])
        self.assertEqual(conversations, [second, first])
        self.assertEqual([c.is_first_meeting for c in conversations], [False, True])
        self.assertEqual(response.context["years"], [2025, 2024])

    def test_it_filters_by_year(self):
        make_conversation(self.family_site, date=dt.date(2024, 11, 1))
        this = make_conversation(self.family_site, date=dt.date(2025, 2, 1))
        response = self.client.get(self.url, {"year": "2025"})
        self.assertEqual(list(response.context["conversations"]), [this])

    @override_settings(FRIRUM_SITE_CACHE_SECONDS=0)  # the rendering's own queries
    def test_it_answers_in_a_fixed_number_of_queries(self):
        make_conversation(self.family_site, themes=["emotional"], counsellor=self.family_staff)
        self.client.get(self.url)
        baseline = count_queries(self.client, self.url)
        for i in range(30):
            make_conversation(
                self.family_site,
                [make_relative(self.family_site), make_relative(self.family_site)],
                dt.date(2025, 1, 1 + i % 28),
                themes=["emotional", "parenting"],
                counsellor=self.family_staff,
                peer_volunteer=self.peer,
                peer_volunteer_present=True,
            )
        with self.assertNumQueries(baseline):
            response = self.client.get(self.url)
        self.assertEqual(len(response.context["conversations"]), 31)

    def test_it_pages_a_large_list(self):
        mum = make_relative(self.family_site)
        for i in range(55):
            make_conversation(self.family_site, [mum], dt.date(2025, 1, 1) + dt.timedelta(days=i))
        response = self.client.get(self.url)
        self.assertEqual(len(response.context["conversations"]), 50)
        response = self.client.get(self.url, {"page": "2"})
        self.assertEqual(len(response.context["conversations"]), 5)
        self.assertTrue(list(response.context["conversations"])[-1].is_first_meeting)


class LanguageTestCase(BaseTestCase):
    def test_it_speaks_danish_by_default_and_english_on_request(self):
        self.login(self.family_staff)
        url = reverse("family:dashboard", args=["fam"])
        self.assertContains(self.client.get(url), "Registrér en Family-samtale")
        self.client.post("/i18n/setlang/", {"language": "en", "next": url})
        response = self.client.get(url)
        self.assertContains(response, "Register a family conversation")
        self.assertContains(response, "Open bridgings")


class PeerVolunteerPageTestCase(BaseTestCase):
    def test_it_counts_each_peer_volunteers_conversations_this_year(self):
        from django.utils import timezone

        today = timezone.localdate()
        make_conversation(
            self.family_site, date=today, peer_volunteer=self.peer, peer_volunteer_present=True
        )
        make_conversation(self.family_site, date=today, peer_volunteer_present=True)
        make_conversation(self.family_site, date=today)
        self.login(self.family_staff)
        response = self.client.get(reverse("family:peer_volunteers", args=["fam"]))
        self.assertEqual(response.context["peers"], [(self.peer, 1)])
        self.assertEqual(response.context["year_with_peer"], 2)
        self.assertEqual(response.context["year_unnamed"], 1)
        self.assertAlmostEqual(response.context["year_share"], 2 / 3)
        self.assertContains(response, "67 %")
