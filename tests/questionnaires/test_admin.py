from django.urls import reverse

from frirum.questionnaires.models import InstrumentVersion
from tests.base import BaseTestCase, make_contact
from tests.questionnaires.factories import answer


class VersionAdminTestCase(BaseTestCase):
    def setUp(self):
        self.version = InstrumentVersion.objects.get(instrument__code="helped")
        self.url = reverse("admin:questionnaires_instrumentversion_change", args=[self.version.pk])
        self.login(self.secretariat)
        self.secretariat.is_superuser = True
        self.secretariat.save(update_fields=["is_superuser"])

    def test_it_edits_a_version_without_answers(self):
        response = self.client.get(self.url)
        self.assertContains(response, 'name="scale_max"')

    def test_it_freezes_a_version_with_answers(self):
        answer(make_contact(self.site_a), "helped", helped=4)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="scale_max"')
        self.assertNotContains(response, 'name="items-0-text_da"')

    def test_it_copies_a_frozen_version_as_the_new_current_one(self):
        answer(make_contact(self.site_a), "helped", helped=4)
        changelist = reverse("admin:questionnaires_instrumentversion_changelist")
        self.client.post(
            changelist, {"action": "copy_as_new_version", "_selected_action": [self.version.pk]}
        )
        current = InstrumentVersion.objects.get(instrument__code="helped", is_current=True)
        self.assertEqual(current.number, 2)
        self.assertEqual(list(current.items.values_list("code", flat=True)), ["helped"])
        self.version.refresh_from_db()
        self.assertFalse(self.version.is_current)
