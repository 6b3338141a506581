"""The family group is found by typing (a text box with the browser's list), not a dropdown
of every group: its code or its name, "ny" for a new group; a name two groups share, or
another site's group, is refused next to the field."""

from django.urls import reverse
from django.utils import timezone

from frirum.family.models import FamilyConversation
from frirum.sites.models import Site, SiteKind
from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, term
from tests.family.helpers import make_group
from tests.family.test_conversation_form import formset


class FamilyGroupSearchTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.groups = [make_group(cls.family_site, label=f"Gruppe {n}") for n in range(150)]
        cls.sol = make_group(cls.family_site, label="Familien Sol")

    def setUp(self):
        self.login(self.family_staff)
        self.url = reverse("family:conversation_create", args=["fam"])

    def post(self, family_group: str):
        data = {
            "date": timezone.localdate().isoformat(),
            "kind": "family_without_youth",
            "channel": "in_person",
            "family_group": family_group,
            **formset((term(Vocabulary.RELATION, "parent"), "Mor")),
        }
        return self.client.post(self.url, data)

    def test_it_offers_the_groups_as_a_list_to_type_in_not_a_dropdown(self):
        response = self.client.get(self.url)
        self.assertContains(response, 'list="family-group-options"')
        self.assertContains(response, f'<option value="{self.sol.code}">Familien Sol')
        self.assertNotContains(response, '<select name="family_group"')

    def test_it_finds_a_group_by_its_name_whatever_the_case(self):
        response = self.post("familien sol")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(FamilyConversation.objects.get().family_group, self.sol)

    def test_it_finds_a_group_by_its_code(self):
        response = self.post(self.groups[42].code)
        self.assertEqual(
            response.status_code, 302, response.context and response.context["form"].errors
        )
        self.assertEqual(FamilyConversation.objects.get().family_group, self.groups[42])

    def test_it_makes_a_new_group_for_ny(self):
        self.post("Ny")
        group = FamilyConversation.objects.get().family_group
        self.assertIsNotNone(group)
        self.assertNotIn(group.pk, {g.pk for g in [*self.groups, self.sol]})

    def test_it_leaves_the_group_out_when_empty(self):
        self.post("  ")
        self.assertIsNone(FamilyConversation.objects.get().family_group)

    def test_it_refuses_a_name_two_groups_share_and_keeps_what_was_typed(self):
        make_group(self.family_site, label="Familien Sol")
        response = self.post("Familien Sol")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'value="Familien Sol"')
        self.assertContains(response, 'href="#id_family_group"')
        self.assertFalse(FamilyConversation.objects.exists())

    def test_it_refuses_another_sites_group_by_name(self):
        other = Site.objects.create(
            code="fam2", name="Family 2", kind=SiteKind.FAMILY, municipality=self.copenhagen
        )
        make_group(other, label="Fremmed")
        response = self.post("Fremmed")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(FamilyConversation.objects.exists())
