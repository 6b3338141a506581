"""A conversation's links to directory services go to the trash with it and come back."""

from django.utils import timezone

from frirum.contacts.actions import delete_contact
from frirum.directory.models import ServiceBridging
from frirum.trash.actions import restore
from tests.base import BaseTestCase, make_contact
from tests.directory.factories import make_service


class ServiceLinkDeletionTestCase(BaseTestCase):
    def test_it_restores_the_links_with_the_conversation(self):
        service = make_service("SSP Alfa", owner_site=self.site_a)
        contact = make_contact(self.site_a, date=timezone.localdate())
        ServiceBridging.objects.create(contact=contact, service=service)
        record = delete_contact(actor=self.chief_a, contact=contact)
        self.assertFalse(ServiceBridging.objects.exists())
        restore(actor=self.chief_a, record=record)
        self.assertEqual(
            list(ServiceBridging.objects.values_list("contact__code", "service_id")),
            [(contact.code, service.pk)],
        )


class ServiceLinkAuditTestCase(BaseTestCase):
    def test_it_audits_a_changed_link_by_service_name(self):
        from frirum.audit.models import AuditEntry
        from frirum.directory.actions import link_services

        service = make_service("SSP Alfa", owner_site=self.site_a)
        contact = make_contact(self.site_a, date=timezone.localdate(), bridged=True)
        link_services(actor=self.volunteer_a, contact=contact, services=[service])
        entry = AuditEntry.objects.get(object_code=contact.code)
        self.assertEqual(entry.changes, {"bridging_services": [[], ["SSP Alfa"]]})
        self.assertEqual(entry.site, self.site_a)
        # Saving the same links again writes nothing.
        link_services(actor=self.volunteer_a, contact=contact, services=[service])
        self.assertEqual(AuditEntry.objects.filter(object_code=contact.code).count(), 1)
