import datetime as dt

from frirum.audit.models import AuditEntry
from frirum.contacts.models import Outreach
from tests.base import BaseTestCase, make_outreach


class OutreachTestCase(BaseTestCase):
    def test_it_registers_an_outreach_activity(self):
        self.login(self.volunteer_a)
        r = self.client.post(
            "/s/alpha/outreach/new/",
            {"date": "2025-02-03", "kind": "school", "short_contacts": "23", "note": "7. klasse"},
        )
        self.assertRedirects(r, "/s/alpha/outreach/")
        outreach = Outreach.objects.get()
        self.assertEqual(outreach.site, self.site_a)
        self.assertEqual(outreach.date, dt.date(2025, 2, 3))
        self.assertEqual(outreach.short_contacts, 23)
        self.assertEqual(AuditEntry.objects.get().action, "create")

    def test_it_refuses_a_negative_count_and_an_email_and_keeps_the_input(self):
        self.login(self.volunteer_a)
        r = self.client.post(
            "/s/alpha/outreach/new/",
            {"date": "2025-02-03", "kind": "club", "short_contacts": "-1", "note": "x@y.dk"},
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("short_contacts", r.context["form"].errors)
        self.assertIn("note", r.context["form"].errors)
        self.assertContains(r, "x@y.dk", status_code=400)
        self.assertFalse(Outreach.objects.exists())

    def test_it_edits_and_audits(self):
        outreach = make_outreach(self.site_a, short_contacts=5)
        self.login(self.chief_a)
        r = self.client.post(
            f"/outreach/{outreach.code}/edit/",
            {"date": "2025-03-04", "kind": "event", "short_contacts": "8"},
        )
        self.assertRedirects(r, "/s/alpha/outreach/")
        outreach.refresh_from_db()
        self.assertEqual(outreach.short_contacts, 8)
        entry = AuditEntry.objects.get()
        self.assertEqual(entry.changes["short_contacts"], [5, 8])

    def test_it_deletes_after_confirmation(self):
        outreach = make_outreach(self.site_a)
        self.login(self.a_employed_counsellor)
        self.assertEqual(self.client.get(f"/outreach/{outreach.code}/delete/").status_code, 200)
        self.assertTrue(Outreach.objects.exists())
        self.client.post(f"/outreach/{outreach.code}/delete/")
        self.assertFalse(Outreach.objects.exists())
        self.assertEqual(AuditEntry.objects.get().action, "delete")

    def test_it_filters_by_date(self):
        make_outreach(self.site_a, date=dt.date(2024, 1, 1))
        recent = make_outreach(self.site_a, date=dt.date(2025, 6, 1))
        self.login(self.volunteer_a)
        r = self.client.get("/s/alpha/outreach/?date_from=2025-01-01")
        self.assertEqual(list(r.context["page"].object_list), [recent])
