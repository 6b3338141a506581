import json

from frirum.accounts.actions import email_digest
from frirum.audit.models import AuditAction, AuditEntry
from tests.accounts.helpers import stopped_clock
from tests.base import PASSWORD, BaseTestCase


class SignInAuditTestCase(BaseTestCase):
    def post(self, email, password):
        return self.client.post("/login/", {"username": email, "password": password})

    def test_it_audits_a_sign_in(self):
        self.post(self.chief_a.email, PASSWORD)
        entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN)
        self.assertEqual(entry.actor, self.chief_a)
        self.assertEqual(
            (entry.object_type, entry.object_id), ("accounts.user", str(self.chief_a.pk))
        )
        self.assertIsNotNone(entry.at)

    def test_it_audits_a_failed_sign_in_on_the_account_without_the_password(self):
        self.post(self.chief_a.email, "wrong password typed")
        entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN_FAILED)
        self.assertIsNone(entry.actor)
        self.assertEqual(entry.object_id, str(self.chief_a.pk))
        self.assertEqual(entry.changes, {"step": [None, "password"]})
        self.assertNotIn("wrong password typed", json.dumps(entry.changes))

    def test_it_audits_an_unknown_email_only_as_a_digest(self):
        self.post("Nobody@Example.org", "guess")
        entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN_FAILED)
        self.assertEqual(entry.object_id, "")
        self.assertEqual(entry.object_code, email_digest("nobody@example.org"))
        row = json.dumps([entry.object_code, entry.object_id, entry.changes]).lower()
        self.assertNotIn("nobody", row)
        self.assertNotIn("guess", row)

    def test_it_audits_a_sign_out(self):
        self.post(self.chief_a.email, PASSWORD)
        self.client.post("/logout/")
        entry = AuditEntry.objects.get(action=AuditAction.SIGN_OUT)
        self.assertEqual(entry.actor, self.chief_a)
        self.assertEqual(entry.changes, {"reason": [None, "user"]})

    @stopped_clock()
    def test_it_writes_nothing_while_throttled(self, _clock):
        for _ in range(8):
            self.post(self.chief_a.email, "wrong")
        # Three free failures, then growing delays: most of the eight were refused unchecked.
        self.assertLess(AuditEntry.objects.filter(action=AuditAction.SIGN_IN_FAILED).count(), 8)
