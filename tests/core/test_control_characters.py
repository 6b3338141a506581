"""Every text field of every form refuses NUL and the other control characters."""

from django import forms
from django.forms import modelform_factory
from django.test import SimpleTestCase
from django.urls import reverse

from frirum.lib.text import find_control_character
from frirum.people.forms import YouthSearchForm
from frirum.sites.models import Site
from frirum.taxonomies.models import Term
from tests.base import BaseTestCase

BAD = ["a\x00b", "a\x1b[2Jb", "a\x07b", "a\x7fb", "a\x9bb", "a\x0cb"]
GOOD = ["ab", "a\tb", "line one\r\nline two", "æøå \u2013 \u201cquotes\u201d", "=1+1"]


class Plain(forms.Form):
    text = forms.CharField()
    note = forms.CharField(widget=forms.Textarea, required=False)


class FormFieldTests(SimpleTestCase):
    def test_it_refuses_control_characters_in_a_plain_form(self):
        for value in BAD:
            form = Plain({"text": value, "note": value})
            self.assertFalse(form.is_valid(), repr(value))
            self.assertIn("text", form.errors)
            self.assertIn("note", form.errors)
            self.assertIn("U+", str(form.errors["text"]))

    def test_it_allows_ordinary_text_tabs_and_line_breaks(self):
        for value in GOOD:
            form = Plain({"text": value, "note": value})
            self.assertTrue(form.is_valid(), (repr(value), form.errors))

    def test_it_finds_the_position(self):
        self.assertEqual(find_control_character("ab\x00"), 2)
        self.assertIsNone(find_control_character("ab\tc\n"))

    def test_it_guards_the_apps_forms_and_model_forms(self):
        self.assertFalse(YouthSearchForm({"q": "Y\x00"}).is_valid())
        for model, field in ((Site, "name"), (Term, "label_da")):
            form_class = modelform_factory(model, fields=[field])
            self.assertFalse(form_class({field: "x\x1by"}).is_valid(), model)


class CodeFormTestCase(BaseTestCase):
    def test_it_refuses_a_control_character_in_the_questionnaire_code(self):
        response = self.client.post(reverse("questionnaires:start"), {"code": "ABCD\x1b"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("code", response.context["form"].errors)
        # A NUL never gets as far as a form: the request is refused with a 400.
        response = self.client.post(reverse("questionnaires:start"), {"code": "ABCD\x00"})
        self.assertEqual(response.status_code, 400)
