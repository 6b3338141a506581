import datetime as dt
from unittest import mock

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from frirum.family.models import FamilyConversation
from frirum.sites.models import Site, SiteKind
from tests.base import BaseTestCase, make_contact, term
from tests.family.helpers import count_queries, make_conversation, make_relative

TODAY = dt.date(2025, 6, 11)  # a Wednesday


class DashboardTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.url = reverse("family:dashboard", args=["fam"])
        cls.aarhus_centre = Site.objects.create(
            code="aarhus", name="headspace Aarhus", kind="centre", municipality=cls.aarhus
        )

    def setUp(self):
        self.login(self.family_staff)
        patcher = mock.patch.object(timezone, "localdate", return_value=TODAY)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_it_is_empty_for_a_new_site(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ingen Family-samtaler i denne uge endnu")
        self.assertContains(response, "Ingen åbne brobygninger")
        self.assertEqual(response.context["week_total"], 0)
        self.assertIsNone(response.context["week_peer_share"])

    def test_it_shows_this_weeks_conversations_and_peer_share(self):
        mum = make_relative(self.family_site, label="Mor")
        make_conversation(
            self.family_site,
            [mum],
            dt.date(2025, 6, 9),
            peer_volunteer=self.peer,
            peer_volunteer_present=True,
        )
        make_conversation(self.family_site, [mum], dt.date(2025, 6, 10))
        make_conversation(self.family_site, [mum], dt.date(2025, 6, 1))  # last week
        response = self.client.get(self.url)
        self.assertEqual(response.context["week_total"], 2)
        self.assertEqual(response.context["week_with_peer"], 1)
        self.assertEqual(response.context["week_peer_share"], 0.5)
        self.assertEqual(len(response.context["this_week"]), 2)
        self.assertContains(response, "50 %")

    def test_it_lists_open_bridgings_until_followed_up(self):
        conversation = make_conversation(
            self.family_site,
            date=dt.date(2025, 5, 2),
            bridged=True,
            bridged_for="youth",
            bridging_methods=["made_aware"],
            bridging_destinations=["headspace_centre"],
        )
        response = self.client.get(self.url)
        self.assertEqual(response.context["open_bridgings"], [conversation])
        self.assertContains(response, "headspace-center")
        url = reverse("family:bridging_followed_up", args=[conversation.code])
        self.assertRedirects(self.client.post(url), self.url)
        conversation.refresh_from_db()
        self.assertIsNotNone(conversation.bridging_followed_up_at)
        response = self.client.get(self.url)  # kept since the redirect's check rendered it
        self.assertNotContains(response, url)
        self.assertContains(response, "Ingen åbne brobygninger")

    def test_it_does_not_list_imported_bridgings_as_open(self):
        from frirum.interchange.models import ImportBatch

        batch = ImportBatch.objects.create(**_batch_fields())
        make_conversation(self.family_site, bridged=True, bridged_for="family", import_batch=batch)
        self.assertEqual(self.client.get(self.url).context["open_bridgings"], [])

    def test_it_refuses_to_follow_up_a_conversation_without_bridging(self):
        conversation = make_conversation(self.family_site)
        url = reverse("family:bridging_followed_up", args=[conversation.code])
        response = self.client.post(url, follow=True)
        self.assertContains(response, "Denne samtale har ingen brobygning")
        self.assertEqual(self.client.get(url).status_code, 405)

    def test_it_counts_young_peoples_conversations_with_a_relative_present(self):
        parent = term("relation", "parent")
        for _ in range(6):
            make_contact(self.aarhus_centre, date=dt.date(2025, 2, 1), relative_present=parent)
        make_contact(
            self.aarhus_centre,
            date=dt.date(2025, 2, 1),
            relative_present=term("relation", "sibling"),
        )
        for _ in range(3):
            make_contact(self.site_b, date=dt.date(2025, 2, 1), relative_present=parent)
        make_contact(self.aarhus_centre, date=dt.date(2024, 2, 1), relative_present=parent)
        make_contact(self.aarhus_centre, date=dt.date(2025, 2, 1))
        response = self.client.get(self.url)
        rows = {row["relation"].code: row for row in response.context["relative_rows"]}
        self.assertEqual(rows["parent"]["local"], 6)
        self.assertEqual(rows["parent"]["national"], 9)
        # One sibling: too few to show, and never the record itself.
        self.assertEqual(rows["sibling"]["local"], "færre end 5")
        self.assertEqual(rows["grandparent"]["local"], 0)
        self.assertEqual(response.context["relative_totals"]["local"], 7)
        self.assertNotContains(response, "/contacts/")

    def test_it_counts_a_centres_new_conversation_with_a_relative_present_at_once(self):
        parent = term("relation", "parent")
        for _ in range(5):
            make_contact(self.aarhus_centre, date=dt.date(2025, 2, 1), relative_present=parent)

        def row(local: int, national: int) -> str:
            return (
                f'<tr><th scope="row">{parent.label}</th><td class="align-text-right">{local}'
                f'</td><td class="align-text-right">{national}</td></tr>'
            )

        self.assertContains(self.client.get(self.url), row(5, 5), html=True)
        self.assertContains(self.client.get(self.url), row(5, 5), html=True)  # kept
        make_contact(self.site_b, date=dt.date(2025, 2, 1), relative_present=parent)
        self.assertContains(self.client.get(self.url), row(5, 6), html=True)

    # The rendering's own queries, the relative-present figures computed too.
    @override_settings(FRIRUM_SITE_CACHE_SECONDS=0, FRIRUM_REPORT_CACHE_SECONDS=0)
    def test_it_answers_in_a_fixed_number_of_queries(self):
        def fill(n):
            for _ in range(n):
                relatives = [make_relative(self.family_site), make_relative(self.family_site)]
                make_conversation(
                    self.family_site,
                    relatives,
                    dt.date(2025, 6, 9),
                    themes=["emotional"],
                    counsellor=self.family_staff,
                    bridged=True,
                    bridged_for="relative",
                    bridging_methods=["made_aware"],
                    bridging_destinations=["gp"],
                )

        fill(1)
        self.client.get(self.url)  # warm the session and the language
        baseline = count_queries(self.client, self.url)
        fill(15)
        with self.assertNumQueries(baseline):
            response = self.client.get(self.url)
        self.assertEqual(response.context["week_total"], 16)


def _batch_fields() -> dict:
    return {"fingerprint": "f" * 64, "source_name": "earlier-system.zip"}


class PeerVolunteerWeeksTestCase(BaseTestCase):
    def test_it_gives_twelve_weeks_oldest_first_with_empty_weeks(self):
        from frirum.family.selectors import peer_volunteer_weeks

        mum = make_relative(self.family_site)
        make_conversation(self.family_site, [mum], dt.date(2025, 6, 9), peer_volunteer_present=True)
        make_conversation(self.family_site, [mum], dt.date(2025, 6, 11))
        make_conversation(
            self.family_site, [mum], dt.date(2025, 3, 24), peer_volunteer_present=True
        )
        make_conversation(
            self.family_site, [mum], dt.date(2025, 3, 23)
        )  # the week before the twelve
        make_conversation(self.family_site, [mum], dt.date(2025, 6, 12))  # after today
        weeks = peer_volunteer_weeks(self.family_site, today=TODAY)
        self.assertEqual(len(weeks), 12)
        self.assertEqual(weeks[0]["start"], dt.date(2025, 3, 24))
        self.assertEqual(weeks[-1]["start"], dt.date(2025, 6, 9))
        self.assertEqual((weeks[-1]["total"], weeks[-1]["with_peer"]), (2, 1))
        self.assertEqual(weeks[-1]["share"], 0.5)
        self.assertEqual((weeks[0]["total"], weeks[0]["share"]), (1, 1.0))
        self.assertEqual([w["total"] for w in weeks[1:-1]], [0] * 10)
        self.assertIsNone(weeks[1]["share"])

    def test_it_counts_only_the_site(self):
        from frirum.family.selectors import peer_volunteer_weeks

        other = Site.objects.create(
            code="fam2", name="Family 2", kind=SiteKind.FAMILY, municipality=self.copenhagen
        )
        make_conversation(other, date=dt.date(2025, 6, 9), peer_volunteer_present=True)
        weeks = peer_volunteer_weeks(self.family_site, today=TODAY)
        self.assertEqual(sum(w["total"] for w in weeks), 0)
        self.assertEqual(FamilyConversation.objects.count(), 1)
