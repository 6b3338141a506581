"""The administration speaks Danish to a Danish reader: its header, its sections (the apps)
and the names of the records it manages."""

from django.apps import apps
from django.contrib import admin
from django.utils import translation

from tests.base import BaseTestCase

# Names that are the same in both languages on purpose.
SAME_IN_BOTH = {"headspace Family", "regioner", "regions"}


class AdminHeadingTests(BaseTestCase):
    def test_it_shows_danish_headings_on_the_index(self):
        self.login(self.secretariat)
        response = self.client.get("/admin/", HTTP_ACCEPT_LANGUAGE="da")
        self.assertEqual(response.status_code, 200)
        for heading in (
            "Frirum-administration",
            "Rådgivningssteder",
            "Værdilister",
            "Ændringshistorik",
        ):
            self.assertContains(response, heading)
        for english in ("Taxonomies", "Interchange", ">Sites<", ">Audit<", ">Accounts<"):
            self.assertNotContains(response, english)

    def test_it_has_a_danish_name_for_every_section_and_record_type(self):
        untranslated = []
        for model in admin.site._registry:
            config = apps.get_app_config(model._meta.app_label)
            for name in (config.verbose_name, model._meta.verbose_name_plural):
                with translation.override("da"):
                    danish = str(name)
                with translation.override("en"):
                    english = str(name)
                if danish == english and danish not in SAME_IN_BOTH:
                    untranslated.append(f"{model._meta.label}: {english}")
        self.assertEqual(untranslated, [])
