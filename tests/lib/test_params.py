"""Numbers from requests checked before the database sees them (frirum.lib.params) and the
record choice fields built on them (frirum.core.forms)."""

from django import forms
from django.test import SimpleTestCase

from frirum.core.forms import SafeModelChoiceField, SafeModelMultipleChoiceField
from frirum.lib.params import parse_int, parse_year
from frirum.taxonomies.models import Term
from tests.base import BaseTestCase

HUGE = "99999999999999999999999"


class ParseTestCase(SimpleTestCase):
    def test_it_reads_plain_integers_in_range(self):
        self.assertEqual(parse_int("42"), 42)
        self.assertEqual(parse_int(" -7 "), -7)
        self.assertEqual(parse_int(5, minimum=1, maximum=9), 5)
        self.assertIsNone(parse_int("10", maximum=9))
        self.assertIsNone(parse_int("0", minimum=1))

    def test_it_refuses_what_is_not_a_plain_integer(self):
        for value in ("", " ", "abc", "1.5", "1e3", "0x10", "1_0", "٣", "--1", "+", True, "9" * 40):
            with self.subTest(value=value):
                self.assertIsNone(parse_int(value))

    def test_it_reads_only_plausible_years(self):
        self.assertEqual(parse_year("2025"), 2025)
        for value in ("0", "10000", "-1", HUGE, "1899", "2101", "year"):
            with self.subTest(value=value):
                self.assertIsNone(parse_year(value))


class TermsForm(forms.Form):
    terms = SafeModelMultipleChoiceField(queryset=Term.objects.all(), required=False)
    term = SafeModelChoiceField(queryset=Term.objects.all(), required=False)


class SafeFieldsTestCase(BaseTestCase):
    def test_it_refuses_an_id_the_column_cannot_hold_as_a_form_error(self):
        for value in (HUGE, "-" + HUGE, "9223372036854775808", "abc"):
            with self.subTest(value=value):
                form = TermsForm({"terms": [value], "term": value})
                self.assertFalse(form.is_valid())
                self.assertIn("terms", form.errors)
                self.assertIn("term", form.errors)

    def test_it_still_accepts_real_ids(self):
        term = Term.objects.first()
        form = TermsForm({"terms": [str(term.pk)], "term": str(term.pk)})
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(list(form.cleaned_data["terms"]), [term])
        self.assertEqual(form.cleaned_data["term"], term)

    def test_it_accepts_nothing_chosen(self):
        self.assertTrue(TermsForm({}).is_valid())
