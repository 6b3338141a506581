"""Adding and changing a site's directory entries: the chief and the named editor; the
service's phone and e-mail are accepted (they are the service's, not a young person's)."""

from django.urls import reverse
from django.utils import timezone

from frirum.directory.models import Service
from tests.base import BaseTestCase, term
from tests.directory.factories import make_service


class ServiceFormTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.entry = make_service("PPR Alpha", owner_site=cls.site_a, verified_on=None)

    def data(self, **extra):
        data = {
            "organization_name": "Ballerup Kommune",
            "name": "SSP Ballerup",
            "destination": term("destination", "municipal").pk,
            "themes": [term("youth_theme", "bullying").pk],
            "status": "active",
            "phone": "44 77 12 34",
            "email": "ssp@ballerup.example.dk",
            "minimum_age": "12",
            "maximum_age": "18",
            "municipalities": [self.ballerup.pk],
            "anonymous_possible": "on",
            "languages": "da, en",
            "is_published": "on",
        }
        data.update(extra)
        return data

    def test_it_lets_the_chief_add_an_entry_with_the_services_phone_and_email(self):
        self.login(self.chief_a)
        response = self.client.post(
            reverse("directory:service_create", args=["alpha"]), self.data()
        )
        self.assertEqual(response.status_code, 302)
        service = Service.objects.get(name="SSP Ballerup")
        self.assertEqual((service.phone, service.email), ("44 77 12 34", "ssp@ballerup.example.dk"))
        self.assertEqual(service.owner_site, self.site_a)
        self.assertEqual(service.languages, "da,en")
        self.assertEqual(service.verified_on, timezone.localdate())

    def test_it_refuses_a_volunteer_and_the_wrong_site(self):
        self.login(self.volunteer_a)
        url = reverse("directory:service_create", args=["alpha"])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.chief_b)
        url = reverse("directory:service_edit", args=["beta", self.entry.uid])
        self.assertEqual(self.client.post(url, self.data()).status_code, 404)

    def test_it_keeps_bad_input_next_to_the_field(self):
        self.login(self.chief_a)
        url = reverse("directory:service_create", args=["alpha"])
        response = self.client.post(url, self.data(maximum_age="10", languages="dansk"))
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn("maximum_age", errors)
        self.assertIn("languages", errors)
        self.assertContains(response, 'value="dansk"', status_code=400)
        self.assertFalse(Service.objects.filter(name="SSP Ballerup").exists())

    def test_it_lets_the_named_editor_change_the_entry_and_verifies_it(self):
        self.entry.editor = self.volunteer_a
        self.entry.save(update_fields=["editor"])
        self.login(self.volunteer_a)
        url = reverse("directory:service_edit", args=["alpha", self.entry.uid])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url, self.data(name="PPR Alpha, nyt navn"))
        self.assertEqual(response.status_code, 302)
        self.entry.refresh_from_db()
        self.assertEqual(self.entry.name, "PPR Alpha, nyt navn")
        self.assertEqual(self.entry.verified_by, self.volunteer_a)
