"""Messages after an action are the design system's alerts, each with its icon."""

from django.contrib.messages import constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.base import BaseTestCase
from tests.contacts.factories import contact_post


class MessagesTestCase(BaseTestCase):
    def render(self, level: int, text: str) -> str:
        request = RequestFactory().get("/")
        request.user = self.volunteer_a
        request.session = self.client.session
        request._messages = FallbackStorage(request)
        request._messages.add(level, text)
        return render_to_string("base.html", request=request)

    def test_it_shows_each_kind_with_its_class_and_icon(self):
        for level, kind, icon in (
            (constants.SUCCESS, "success", "check"),
            (constants.INFO, "info", "info"),
            (constants.WARNING, "warning", "warning"),
            (constants.ERROR, "error", "error"),
        ):
            with self.subTest(kind=kind):
                html = self.render(level, "Besked")
                self.assertIn(f'class="alert alert-{kind}" role="status"', html)
                self.assertIn(f'all-svg-icons.svg#{icon}"', html)
                self.assertIn('class="icon-svg alert-icon" aria-hidden="true"', html)

    def test_it_shows_the_registration_s_success_with_the_check(self):
        self.login(self.volunteer_a)
        r = self.client.post(
            f"/s/{self.site_a.code}/contacts/new/",
            contact_post(self.site_a, counsellors=[self.volunteer_a.pk]),
            follow=True,
        )
        self.assertContains(r, 'class="alert alert-success"')
        self.assertContains(r, "all-svg-icons.svg#check")
