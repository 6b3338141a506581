import datetime as dt

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from frirum.audit.models import AuditEntry
from frirum.family.models import RelativeInquiry
from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, term
from tests.family.helpers import count_queries, make_inquiry


class InquiryTestCase(BaseTestCase):
    def setUp(self):
        self.login(self.family_staff)
        self.url = reverse("family:inquiry_create", args=["fam"])

    def data(self, **fields):
        data = {
            "date": timezone.localdate().isoformat(),
            "channel": "phone",
            "relation": term(Vocabulary.RELATION, "parent").pk,
            "reason": "worry_mental_health",
            "referred_to_centre": "on",
        }
        data.update(fields)
        return data

    def test_it_registers_an_inquiry(self):
        response = self.client.post(self.url, self.data())
        self.assertRedirects(response, reverse("family:inquiry_list", args=["fam"]))
        inquiry = RelativeInquiry.objects.get()
        self.assertEqual(inquiry.site, self.family_site)
        self.assertEqual(inquiry.reason, "worry_mental_health")
        self.assertTrue(inquiry.referred_to_centre)
        self.assertFalse(inquiry.led_to_conversation)
        self.assertEqual(inquiry.created_by, self.family_staff)
        self.assertTrue(AuditEntry.objects.filter(object_code=inquiry.code, action="create"))

    def test_it_goes_straight_to_the_next_inquiry(self):
        response = self.client.post(self.url, self.data(another="1"))
        self.assertRedirects(response, self.url)

    def test_it_refuses_bad_input_next_to_the_fields(self):
        future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
        response = self.client.post(self.url, self.data(date=future, reason="gossip"))
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("reason", form.errors)
        self.assertFalse(RelativeInquiry.objects.exists())
        response = self.client.post(self.url, self.data(date=future))
        self.assertContains(response, "Datoen kan ikke ligge i fremtiden")
        self.assertFalse(RelativeInquiry.objects.exists())

    def test_it_edits_and_deletes_an_inquiry(self):
        inquiry = make_inquiry(self.family_site, dt.date(2025, 1, 3))
        url = reverse("family:inquiry_edit", args=[inquiry.code])
        response = self.client.post(url, self.data(date="2025-01-04", reason="other"))
        self.assertEqual(response.status_code, 302)
        inquiry.refresh_from_db()
        self.assertEqual((inquiry.date, inquiry.reason), (dt.date(2025, 1, 4), "other"))
        self.client.post(reverse("family:inquiry_delete", args=[inquiry.code]))
        self.assertFalse(RelativeInquiry.objects.exists())
        self.assertTrue(AuditEntry.objects.filter(object_code=inquiry.code, action="delete"))

    @override_settings(FRIRUM_SITE_CACHE_SECONDS=0)  # the rendering's own queries
    def test_its_list_answers_in_a_fixed_number_of_queries(self):
        url = reverse("family:inquiry_list", args=["fam"])
        make_inquiry(self.family_site)
        self.client.get(url)
        baseline = count_queries(self.client, url)
        for i in range(20):
            make_inquiry(self.family_site, relation="grandparent" if i % 2 else "parent")
        with self.assertNumQueries(baseline):
            response = self.client.get(url)
        self.assertEqual(len(response.context["inquiries"]), 21)

    def test_it_lists_only_the_sites_inquiries(self):
        from frirum.sites.models import Site, SiteKind

        other = Site.objects.create(
            code="fam2", name="Family 2", kind=SiteKind.FAMILY, municipality=self.copenhagen
        )
        make_inquiry(other)
        response = self.client.get(reverse("family:inquiry_list", args=["fam"]))
        self.assertEqual(len(response.context["inquiries"]), 0)
        self.assertContains(response, "Ingen henvendelser registreret endnu")
