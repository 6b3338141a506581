"""Audit entries of one action written together in one INSERT."""

from frirum.audit.actions import audit_batch, record_audit
from frirum.audit.models import AuditAction, AuditEntry
from tests.base import BaseTestCase, make_youth


class AuditBatchTestCase(BaseTestCase):
    def record(self, youth):
        return record_audit(
            actor=self.volunteer_a,
            action=AuditAction.CREATE,
            instance=youth,
            site=self.site_a,
            after={"gender": "female"},
        )

    def test_it_writes_the_block_s_entries_in_one_insert_in_order(self):
        first, second = make_youth(self.site_a), make_youth(self.site_a)
        with self.assertNumQueries(1):
            with audit_batch():
                entries = [self.record(first)]
                with audit_batch():  # nested: written with the outer block
                    entries.append(self.record(second))
                self.assertEqual([e.pk for e in entries], [None, None])  # not yet written
        stored = list(AuditEntry.objects.order_by("id"))
        self.assertEqual([e.pk for e in stored], [e.pk for e in entries])
        self.assertEqual([e.object_code for e in stored], [first.code, second.code])
        self.assertTrue(all(e.at and e.actor == self.volunteer_a for e in stored))

    def test_it_writes_nothing_when_the_block_fails(self):
        youth = make_youth(self.site_a)
        with self.assertRaises(RuntimeError), audit_batch():
            self.record(youth)
            raise RuntimeError
        self.assertFalse(AuditEntry.objects.exists())
        # And the next entry outside a block is written at once.
        self.record(youth)
        self.assertEqual(AuditEntry.objects.count(), 1)

    def test_it_writes_nothing_for_an_empty_block(self):
        with self.assertNumQueries(0), audit_batch():
            pass
