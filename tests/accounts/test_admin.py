from tests.base import BaseTestCase


class AdminAccessTestCase(BaseTestCase):
    def test_it_lets_the_secretariat_edit_taxonomies(self):
        self.login(self.secretariat)
        r = self.client.get("/admin/taxonomies/term/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "family_friends_conflict")

    def test_it_lets_the_secretariat_in_without_superuser(self):
        self.secretariat.is_staff = False
        self.secretariat.save(update_fields=["is_staff"])
        self.login(self.secretariat)
        self.assertEqual(self.client.get("/admin/sites/site/").status_code, 200)

    def test_it_keeps_volunteers_and_chiefs_out(self):
        for user in (self.volunteer_a, self.chief_a, self.viewer_ballerup):
            self.login(user)
            r = self.client.get("/admin/taxonomies/term/")
            self.assertEqual(r.status_code, 302, user)

    def test_it_never_lets_a_term_code_change(self):
        self.login(self.secretariat)
        from frirum.taxonomies.models import Term

        term = Term.objects.get(vocabulary="youth_theme", code="anxiety")
        r = self.client.get(f"/admin/taxonomies/term/{term.pk}/change/")
        self.assertNotContains(r, 'name="code"')
