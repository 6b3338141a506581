from tests.base import PASSWORD, BaseTestCase


class LoginTestCase(BaseTestCase):
    def test_it_logs_in_by_email(self):
        r = self.client.post(
            "/login/", {"username": "sekretariat@example.org", "password": PASSWORD}
        )
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_it_locks_out_after_repeated_failures(self):
        for _ in range(5):
            self.client.post(
                "/login/", {"username": "sekretariat@example.org", "password": "wrong"}
            )
        r = self.client.post(
            "/login/", {"username": "sekretariat@example.org", "password": PASSWORD}
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "locked")
        self.secretariat.refresh_from_db()
        self.assertTrue(self.secretariat.is_locked)
