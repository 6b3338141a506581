"""Record choice fields read their choices with one plain query each."""

from copy import deepcopy
from unittest import mock

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.contacts.forms import ContactForm
from frirum.contacts.models import Contact
from frirum.core.forms import Deferred, SafeModelChoiceField, SafeModelMultipleChoiceField
from frirum.lib.compiled import MAX_VALUES
from frirum.sites.models import Municipality
from frirum.taxonomies.models import Term, Vocabulary
from tests.base import BaseTestCase, make_contact
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

        def counting(deferred, model, build, **kwargs):
            original(deferred, model, lambda: built.append(model) or build(), **kwargs)

        with mock.patch.object(Deferred, "__init__", counting):
            r = self.client.post(url, contact_post(self.site_a, counsellors=[self.volunteer_a.pk]))
        self.assertEqual(r.status_code, 302)
        # No queryset is built: the counsellor ticking themselves, the user's own site and
        # the empty bridging lists need no query, and the themes are checked by a read
        # compiled once per process.
        self.assertEqual(built, [])
        contact = Contact.objects.latest("pk")
        self.assertEqual([t.code for t in contact.themes.all()], ["anxiety"])


class OfferedTermsAmongTestCase(BaseTestCase):
    """A new conversation's chosen terms are checked by a compiled read: the same answers as
    the field's queryset, for every kind of wrong choice."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.themes = list(Term.objects.filter(vocabulary=Vocabulary.YOUTH_THEME, is_active=True))
        cls.retired = Term.objects.create(
            vocabulary=Vocabulary.YOUTH_THEME,
            code="retired-theme",
            label_da="Gammel",
            label_en="Old",
            is_active=False,
        )
        cls.method = Term.objects.filter(vocabulary=Vocabulary.YOUTH_BRIDGING_METHOD).first()

    def form(self, themes, instance=None):
        data = contact_post(self.site_a, themes=[str(pk) for pk in themes])
        return ContactForm(data, user=self.volunteer_a, site=self.site_a, instance=instance)

    def test_it_accepts_active_terms_in_one_query(self):
        chosen = [t.pk for t in self.themes[:3]]
        form = self.form(chosen)
        field = form.fields["themes"]
        with self.assertNumQueries(1):
            cleaned = field.clean([str(pk) for pk in chosen])
        self.assertEqual(sorted(t.pk for t in cleaned), sorted(chosen))
        self.assertIsNotNone(field._deferred)  # never built

    def test_it_refuses_a_retired_term_or_another_lists(self):
        for wrong in (self.retired.pk, self.method.pk, 0):
            with self.subTest(wrong=wrong):
                form = self.form([self.themes[0].pk, wrong])
                self.assertFalse(form.is_valid())
                self.assertIn("themes", form.errors)

    def test_it_keeps_a_retired_term_a_record_already_has(self):
        contact = make_contact(self.site_a)
        contact.themes.set([self.retired])
        form = self.form([self.retired.pk], instance=contact)
        field = form.fields["themes"]
        self.assertEqual(list(field.clean([str(self.retired.pk)])), [self.retired])

    def test_it_checks_more_terms_than_a_compiled_read_takes(self):
        many = Term.objects.bulk_create(
            Term(
                vocabulary=Vocabulary.YOUTH_THEME,
                code=f"bulk-{i}",
                label_da=f"T{i}",
                label_en=f"T{i}",
                position=100 + i,
            )
            for i in range(MAX_VALUES + 2)
        )
        pks = [t.pk for t in Term.objects.filter(code__startswith="bulk-")]
        self.assertEqual(len(pks), len(many))
        field = self.form(pks).fields["themes"]
        self.assertEqual(sorted(t.pk for t in field.clean([str(pk) for pk in pks])), sorted(pks))
        with self.assertRaises(ValidationError):
            field.clean([str(pk) for pk in pks] + [str(self.retired.pk)])
