"""Record choice fields read their choices with one plain query each."""

from copy import deepcopy
from unittest import mock

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.core.forms import Deferred, SafeModelChoiceField, SafeModelMultipleChoiceField
from frirum.sites.models import Municipality
from frirum.taxonomies.models import Term
from tests.base import BaseTestCase
from tests.contacts.factories import contact_post


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


class KnownChoicesTestCase(BaseTestCase):
    """Choices already read are offered and checked without a query; anything else is still
    checked against the database."""

    def test_it_answers_an_empty_multiple_choice_without_a_query(self):
        field = SafeModelMultipleChoiceField(queryset=Municipality.objects.all(), required=False)
        with self.assertNumQueries(0):
            chosen = field.clean([])
            self.assertFalse(chosen)
            self.assertEqual(list(chosen), [])
        # Still a queryset for whoever filters it.
        self.assertEqual(list(chosen.values_list("pk", flat=True)), [])

    def test_it_offers_and_accepts_exactly_the_objects_given(self):
        first, second, third = Municipality.objects.order_by("name")[:3]
        field = SafeModelChoiceField(queryset=Municipality.objects.all(), empty_label=None)
        field.objects = [first, second]
        with self.assertNumQueries(0):
            self.assertEqual([label for _v, label in field.choices], [str(first), str(second)])
            self.assertEqual(field.clean(str(second.pk)), second)
            with self.assertRaises(ValidationError):
                field.clean(str(third.pk))  # in the database, but not among the choices
            with self.assertRaises(ValidationError):
                field.clean("99999999999999999999999")

    def test_it_takes_a_known_single_choice_without_a_query_and_asks_for_the_rest(self):
        first, second = Municipality.objects.order_by("name")[:2]
        field = SafeModelChoiceField(queryset=Municipality.objects.all(), required=False)
        field.known = {str(first.pk): first}
        with self.assertNumQueries(0):
            self.assertEqual(field.clean(str(first.pk)), first)
        with self.assertNumQueries(1):
            self.assertEqual(field.clean(str(second.pk)), second)
        with self.assertRaises(ValidationError):
            field.clean("0")

    def test_it_takes_known_multiple_choices_without_a_query_and_asks_for_a_mix(self):
        first, second = Municipality.objects.order_by("name")[:2]
        field = SafeModelMultipleChoiceField(queryset=Municipality.objects.all())
        field.known = {str(first.pk): first}
        with self.assertNumQueries(0):
            chosen = field.clean([str(first.pk), str(first.pk)])
            self.assertEqual(list(chosen), [first])
        with self.assertNumQueries(1):
            self.assertEqual(set(field.clean([str(first.pk), str(second.pk)])), {first, second})
        with self.assertRaises(ValidationError):
            field.clean([str(first.pk), "0"])


class DeferredChoicesTestCase(BaseTestCase):
    """A Deferred queryset is built only when something asks for the choices."""

    def setUp(self):
        self.builds = 0

    def deferred(self):
        def build():
            self.builds += 1
            return Municipality.objects.order_by("name")

        return Deferred(Municipality, build)

    def test_it_builds_nothing_for_known_or_empty_choices(self):
        first = Municipality.objects.order_by("name").first()
        many = SafeModelMultipleChoiceField(queryset=None, required=False)
        many.queryset = self.deferred()
        many.known = {str(first.pk): first}
        single = SafeModelChoiceField(queryset=None, required=False)
        single.queryset = self.deferred()
        single.known = {str(first.pk): first}
        with self.assertNumQueries(0):
            self.assertEqual(list(many.clean([str(first.pk)])), [first])
            self.assertEqual(list(many.clean([])), [])
            self.assertEqual(single.clean(str(first.pk)), first)
            self.assertIsNone(single.clean(""))
            with self.assertRaises(ValidationError):
                many.clean(["99999999999999999999999"])
        self.assertEqual(self.builds, 0)

    def test_it_builds_the_queryset_once_when_asked(self):
        first, second = Municipality.objects.order_by("name")[:2]
        field = SafeModelMultipleChoiceField(queryset=None)
        field.queryset = self.deferred()
        field.known = {str(first.pk): first}
        with self.assertNumQueries(1):
            self.assertEqual(set(field.clean([str(first.pk), str(second.pk)])), {first, second})
        with self.assertRaises(ValidationError):
            field.clean([str(first.pk), "0"])
        self.assertEqual(len(list(field.choices)), Municipality.objects.count())
        self.assertEqual(self.builds, 1)

    def test_it_stays_deferred_when_a_form_copies_the_field(self):
        field = SafeModelChoiceField(queryset=None)
        field.queryset = self.deferred()
        copied = deepcopy(field)  # what every form instance does with its class's fields
        self.assertEqual(self.builds, 0)
        self.assertEqual(len(list(copied.choices)), Municipality.objects.count() + 1)
        self.assertEqual(self.builds, 1)

    def test_it_registers_without_building_the_unused_choices(self):
        self.login(self.volunteer_a)
        url = f"/s/{self.site_a.code}/contacts/new/"
        self.client.get(url)
        built = []
        original = Deferred.__init__

        def counting(deferred, model, build):
            original(deferred, model, lambda: built.append(model) or build())

        with mock.patch.object(Deferred, "__init__", counting):
            r = self.client.post(url, contact_post(self.site_a, counsellors=[self.volunteer_a.pk]))
        self.assertEqual(r.status_code, 302)
        # Only the themes are checked against a query; the counsellor ticking themselves,
        # the user's own site and the empty bridging lists need none.
        self.assertEqual(built, [Term])
