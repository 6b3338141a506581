"""Every way text enters Frirum goes through the one guard."""

import inspect

from django import forms

from frirum.contacts import forms as contact_forms
from frirum.contacts import group_forms
from frirum.contacts.models import Contact
from frirum.family import admin as family_admin
from frirum.family import forms as family_forms
from frirum.lib.anonymity import validate_anonymous_text
from frirum.people import forms as people_forms
from tests.base import BaseTestCase
from tests.contacts.factories import contact_post

# Form fields that hold free text kept in the database.
FREE_TEXT_FIELDS = {"note", "label", "nickname", "new_nickname", "title", "new_label"}


def _forms():
    for module in (contact_forms, group_forms, family_forms, people_forms):
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_it_guards_every_free_text_field_of_the_workspace_forms():
    seen = []
    for form in _forms():
        for name, field in form.base_fields.items():
            if name in FREE_TEXT_FIELDS and isinstance(field, forms.CharField):
                seen.append(f"{form.__name__}.{name}")
                assert validate_anonymous_text in field.validators, f"{form.__name__}.{name}"
    assert len(seen) >= 6, seen


def test_it_guards_the_family_admin():
    form = family_admin.RecordForm
    assert hasattr(form, "clean_label") and hasattr(form, "clean_note")


class ContactFormTestCase(BaseTestCase):
    def test_it_refuses_an_address_and_a_name_and_keeps_what_was_typed(self):
        self.login(self.volunteer_a)
        data = contact_post(
            self.site_a,
            counsellors=[str(self.volunteer_a.pk)],
            note="Nørrebrogade 12, 2. th",
            new_nickname="Mads Jensen",
        )
        response = self.client.post(f"/s/{self.site_a.code}/contacts/new/", data)
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn("adresse", " ".join(errors["note"]))
        self.assertIn("navn", " ".join(errors["new_nickname"]))
        self.assertContains(response, "Nørrebrogade 12, 2. th", status_code=400)
        self.assertFalse(Contact.objects.exists())
