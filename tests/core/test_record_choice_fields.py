"""Record choice fields read their choices with one plain query each."""

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.core.forms import SafeModelChoiceField, SafeModelMultipleChoiceField
from frirum.sites.models import Municipality
from tests.base import BaseTestCase


class RecordChoiceFieldsTestCase(BaseTestCase):
    def test_it_reads_the_choices_in_one_query_without_a_cursor(self):
        field = SafeModelChoiceField(queryset=Municipality.objects.order_by("name"))
        with CaptureQueriesContext(connection) as ctx:
            choices = list(field.choices)
        self.assertEqual(len(ctx.captured_queries), 1)
        # On PostgreSQL `.iterator()` would DECLARE a server-side cursor, then FETCH, CLOSE.
        self.assertNotIn("DECLARE", ctx.captured_queries[0]["sql"])
        self.assertEqual(len(choices), Municipality.objects.count() + 1)  # and "---------"

    def test_it_offers_no_empty_choice_for_many(self):
        field = SafeModelMultipleChoiceField(queryset=Municipality.objects.order_by("name"))
        self.assertEqual(len(list(field.choices)), Municipality.objects.count())

    def test_it_renders_the_registration_form_without_cursors(self):
        self.login(self.volunteer_a)
        with CaptureQueriesContext(connection) as ctx:
            r = self.client.get("/s/alpha/contacts/new/")
        self.assertEqual(r.status_code, 200)
        self.assertFalse([q for q in ctx.captured_queries if "DECLARE" in q["sql"]])

    def test_it_still_refuses_an_unknown_choice(self):
        field = SafeModelChoiceField(queryset=Municipality.objects.all())
        with self.assertRaises(ValidationError):
            field.clean("99999999999999999999999")
