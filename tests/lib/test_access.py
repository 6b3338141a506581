from django.http import Http404
from django.test import RequestFactory

from frirum.accounts.models import Membership
from frirum.lib.access import (
    can_read_national_reports,
    can_read_record_level_figures,
    can_read_site_records,
    get_report_site_for_user,
    get_site_for_user,
    record_sites,
    report_sites,
)
from tests.base import BaseTestCase


class AccessTestCase(BaseTestCase):
    def request(self, user):
        request = RequestFactory().get("/")
        request.user = user
        return request

    def test_it_gives_members_their_own_sites_only(self):
        self.assertEqual(list(record_sites(self.volunteer_a)), [self.site_a])
        self.assertTrue(can_read_site_records(self.volunteer_a, self.site_a))
        self.assertFalse(can_read_site_records(self.volunteer_a, self.site_b))

    def test_it_gives_the_secretariat_every_site(self):
        self.assertEqual(record_sites(self.secretariat).count(), 5)

    def test_it_gives_municipality_viewers_and_outsiders_no_records(self):
        for user in (self.viewer_ballerup, self.outsider):
            self.assertEqual(list(record_sites(user)), [])
            with self.assertRaises(Http404):
                get_site_for_user(self.request(user), "alpha")

    def test_it_ignores_inactive_memberships(self):
        Membership.objects.filter(user=self.volunteer_a).update(is_active=False)
        self.volunteer_a.refresh_from_db()
        self.assertEqual(list(record_sites(self.volunteer_a)), [])

    def test_it_404s_the_wrong_site_and_unknown_codes(self):
        with self.assertRaises(Http404):
            get_site_for_user(self.request(self.volunteer_a), "beta")
        with self.assertRaises(Http404):
            get_site_for_user(self.request(self.volunteer_a), "nope")
        self.assertEqual(get_site_for_user(self.request(self.volunteer_a), "alpha"), self.site_a)

    def test_it_gives_reports_to_chiefs_viewers_and_the_secretariat(self):
        self.assertEqual(set(report_sites(self.chief_a)), {self.site_a, self.satellite_a})
        self.assertEqual(list(report_sites(self.chief_b)), [self.site_b])
        self.assertEqual(list(report_sites(self.volunteer_a)), [])
        self.assertEqual(list(report_sites(self.viewer_ballerup)), [self.site_a])
        self.assertEqual(report_sites(self.secretariat).count(), 5)
        with self.assertRaises(Http404):
            get_report_site_for_user(self.request(self.viewer_ballerup), "beta")

    def test_it_keeps_national_and_record_level_figures_to_the_right_roles(self):
        self.assertTrue(can_read_national_reports(self.secretariat))
        self.assertFalse(can_read_national_reports(self.chief_a))
        self.assertTrue(can_read_record_level_figures(self.chief_a, self.site_a))
        self.assertTrue(can_read_record_level_figures(self.chief_a, self.satellite_a))
        self.assertFalse(can_read_record_level_figures(self.chief_a, self.site_b))
        self.assertFalse(can_read_record_level_figures(self.viewer_ballerup, self.site_a))
