"""The change history in the reader's language: labels, never codes; one date style."""

import datetime as dt

from django.utils import timezone, translation

from frirum.audit.actions import record_audit, record_event, snapshot
from frirum.audit.models import AuditAction, AuditEntry
from frirum.audit.selectors import audit_trail, trail_entries
from tests.base import BaseTestCase, make_contact, make_youth


def changes(row) -> dict:
    return {change.field: (change.before, change.after) for change in row.changes}


class PresenterTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.contact = make_contact(
            cls.site_a, date=dt.date(2026, 6, 25), themes=["anxiety", "loneliness"]
        )
        record_audit(
            actor=cls.volunteer_a,
            action=AuditAction.CREATE,
            instance=cls.contact,
            site=cls.site_a,
            after=snapshot(cls.contact, m2m=("themes",)),
        )
        before = snapshot(cls.contact, m2m=("themes",))
        cls.contact.channel = "phone"
        cls.contact.save(update_fields=["channel"])
        record_audit(
            actor=cls.volunteer_a,
            action=AuditAction.UPDATE,
            instance=cls.contact,
            site=cls.site_a,
            before=before,
            after=snapshot(cls.contact, m2m=("themes",)),
        )
        cls.youth = make_youth(cls.site_a, residence_municipality=cls.ballerup)
        record_audit(
            actor=cls.volunteer_a,
            action=AuditAction.CREATE,
            instance=cls.youth,
            site=cls.site_a,
            after=snapshot(cls.youth),
        )

    def test_it_shows_labels_not_codes_in_danish(self):
        with translation.override("da"):
            update, create = audit_trail(self.contact)
            self.assertEqual(changes(update)["Kanal"], ("Fremmøde", "Telefon"))
            created = changes(create)
            self.assertEqual(created["Temaer"][1], "Angst, Ensomhed")
            self.assertEqual(created["Dato"][1], "25. juni 2026")
            self.assertEqual(create.record_type, "Samtale")
            youth = changes(audit_trail(self.youth)[0])
            self.assertEqual(youth["Registreret på stedet"][1], self.site_a.name)
            self.assertIn("Ballerup", str(youth["Bopælskommune"][1]))

    def test_it_shows_labels_in_english_for_an_english_reader(self):
        with translation.override("en"):
            update, create = audit_trail(self.contact)
            self.assertEqual(changes(update)["Channel"], ("In person", "Phone"))
            self.assertEqual(changes(create)["Themes"][1], "Anxiety, Loneliness")
            self.assertEqual(changes(create)["Date"][1], "25 June 2026")
            self.assertEqual(create.record_type, "Conversation")

    def test_it_names_record_types_and_account_events(self):
        record_event(
            actor=self.chief_a,
            action=AuditAction.SIGN_IN,
            object_type="accounts.user",
            object_id=str(self.chief_a.pk),
            details={"method": "totp"},
        )
        entry = AuditEntry.objects.filter(action=AuditAction.SIGN_IN).get()
        with translation.override("da"):
            (row,) = trail_entries([entry])
            self.assertEqual(row.record_type, "Brugerkonto")
            self.assertEqual(changes(row), {"Metode": (None, "kode fra godkendelsesappen")})
            self.assertEqual(str(entry.get_action_display()), "Logget ind")

    def test_it_writes_times_in_one_local_style(self):
        from frirum.audit.presenters import _datetime_text

        moment = timezone.make_aware(dt.datetime(2026, 6, 25, 12, 30), dt.UTC)
        with translation.override("da"):
            # 12:30 UTC is 14:30 in Copenhagen in summer.
            self.assertEqual(_datetime_text(moment.isoformat()), "25.06.2026 14:30")
            self.assertEqual(_datetime_text(str(moment)), "25.06.2026 14:30")

    def test_it_keeps_an_unknown_code_as_it_is(self):
        entry = AuditEntry(
            object_type="contacts.contact",
            object_id="1",
            action=AuditAction.UPDATE,
            changes={"channel": ["pigeon", "phone"], "themes": [["gone"], ["anxiety"]]},
        )
        with translation.override("da"):
            (row,) = trail_entries([entry])
        self.assertEqual(changes(row)["Kanal"], ("pigeon", "Telefon"))
        self.assertEqual(changes(row)["Temaer"], ("gone", "Angst"))

    def test_it_shows_the_site_log_in_danish(self):
        self.login(self.chief_a)
        response = self.client.get(f"/s/{self.site_a.code}/log/")
        self.assertContains(response, "Fremmøde")
        self.assertContains(response, "Angst, Ensomhed")
        self.assertNotContains(response, "in_person")
        self.assertNotContains(response, "contacts.contact")
        self.assertNotContains(response, "anxiety")
