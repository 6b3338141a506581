import time

from django.test import override_settings

from frirum.accounts.session import SEEN_AT, SIGNED_IN_AT
from frirum.audit.models import AuditAction, AuditEntry
from tests.base import BaseTestCase


class SessionTimeoutTestCase(BaseTestCase):
    def age(self, *, seen_minutes_ago=0, signed_in_hours_ago=0):
        session = self.client.session
        session[SEEN_AT] = time.time() - seen_minutes_ago * 60
        session[SIGNED_IN_AT] = time.time() - signed_in_hours_ago * 3600
        session.save()

    def test_it_signs_out_after_30_idle_minutes(self):
        self.login(self.chief_a)
        self.age(seen_minutes_ago=31)
        r = self.client.get("/s/alpha/team/")
        self.assertRedirects(r, "/login/?next=/s/alpha/team/", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)
        entry = AuditEntry.objects.get(action=AuditAction.SIGN_OUT)
        self.assertEqual(entry.actor, self.chief_a)
        self.assertEqual(entry.changes, {"reason": [None, "idle"]})

    def test_it_keeps_an_active_session(self):
        self.login(self.chief_a)
        self.age(seen_minutes_ago=29, signed_in_hours_ago=9)
        self.assertEqual(self.client.get("/s/alpha/team/").status_code, 200)
        # The request counts as activity.
        self.assertLess(time.time() - self.client.session[SEEN_AT], 5)

    def test_it_signs_out_after_the_absolute_lifetime_however_active(self):
        self.login(self.chief_a)
        self.age(seen_minutes_ago=1, signed_in_hours_ago=10.1)
        r = self.client.get("/s/alpha/team/")
        self.assertEqual(r.status_code, 302)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(
            AuditEntry.objects.get(action=AuditAction.SIGN_OUT).changes,
            {"reason": [None, "max_age"]},
        )

    @override_settings(FRIRUM_SESSION_IDLE_MINUTES=5, FRIRUM_SESSION_MAX_HOURS=1)
    def test_it_reads_the_limits_from_the_settings(self):
        self.login(self.chief_a)
        self.age(seen_minutes_ago=6)
        self.assertEqual(self.client.get("/s/alpha/team/").status_code, 302)
        self.login(self.chief_a)
        self.age(seen_minutes_ago=1, signed_in_hours_ago=1.1)
        self.assertEqual(self.client.get("/s/alpha/team/").status_code, 302)

    def test_it_tells_htmx_to_navigate_to_the_login(self):
        self.login(self.chief_a)
        self.age(seen_minutes_ago=31)
        r = self.client.get("/s/alpha/team/", headers={"HX-Request": "true"})
        self.assertEqual(r["HX-Redirect"], "/login/")

    def test_it_leaves_anonymous_visitors_alone(self):
        self.assertEqual(self.client.get("/login/").status_code, 200)
