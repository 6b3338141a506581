import re

from django.core import mail

from frirum.audit.models import AuditAction, AuditEntry
from tests.accounts.helpers import stopped_clock
from tests.base import PASSWORD, BaseTestCase

NEW_PASSWORD = "a brand new long passphrase"


class PasswordResetTestCase(BaseTestCase):
    def request_link(self, email):
        return self.client.post("/password/reset/", {"email": email})

    def test_it_sends_a_link_by_email(self):
        r = self.request_link(self.volunteer_a.email.upper())
        self.assertRedirects(r, "/password/reset/sent/", fetch_redirect_response=False)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, [self.volunteer_a.email])
        self.assertIn("adgangskode", mail.outbox[0].subject)

    def test_it_answers_the_same_for_an_unknown_email(self):
        r = self.request_link("nobody@example.org")
        self.assertRedirects(r, "/password/reset/sent/", fetch_redirect_response=False)
        self.assertEqual(len(mail.outbox), 0)

    def test_it_keeps_what_was_typed_on_bad_input(self):
        r = self.request_link("not an e-mail")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "form-error-message")
        self.assertContains(r, 'value="not an e-mail"')

    def link(self):
        self.request_link(self.volunteer_a.email)
        return re.search(r"https?://[^/]+(/password/reset/\S+/)", mail.outbox[0].body).group(1)

    def test_it_sets_a_new_password_through_the_link(self):
        r = self.client.get(self.link(), follow=True)
        form_url = r.redirect_chain[-1][0]
        r = self.client.post(
            form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
        self.assertRedirects(r, "/password/reset/complete/", fetch_redirect_response=False)
        self.volunteer_a.refresh_from_db()
        self.assertTrue(self.volunteer_a.check_password(NEW_PASSWORD))
        entry = AuditEntry.objects.get(action=AuditAction.PASSWORD_RESET)
        self.assertEqual(entry.object_id, str(self.volunteer_a.pk))
        r = self.client.post("/login/", {"username": self.volunteer_a.email, "password": PASSWORD})
        self.assertEqual(r.status_code, 200)

    def test_it_refuses_a_weak_password_and_a_used_link(self):
        link = self.link()
        form_url = self.client.get(link, follow=True).redirect_chain[-1][0]
        r = self.client.post(form_url, {"new_password1": "123", "new_password2": "123"})
        self.assertContains(r, "form-error-message")
        self.client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        r = self.client.get(link, follow=True)
        self.assertContains(r, "alert-error")

    @stopped_clock()
    def test_it_slows_down_a_flood_of_requests_for_one_email(self, _clock):
        for _ in range(3):
            self.request_link(self.volunteer_a.email)
        r = self.request_link(self.volunteer_a.email)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "For mange mislykkede forsøg")
        self.assertEqual(len(mail.outbox), 3)
        # The same answer for an e-mail without an account.
        for _ in range(3):
            self.request_link("nobody@example.org")
        self.assertContains(self.request_link("nobody@example.org"), "For mange mislykkede forsøg")
