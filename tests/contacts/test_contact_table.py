"""The conversations table (frirum/contacts/templatetags/contact_tables.py)."""

from django.template import engines
from django.utils import timezone, translation

from frirum.contacts.models import Contact
from tests.base import BaseTestCase, make_contact, make_youth

TEMPLATE = engines["django"].from_string(
    "{% load contact_tables %}{% contact_rows contacts site caption %}"
)


class ContactTableTestCase(BaseTestCase):
    def render(self, contacts, language="da") -> str:
        with translation.override(language):
            return TEMPLATE.render({"contacts": contacts, "site": self.site_a, "caption": "Cap"})

    def test_it_links_each_conversation_and_its_young_person(self):
        youth = make_youth(self.site_a, nickname="Ræven")
        contact = make_contact(
            self.site_a, youth, date=timezone.localdate(), themes=["stress"],
            counsellors=[self.volunteer_a],
        )  # fmt: skip
        html = self.render([contact])
        self.assertIn(f'href="/contacts/{contact.code}/"', html)
        self.assertIn(f'href="/s/alpha/youth/{youth.code}/"', html)
        self.assertIn("Ræven", html)
        self.assertIn(self.volunteer_a.full_name, html)
        self.assertIn('<caption class="sr-only">Cap</caption>', html)

    def test_it_speaks_the_readers_language(self):
        contact = make_contact(self.site_a, date=timezone.localdate(), channel="phone")
        self.assertIn("Telefon", self.render([contact], "da"))
        english = self.render([contact], "en")
        self.assertIn("Phone", english)
        self.assertIn(">No<", english)

    def test_it_escapes_what_people_typed(self):
        youth = make_youth(self.site_a, nickname="<b>Ugle</b>")
        html = self.render([make_contact(self.site_a, youth, date=timezone.localdate())])
        self.assertIn("&lt;b&gt;Ugle&lt;/b&gt;", html)
        self.assertNotIn("<b>Ugle", html)

    def test_it_marks_what_is_missing(self):
        contact = make_contact(self.site_a, date=timezone.localdate(), channel="")
        contact.counsellors.clear()
        contact.themes.clear()
        html = self.render([Contact.objects.get(pk=contact.pk)])
        self.assertEqual(html.count("<td>\u2013</td>"), 3)

    def test_it_renders_an_empty_table(self):
        self.assertIn("<tbody>\n\n</tbody>", self.render([]))
