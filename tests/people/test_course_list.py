"""A young person's course rendered in Python (frirum/people/templatetags/course_list.py):
the same markup as the template loop it replaced, kept here as the reference."""

import datetime as dt

from django.template import engines
from django.utils import translation

from frirum.people.selectors import course_contacts
from tests.base import BaseTestCase, make_contact, make_youth

REFERENCE = engines["django"].from_string(
    "{% load i18n %}"
    + '{% for contact in contacts %}<li>\n  <h3 class="h5"><a href="{% url \'contacts:contact_detail\' contact.code %}">{% blocktranslate with number=forloop.counter date=contact.date|date:"DATE_FORMAT" %}{{ number }}. conversation, {{ date }}{% endblocktranslate %}</a>{% if contact.time %} {{ contact.time|time:"H:i" }}{% endif %}</h3>\n  <p>{{ contact.get_kind_display }}{% if contact.channel %} · {{ contact.get_channel_display }}{% endif %}{% if contact.duration_minutes %} · {% blocktranslate with minutes=contact.duration_minutes %}{{ minutes }} min.{% endblocktranslate %}{% endif %}{% if contact.age is not None %} · {% blocktranslate with age=contact.age %}{{ age }} years{% endblocktranslate %}{% endif %}\n  {% if contact.counsellors_list %} · {% for user in contact.counsellors_list %}{{ user.full_name }}{% if not forloop.last %}, {% endif %}{% endfor %}{% endif %}</p>\n  {% if contact.themes_list %}<p><strong>{% translate "Themes" %}:</strong> {% for theme in contact.themes_list %}{{ theme.label }}{% if not forloop.last %}, {% endif %}{% endfor %}</p>{% endif %}\n  {% if contact.bridged %}<p><strong>{% translate "Bridged" %}:</strong> {% for term in contact.bridging_methods_list %}{{ term.label }}{% if not forloop.last %}, {% endif %}{% endfor %}{% if contact.bridging_destinations_list %} → {% for term in contact.bridging_destinations_list %}{{ term.label }}{% if not forloop.last %}, {% endif %}{% endfor %}{% endif %}</p>{% endif %}\n  {% if contact.relative_present %}<p><strong>{% translate "Relative present" %}:</strong> {{ contact.relative_present.label }}</p>{% endif %}\n</li>{% endfor %}\n'.rstrip(
        "\n"
    )
)
PYTHON = engines["django"].from_string("{% load course_list %}{% course_items contacts %}")


class CourseListTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.youth = make_youth(cls.site_a, nickname="Ugle")
        make_contact(
            cls.site_a, cls.youth, date=dt.date(2025, 1, 6), time=dt.time(9, 5), age=17,
            duration_minutes=45, themes=["stress", "grief"],
            counsellors=[cls.chief_a, cls.volunteer_a], bridged=True,
            bridging_methods=["accompanied"], bridging_destinations=["gp"],
        )  # fmt: skip
        make_contact(cls.site_a, cls.youth, date=dt.date(2025, 2, 3), channel="", age=None)
        make_contact(
            cls.site_a, cls.youth, date=dt.date(2025, 3, 3), channel="phone", bridged=True,
            duration_minutes=1500,
        )  # fmt: skip

    def contacts(self):
        return list(course_contacts(youth=self.youth, site=self.site_a))

    def test_it_renders_what_the_template_rendered(self):
        contacts = self.contacts()
        for language in ("da", "en"):
            with translation.override(language):
                expected = REFERENCE.render({"contacts": contacts})
                self.assertEqual(PYTHON.render({"contacts": contacts}), expected)

    def test_it_escapes_what_people_typed(self):
        contacts = self.contacts()
        contacts[0].counsellors_list[0].full_name = "<i>Chef</i>"
        html = PYTHON.render({"contacts": contacts})
        self.assertIn("&lt;i&gt;Chef&lt;/i&gt;", html)
        self.assertNotIn("<i>Chef", html)
        self.assertEqual(REFERENCE.render({"contacts": contacts}), html)

    def test_it_renders_an_empty_course(self):
        self.assertEqual(PYTHON.render({"contacts": []}), "")
