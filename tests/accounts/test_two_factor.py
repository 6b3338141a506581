from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frirum.accounts.actions import enrol_totp_device, has_two_factor
from frirum.audit.models import AuditAction, AuditEntry
from tests.accounts.helpers import KEY, totp_code
from tests.base import PASSWORD, BaseTestCase


class TwoFactorSignInTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        _, cls.codes = enrol_totp_device(user=cls.volunteer_a, key=KEY)

    def password_step(self, next_url=""):
        url = "/login/" + (f"?next={next_url}" if next_url else "")
        return self.client.post(url, {"username": self.volunteer_a.email, "password": PASSWORD})

    def test_it_asks_for_the_code_after_the_password(self):
        r = self.password_step("/s/alpha/dashboard/")
        self.assertRedirects(
            r, "/login/code/?next=%2Fs%2Falpha%2Fdashboard%2F", fetch_redirect_response=False
        )
        self.assertFalse(AuditEntry.objects.filter(action=AuditAction.SIGN_IN).exists())

    def test_it_lets_nothing_through_before_the_code(self):
        self.password_step()
        for url in ("/", "/s/alpha/team/", "/admin/", "/account/two-factor/"):
            r = self.client.get(url)
            self.assertEqual(r.status_code, 302, url)
            self.assertTrue(r["Location"].startswith("/login/code/"), url)

    def test_it_tells_htmx_to_navigate(self):
        self.password_step()
        r = self.client.get("/", headers={"HX-Request": "true"})
        self.assertEqual(r.status_code, 204)
        self.assertEqual(r["HX-Redirect"], "/login/code/")

    def test_it_signs_in_with_the_code(self):
        self.password_step("/s/alpha/dashboard/")
        r = self.client.post("/login/code/", {"code": totp_code(), "next": "/s/alpha/dashboard/"})
        self.assertRedirects(r, "/s/alpha/dashboard/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/").status_code, 302)  # home sends to the site
        self.assertEqual(self.client.get("/account/two-factor/").status_code, 200)
        entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN)
        self.assertEqual(entry.actor, self.volunteer_a)
        self.assertEqual(entry.object_id, str(self.volunteer_a.pk))
        self.assertEqual(entry.changes, {"method": [None, "totp"]})

    def test_it_refuses_a_wrong_code_and_audits_it(self):
        self.password_step()
        wrong = f"{(int(totp_code()) + 1) % 1000000:06d}"
        r = self.client.post("/login/code/", {"code": wrong})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "form-error-message")
        self.assertContains(r, f'value="{wrong}"')
        self.assertEqual(self.client.get("/").status_code, 302)
        entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN_FAILED)
        self.assertEqual(entry.object_id, str(self.volunteer_a.pk))
        self.assertEqual(entry.changes, {"step": [None, "code"]})

    def test_it_refuses_the_same_code_twice(self):
        code = totp_code()
        self.password_step()
        self.client.post("/login/code/", {"code": code})
        self.client.post("/logout/")
        self.password_step()
        r = self.client.post("/login/code/", {"code": code})
        self.assertEqual(r.status_code, 200)

    def test_it_accepts_a_recovery_code_once(self):
        code = self.codes[0]
        self.password_step()
        r = self.client.post("/login/code/", {"code": code.upper()}, follow=True)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "gendannelseskode")
        entry = AuditEntry.objects.get(action=AuditAction.RECOVERY_CODE_USED)
        self.assertEqual(entry.changes, {"left": [None, 9]})
        self.assertEqual(
            AuditEntry.objects.get(action=AuditAction.SIGN_IN).changes,
            {"method": [None, "recovery"]},
        )
        self.client.post("/logout/")
        self.password_step()
        r = self.client.post("/login/code/", {"code": code})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "form-error-message")

    def test_it_sends_the_code_page_away_without_a_pending_step(self):
        self.assertRedirects(
            self.client.get("/login/code/"), "/login/", fetch_redirect_response=False
        )
        self.login(self.volunteer_b)
        self.assertEqual(self.client.get("/login/code/").status_code, 302)

    def test_it_lets_a_user_without_an_authenticator_in_when_optional(self):
        # The demo: DEBUG=True, FRIRUM_REQUIRE_2FA off.
        r = self.client.post("/login/", {"username": self.volunteer_b.email, "password": PASSWORD})
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        self.assertEqual(
            AuditEntry.objects.get(action=AuditAction.SIGN_IN).changes,
            {"method": [None, "password"]},
        )

    def test_it_lets_the_user_sign_out_before_the_code(self):
        self.password_step()
        self.client.post("/logout/")
        self.assertNotIn("_auth_user_id", self.client.session)


