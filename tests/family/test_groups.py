import datetime as dt

from django.test import override_settings
from django.urls import reverse

from frirum.audit.models import AuditEntry
from frirum.family.models import FamilyGroup, Relative
from frirum.people.models import Youth
from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, make_youth, term
from tests.family.helpers import count_queries, make_conversation, make_group, make_relative


def new_rows(*rows) -> dict:
    data = {"new-TOTAL_FORMS": "3", "new-INITIAL_FORMS": "0"}
    for i in range(3):
        relation, label = rows[i] if i < len(rows) else (None, "")
        data[f"new-{i}-relation"] = str(relation.pk) if relation else ""
        data[f"new-{i}-label"] = label
    return data


class GroupCreateTestCase(BaseTestCase):
    def setUp(self):
        self.login(self.family_staff)
        self.url = reverse("family:group_create", args=["fam"])
        self.parent = term(Vocabulary.RELATION, "parent")

    def test_it_creates_a_group_with_relatives(self):
        response = self.client.post(
            self.url,
            {
                "label": "Tirsdagsfamilien",
                **new_rows((self.parent, "Mor"), (term(Vocabulary.RELATION, "sibling"), "")),
            },
        )
        group = FamilyGroup.objects.get()
        self.assertRedirects(response, reverse("family:group_detail", args=[group.code]))
        self.assertEqual(group.site, self.family_site)
        self.assertEqual(group.relatives.count(), 2)
        self.assertIsNone(group.youth)

    def test_it_links_an_existing_young_person_by_exact_code_only(self):
        youth = make_youth(self.site_a, nickname="Kaninen")
        response = self.client.post(self.url, {"youth_code": youth.code.lower(), **new_rows()})
        self.assertEqual(response.status_code, 302)
        group = FamilyGroup.objects.get()
        self.assertEqual(group.youth, youth)
        page = self.client.get(reverse("family:group_detail", args=[group.code]))
        self.assertContains(page, youth.code)
        # The centre's nickname for the young person never shows on Family pages.
        self.assertNotContains(page, "Kaninen")

    def test_it_refuses_an_unknown_or_partial_code(self):
        youth = make_youth(self.site_a)
        for typed in ("U-NOPE-NOPE", youth.code[:-1], "Kaninen"):
            with self.subTest(typed=typed):
                response = self.client.post(self.url, {"youth_code": typed, **new_rows()})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Ingen ung har dette pseudonym")
                self.assertContains(response, f'value="{typed}"')
        self.assertFalse(FamilyGroup.objects.exists())

    def test_it_creates_a_new_pseudonym(self):
        before = Youth.objects.count()
        self.client.post(self.url, {"new_youth": "on", **new_rows()})
        group = FamilyGroup.objects.get()
        self.assertEqual(Youth.objects.count(), before + 1)
        self.assertEqual(group.youth.registered_at_site, self.family_site)
        self.assertTrue(AuditEntry.objects.filter(object_code=group.youth.code, action="create"))

    def test_it_refuses_both_a_code_and_a_new_pseudonym(self):
        youth = make_youth(self.site_a)
        response = self.client.post(
            self.url, {"new_youth": "on", "youth_code": youth.code, **new_rows()}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(FamilyGroup.objects.exists())

    def test_it_refuses_a_surname_with_a_phone_number_and_writes_nothing(self):
        response = self.client.post(
            self.url, {"label": "Ring 20 30 40 50", **new_rows((self.parent, "Mor"))}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("label", response.context["form"].errors)
        self.assertFalse(FamilyGroup.objects.exists())
        self.assertFalse(Relative.objects.exists())


class GroupDetailTestCase(BaseTestCase):
    def test_it_shows_the_familys_conversations_in_order(self):
        group = make_group(self.family_site, label="Tirsdag")
        mum = make_relative(self.family_site, family_group=group, label="Mor")
        late = make_conversation(self.family_site, [mum], dt.date(2025, 5, 1), family_group=group)
        early = make_conversation(self.family_site, [mum], dt.date(2025, 1, 1), family_group=group)
        self.login(self.family_staff)
        response = self.client.get(reverse("family:group_detail", args=[group.code]))
        self.assertEqual(list(response.context["conversations"]), [early, late])
        flags = [c.is_first_meeting for c in response.context["conversations"]]
        self.assertEqual(flags, [True, False])
        self.assertContains(response, "Mor")

    def test_it_edits_the_label_and_unlinks_the_young_person(self):
        youth = make_youth(self.site_a)
        group = make_group(self.family_site, label="Tirsdag", youth=youth)
        self.login(self.family_staff)
        url = reverse("family:group_edit", args=[group.code])
        response = self.client.post(url, {"label": "Onsdag", "unlink_youth": "on"})
        self.assertEqual(response.status_code, 302)
        group.refresh_from_db()
        self.assertEqual(group.label, "Onsdag")
        self.assertIsNone(group.youth)
        entry = AuditEntry.objects.get(action="update", object_code=group.code)
        # Free text stays out of the trail: only a digest shows that it changed.
        self.assertNotIn("Onsdag", str(entry.changes))

    @override_settings(FRIRUM_SITE_CACHE_SECONDS=0)  # the rendering's own queries
    def test_its_list_answers_in_a_fixed_number_of_queries(self):
        def fill(n):
            for _ in range(n):
                group = make_group(self.family_site)
                mum = make_relative(self.family_site, family_group=group)
                make_conversation(self.family_site, [mum], family_group=group)

        self.login(self.family_staff)
        url = reverse("family:group_list", args=["fam"])
        fill(1)
        self.client.get(url)
        baseline = count_queries(self.client, url)
        fill(10)
        with self.assertNumQueries(baseline):
            response = self.client.get(url)
        self.assertEqual(len(response.context["groups"]), 11)
