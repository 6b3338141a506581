import datetime as dt

from django.test import override_settings
from django.urls import reverse

from frirum.family import selectors
from frirum.family.models import Relative
from frirum.sites.models import Site, SiteKind
from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, term
from tests.family.helpers import count_queries, make_conversation, make_group, make_relative


class RelativeTestCase(BaseTestCase):
    def setUp(self):
        self.login(self.family_staff)

    def test_it_registers_a_relative_with_a_pseudonym(self):
        url = reverse("family:relative_create", args=["fam"])
        response = self.client.post(
            url, {"relation": term(Vocabulary.RELATION, "grandparent").pk, "label": "Farmor"}
        )
        relative = Relative.objects.get()
        self.assertRedirects(response, reverse("family:relative_detail", args=[relative.code]))
        self.assertRegex(relative.code, r"^P-[2-9A-Z]{4}-[2-9A-Z]{4}$")
        self.assertEqual(relative.registered_at_site, self.family_site)

    def test_it_refuses_a_cpr_number_and_keeps_the_input(self):
        url = reverse("family:relative_create", args=["fam"])
        response = self.client.post(
            url, {"relation": term(Vocabulary.RELATION, "parent").pk, "label": "010203-1234"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("label", response.context["form"].errors)
        self.assertContains(response, 'value="010203-1234"')
        self.assertFalse(Relative.objects.exists())

    def test_it_requires_a_relation(self):
        url = reverse("family:relative_create", args=["fam"])
        response = self.client.post(url, {"label": "Mor"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Relative.objects.exists())

    def test_it_edits_relation_label_and_group(self):
        group = make_group(self.family_site)
        relative = make_relative(self.family_site)
        url = reverse("family:relative_edit", args=[relative.code])
        response = self.client.post(
            url,
            {
                "relation": term(Vocabulary.RELATION, "other_adult").pk,
                "label": "Onkel",
                "family_group": group.pk,
            },
        )
        self.assertEqual(response.status_code, 302)
        relative.refresh_from_db()
        self.assertEqual(relative.relation.code, "other_adult")
        self.assertEqual(relative.family_group, group)

    def test_it_refuses_a_group_of_another_site(self):
        other = Site.objects.create(
            code="fam2", name="Family 2", kind=SiteKind.FAMILY, municipality=self.copenhagen
        )
        group = make_group(other)
        relative = make_relative(self.family_site)
        url = reverse("family:relative_edit", args=[relative.code])
        response = self.client.post(
            url, {"relation": relative.relation.pk, "family_group": group.pk}
        )
        self.assertEqual(response.status_code, 200)
        relative.refresh_from_db()
        self.assertIsNone(relative.family_group)

    def test_it_shows_only_conversations_at_sites_the_user_may_read(self):
        other = Site.objects.create(
            code="fam2", name="Family 2", kind=SiteKind.FAMILY, municipality=self.copenhagen
        )
        relative = make_relative(self.family_site)
        mine = make_conversation(self.family_site, [relative], dt.date(2025, 2, 1))
        make_conversation(other, [relative], dt.date(2025, 1, 1))
        response = self.client.get(reverse("family:relative_detail", args=[relative.code]))
        self.assertEqual(list(response.context["conversations"]), [mine])
        # Still not the first meeting: that one was at the other site.
        self.assertFalse(response.context["conversations"][0].is_first_meeting)

    def test_it_reaches_an_imported_relative_through_its_conversations(self):
        relative = make_relative(None)
        make_conversation(self.family_site, [relative])
        url = reverse("family:relative_detail", args=[relative.code])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.get(url + "edit/").status_code, 200)

    @override_settings(FRIRUM_SITE_CACHE_SECONDS=0)  # the rendering's own queries
    def test_its_list_answers_in_a_fixed_number_of_queries(self):
        url = reverse("family:relative_list", args=["fam"])
        group = make_group(self.family_site)
        make_relative(self.family_site, family_group=group)
        self.client.get(url)
        baseline = count_queries(self.client, url)
        for _ in range(10):
            make_conversation(self.family_site, [make_relative(None, family_group=group)])
        with self.assertNumQueries(baseline):
            response = self.client.get(url)
        self.assertEqual(len(response.context["relatives"]), 11)

    def test_it_pages_the_sites_relatives_newest_first_whichever_way_they_belong(self):
        other = Site.objects.create(
            code="fam2", name="Family 2", kind=SiteKind.FAMILY, municipality=self.copenhagen
        )
        group, other_group = make_group(self.family_site), make_group(other)
        for i in range(12):
            way = i % 4
            relative = make_relative(self.family_site if way == 0 else None)
            if way == 1:
                relative.family_group = group
                relative.save(update_fields=["family_group"])
            elif way == 2:
                # Also at the other site: listed once.
                make_conversation(self.family_site, [relative])
                make_conversation(other, [relative])
            make_relative(other, family_group=other_group)
        make_conversation(other, [make_relative(None)])
        expected = list(selectors.site_relatives(self.family_site).order_by("-created_at", "-id"))
        self.assertEqual(len(expected), 9)
        pages = [
            selectors.site_relatives_page(self.family_site, offset=offset, limit=4)
            for offset in (0, 4, 8, 12)
        ]
        self.assertEqual([len(page) for page in pages], [4, 4, 1, 0])
        self.assertEqual([r for page in pages for r in page], expected)
        self.assertEqual(
            [r.conversation_count for r in pages[0]],
            [r.conversations.count() for r in expected[:4]],
        )

    def test_it_lists_nothing_for_an_empty_site(self):
        response = self.client.get(reverse("family:relative_list", args=["fam"]))
        self.assertContains(response, "Ingen pårørende registreret endnu")
