from django_otp.plugins.otp_static.models import StaticDevice

from frirum.accounts.actions import enrol_totp_device, has_two_factor
from frirum.accounts.models import Membership, Role
from frirum.audit.models import AuditAction, AuditEntry
from tests.base import BaseTestCase


class ResetTwoFactorTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for user in (cls.volunteer_a, cls.volunteer_b, cls.secretariat):
            enrol_totp_device(user=user)
        Membership.objects.create(user=cls.secretariat, site=cls.site_a, role=Role.CENTRE_CHIEF)

    def login(self, user):
        # As after the code step: the forced login leaves the second step pending.
        super().login(user)
        session = self.client.session
        session.pop("frirum_2fa", None)
        session.save()

    def url(self, site, user):
        return f"/s/{site}/team/{user.pk}/two-factor/reset/"

    def test_it_shows_who_has_two_factor_on_the_team_page(self):
        self.login(self.chief_a)
        r = self.client.get("/s/alpha/team/")
        row = {m.pk: m.has_two_factor for m in r.context["members"]}
        self.assertTrue(row[self.volunteer_a.pk])
        self.assertFalse(row[self.chief_a.pk])
        self.assertContains(r, self.url("alpha", self.volunteer_a))
        self.assertNotContains(r, self.url("alpha", self.chief_a))
        # Only the secretariat resets the secretariat's.
        self.assertNotContains(r, self.url("alpha", self.secretariat))
        self.login(self.secretariat)
        r = self.client.get("/s/alpha/team/")
        self.assertContains(r, self.url("alpha", self.secretariat))

    def test_it_lets_the_chief_reset_a_member_with_an_audit_entry(self):
        self.login(self.chief_a)
        r = self.client.get(self.url("alpha", self.volunteer_a))
        self.assertEqual(r.status_code, 200)
        self.assertTrue(has_two_factor(self.volunteer_a))  # GET only asks
        r = self.client.post(self.url("alpha", self.volunteer_a))
        self.assertRedirects(r, "/s/alpha/team/", fetch_redirect_response=False)
        self.assertFalse(has_two_factor(self.volunteer_a))
        self.assertFalse(StaticDevice.objects.filter(user=self.volunteer_a).exists())
        entry = AuditEntry.objects.get(action=AuditAction.TWO_FACTOR_RESET)
        self.assertEqual(entry.actor, self.chief_a)
        self.assertEqual(entry.object_id, str(self.volunteer_a.pk))
        self.assertEqual(entry.site, self.site_a)
        # In the site's change log, for the chief to see.
        r = self.client.get("/s/alpha/log/")
        self.assertContains(r, "Totrinsbekræftelse nulstillet")

    def test_it_404s_for_the_wrong_site_and_role(self):
        for user, site, member in (
            (self.chief_b, "alpha", self.volunteer_a),
            (self.chief_a, "alpha", self.volunteer_b),
            (self.chief_a, "beta", self.volunteer_b),
            (self.volunteer_a, "alpha", self.volunteer_a),
            (self.a_employed_counsellor, "alpha", self.volunteer_a),
            (self.viewer_ballerup, "alpha", self.volunteer_a),
        ):
            self.login(user)
            self.assertEqual(self.client.post(self.url(site, member)).status_code, 404, user)
        self.assertTrue(has_two_factor(self.volunteer_a))
        self.assertTrue(has_two_factor(self.volunteer_b))

    def test_it_keeps_a_chief_from_resetting_the_secretariat(self):
        self.login(self.chief_a)
        r = self.client.post(self.url("alpha", self.secretariat))
        self.assertEqual(r.status_code, 403)
        self.assertTrue(has_two_factor(self.secretariat))
        self.assertFalse(AuditEntry.objects.filter(action=AuditAction.TWO_FACTOR_RESET).exists())

    def test_it_lets_the_secretariat_reset_anyone(self):
        self.login(self.secretariat)
        r = self.client.post(self.url("beta", self.volunteer_b))
        self.assertEqual(r.status_code, 302)
        self.assertFalse(has_two_factor(self.volunteer_b))
        self.assertEqual(
            AuditEntry.objects.get(action=AuditAction.TWO_FACTOR_RESET).actor, self.secretariat
        )

    def test_it_has_an_admin_action_for_the_secretariat(self):
        self.login(self.secretariat)
        r = self.client.post(
            "/admin/accounts/user/",
            {
                "action": "reset_two_factor",
                "_selected_action": [self.volunteer_a.pk, self.volunteer_b.pk],
            },
        )
        self.assertEqual(r.status_code, 302)
        self.assertFalse(has_two_factor(self.volunteer_a))
        self.assertFalse(has_two_factor(self.volunteer_b))
        self.assertEqual(AuditEntry.objects.filter(action=AuditAction.TWO_FACTOR_RESET).count(), 2)

    def test_it_hides_the_authenticators_keys_from_the_admin(self):
        self.login(self.secretariat)
        self.assertEqual(self.client.get("/admin/otp_totp/totpdevice/").status_code, 404)
