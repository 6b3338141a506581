"""A signed-in request reads its user and their active memberships in one query."""

from frirum.accounts.backends import EmailBackend
from frirum.accounts.models import Membership, Role
from frirum.lib.access import get_site_for_user, member_sites, record_site_ids
from tests.base import BaseTestCase


class UserWithMembershipsTestCase(BaseTestCase):
    def setUp(self):
        self.backend = EmailBackend()

    def test_it_reads_the_user_and_their_sites_in_one_query(self):
        Membership.objects.create(
            user=self.volunteer_a, site=self.satellite_a, role=Role.VOLUNTEER_COUNSELLOR
        )
        with self.assertNumQueries(1):
            user = self.backend.get_user(self.volunteer_a.pk)
            self.assertEqual(user, self.volunteer_a)
            self.assertEqual(member_sites(user), [self.site_a, self.satellite_a])
            # The site's municipality and hub come with it.
            self.assertEqual(member_sites(user)[1].hub, self.site_a)
            self.assertEqual(member_sites(user)[1].municipality, self.furesoe)

    def test_it_leaves_out_ended_memberships(self):
        Membership.objects.create(
            user=self.volunteer_a, site=self.site_b, role=Role.VOLUNTEER_COUNSELLOR, is_active=False
        )
        user = self.backend.get_user(self.volunteer_a.pk)
        with self.assertNumQueries(0):
            self.assertEqual(record_site_ids(user), {self.site_a.id})

    def test_it_reads_a_user_without_memberships_in_one_query(self):
        for user in (self.secretariat, self.viewer_ballerup, self.outsider):
            with self.subTest(user=user.email), self.assertNumQueries(1):
                loaded = self.backend.get_user(user.pk)
                self.assertEqual(loaded, user)
                self.assertEqual(member_sites(loaded), [])

    def test_it_refuses_an_inactive_or_missing_user(self):
        self.volunteer_b.is_active = False
        self.volunteer_b.save(update_fields=["is_active"])
        self.assertIsNone(self.backend.get_user(self.volunteer_b.pk))
        self.assertIsNone(self.backend.get_user(999999))

    def test_it_keeps_the_wrong_site_out_of_the_request(self):
        self.login(self.volunteer_a)
        self.assertEqual(self.client.get(f"/s/{self.site_b.code}/contacts/").status_code, 404)
        self.assertEqual(self.client.get(f"/s/{self.site_a.code}/contacts/").status_code, 200)

    def test_it_answers_a_site_lookup_from_the_same_read(self):
        user = self.backend.get_user(self.volunteer_a.pk)
        request = type("Request", (), {"user": user})()
        with self.assertNumQueries(0):
            self.assertEqual(get_site_for_user(request, self.site_a.code), self.site_a)

    def test_it_refuses_a_user_id_that_is_not_a_key(self):
        # A session holds the id as text; anything but an integer a key can hold is no user.
        for user_id in ("abc", "", None, "1.5", str(2**70), -(2**70)):
            with self.subTest(user_id=user_id), self.assertNumQueries(0):
                self.assertIsNone(self.backend.get_user(user_id))
        self.assertEqual(self.backend.get_user(str(self.volunteer_a.pk)), self.volunteer_a)

    def test_it_reads_the_same_user_as_the_orm(self):
        from frirum.accounts.models import User

        loaded = self.backend.get_user(self.chief_a.pk)
        fresh = User.objects.get(pk=self.chief_a.pk)
        for field in User._meta.concrete_fields:
            with self.subTest(field=field.name):
                self.assertEqual(getattr(loaded, field.attname), getattr(fresh, field.attname))
        self.assertFalse(loaded._state.adding)
        self.assertEqual(loaded._state.db, "default")