class RequiredEnrolmentTestCase(BaseTestCase):
    def setUp(self):
        # In setUp: tests/conftest.py makes it optional for every test before this runs.
        self.enterContext(override_settings(FRIRUM_REQUIRE_2FA=True))

    def sign_in(self, user):
        return self.client.post("/login/", {"username": user.email, "password": PASSWORD})

    def test_it_sends_a_user_without_an_authenticator_to_the_set_up(self):
        r = self.sign_in(self.volunteer_a)
        self.assertRedirects(
            r, "/account/two-factor/set-up/?next=%2F", fetch_redirect_response=False
        )
        r = self.client.get("/s/alpha/dashboard/")
        self.assertTrue(r["Location"].startswith("/account/two-factor/set-up/"))

    def test_it_sets_up_an_authenticator_and_shows_recovery_codes(self):
        self.sign_in(self.volunteer_a)
        r = self.client.get("/account/two-factor/set-up/")
        self.assertContains(r, "<svg")
        device = TOTPDevice.objects.get(user=self.volunteer_a, confirmed=False)
        # The key behind a scanned QR code stays the same on a reload.
        self.client.get("/account/two-factor/set-up/")
        self.assertEqual(TOTPDevice.objects.get(user=self.volunteer_a).pk, device.pk)
        r = self.client.post("/account/two-factor/set-up/", {"code": totp_code(device.key)})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(len(r.context["codes"]), 10)
        for code in r.context["codes"]:
            self.assertContains(r, code)
        self.assertTrue(has_two_factor(self.volunteer_a))
        self.assertEqual(self.client.get("/s/alpha/dashboard/").status_code, 200)
        entry = AuditEntry.objects.get(action=AuditAction.TWO_FACTOR_ENROL)
        self.assertEqual(entry.actor, self.volunteer_a)

    def test_it_keeps_the_set_up_on_a_wrong_code(self):
        self.sign_in(self.volunteer_a)
        self.client.get("/account/two-factor/set-up/")
        r = self.client.post("/account/two-factor/set-up/", {"code": "000000"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "form-error-message")
        self.assertContains(r, 'value="000000"')
        self.assertFalse(has_two_factor(self.volunteer_a))
        self.assertEqual(self.client.get("/").status_code, 302)

    def test_it_asks_a_user_with_an_authenticator_for_the_code(self):
        enrol_totp_device(user=self.volunteer_a, key=KEY)
        r = self.sign_in(self.volunteer_a)
        self.assertTrue(r["Location"].startswith("/login/code/"))
        r = self.client.post("/login/code/", {"code": totp_code()})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.client.get("/s/alpha/dashboard/").status_code, 200)

    def test_it_sends_a_user_who_removes_the_authenticator_to_a_new_set_up(self):
        enrol_totp_device(user=self.volunteer_a, key=KEY)
        self.sign_in(self.volunteer_a)
        self.client.post("/login/code/", {"code": totp_code()})
        r = self.client.post("/account/two-factor/remove/", {"password": PASSWORD})
        self.assertRedirects(r, "/account/two-factor/set-up/", fetch_redirect_response=False)
        self.assertTrue(self.client.get("/")["Location"].startswith("/account/two-factor/set-up/"))


class OwnTwoFactorTestCase(BaseTestCase):
    def test_it_needs_the_password_to_remove(self):
        enrol_totp_device(user=self.volunteer_a, key=KEY)
        self.login(self.volunteer_a)
        self.client.post("/login/code/", {"code": totp_code()})
        r = self.client.post("/account/two-factor/remove/", {"password": "wrong"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "form-error-message")
        self.assertTrue(has_two_factor(self.volunteer_a))
        r = self.client.post("/account/two-factor/remove/", {"password": PASSWORD})
        self.assertRedirects(r, "/account/two-factor/", fetch_redirect_response=False)
        self.assertFalse(has_two_factor(self.volunteer_a))
        self.assertEqual(
            AuditEntry.objects.get(action=AuditAction.TWO_FACTOR_REMOVE).actor, self.volunteer_a
        )

    def test_it_renews_the_recovery_codes(self):
        _, old = enrol_totp_device(user=self.volunteer_a, key=KEY)
        self.login(self.volunteer_a)
        self.client.post("/login/code/", {"code": totp_code()})
        r = self.client.post("/account/two-factor/recovery-codes/", {"password": PASSWORD})
        new = r.context["codes"]
        self.assertEqual(len(new), 10)
        tokens = set(StaticToken.objects.values_list("token", flat=True))
        self.assertEqual(tokens, set(new))
        self.assertFalse(tokens & set(old))
        self.assertTrue(AuditEntry.objects.filter(action=AuditAction.RECOVERY_CODES).exists())

    def test_it_refuses_get_on_changes(self):
        self.login(self.volunteer_b)
        self.assertEqual(self.client.get("/account/two-factor/remove/").status_code, 405)

    def test_it_shows_the_status(self):
        self.login(self.volunteer_b)
        r = self.client.get("/account/two-factor/")
        self.assertContains(r, 'href="/account/two-factor/set-up/"')


class EnrolForOperationsTestCase(BaseTestCase):
    def test_it_gives_a_device_with_a_known_key(self):
        device, codes = enrol_totp_device(user=self.volunteer_a, key=KEY.upper())
        self.assertEqual(device.key, KEY)
        self.assertTrue(device.confirmed)
        self.assertEqual(len(codes), 10)
        self.assertTrue(device.verify_token(totp_code()))
        self.assertEqual(
            AuditEntry.objects.get(action=AuditAction.TWO_FACTOR_ENROL).changes,
            {"by": [None, "operations"]},
        )

    def test_it_replaces_the_earlier_device(self):
        enrol_totp_device(user=self.volunteer_a)
        enrol_totp_device(user=self.volunteer_a, key=KEY)
        self.assertEqual(TOTPDevice.objects.filter(user=self.volunteer_a).count(), 1)

    def test_it_refuses_a_key_that_is_not_hex(self):
        with self.assertRaises(ValidationError):
            enrol_totp_device(user=self.volunteer_a, key="not a key")
        self.assertFalse(has_two_factor(self.volunteer_a))

    def test_it_has_a_command(self):
        from io import StringIO

        out = StringIO()
        call_command("enrol_totp", self.volunteer_a.email, key=KEY, stdout=out)
        self.assertIn("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", out.getvalue())
        self.assertTrue(has_two_factor(self.volunteer_a))
