"""A read compiled once and run with new values answers what its queryset would."""

import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from frirum.accounts.models import Membership, User
from frirum.lib.compiled import MAX_VALUES, CompiledRead
from frirum.sites.models import Site
from tests.base import BaseTestCase


class CompiledReadTestCase(BaseTestCase):
    def test_it_answers_what_the_queryset_answers(self):
        read = CompiledRead(
            lambda site_id: (
                Membership.objects.filter(site_id=site_id)
                .select_related("user", "site__municipality", "site__hub")
                .order_by("pk")
            )
        )
        for site in (self.site_a, self.site_b, self.satellite_a):
            expected = list(
                Membership.objects.filter(site=site)
                .select_related("user", "site__municipality", "site__hub")
                .order_by("pk")
            )
            with self.subTest(site=site.code), self.assertNumQueries(1):
                got = read.fetch(site.pk)
                self.assertEqual(got, expected)
                # The joined objects come with them, typed as the ORM types them.
                for mine, theirs in zip(got, expected, strict=True):
                    self.assertEqual(mine.user.email, theirs.user.email)
                    self.assertIs(type(mine.is_active), bool)
                    self.assertEqual(mine.site.municipality, theirs.site.municipality)
                    self.assertEqual(mine.site.hub, theirs.site.hub)

    def test_it_answers_an_empty_list_for_no_rows(self):
        read = CompiledRead(lambda pk: User.objects.filter(pk=pk))
        with self.assertNumQueries(1):
            self.assertEqual(read.fetch(0), [])

    def test_it_compiles_once_and_reuses_the_sql(self):
        calls = []

        def build(pk):
            calls.append(pk)
            return User.objects.filter(pk=pk)

        read = CompiledRead(build)
        self.assertEqual(read.fetch(self.volunteer_a.pk), [self.volunteer_a])
        self.assertEqual(read.fetch(self.volunteer_b.pk), [self.volunteer_b])
        self.assertEqual(len(calls), 1)
        self.assertNotIn(calls[0], (self.volunteer_a.pk, self.volunteer_b.pk))

    def test_it_puts_a_value_everywhere_it_is_used(self):
        read = CompiledRead(
            lambda site_id, left_out: (
                Site.objects.filter(Q(pk=site_id) | Q(hub_id=site_id))
                .exclude(pk=left_out)
                .order_by("pk")
            ),
            arity=2,
        )
        self.assertEqual(read.fetch(self.site_a.pk, 0), [self.site_a, self.satellite_a])
        self.assertEqual(read.fetch(self.site_a.pk, self.site_a.pk), [self.satellite_a])
        self.assertEqual(read.fetch(self.site_b.pk, 0), [self.site_b])

    def test_it_refuses_a_value_the_orm_rewrites(self):
        # The value of a text search reaches the SQL as a pattern, not as itself.
        read = CompiledRead(lambda code: Site.objects.filter(code__startswith=code))
        with self.assertRaises(ImproperlyConfigured):
            read.fetch("hs")

    def test_it_converts_dates_and_times(self):
        read = CompiledRead(lambda pk: User.objects.filter(pk=pk))
        user = read.fetch(self.volunteer_a.pk)[0]
        self.assertIsInstance(user.date_joined, dt.datetime)
        self.assertIsNotNone(user.date_joined.tzinfo)
        self.assertEqual(user.date_joined, User.objects.get(pk=user.pk).date_joined)

    def test_it_refuses_a_value_that_does_not_reach_the_sql(self):
        read = CompiledRead(lambda pk: User.objects.all())
        with self.assertRaises(ImproperlyConfigured):
            read.fetch(1)

    def test_it_refuses_a_prefetch(self):
        read = CompiledRead(lambda pk: User.objects.filter(pk=pk).prefetch_related("memberships"))
        with self.assertRaises(ImproperlyConfigured):
            read.fetch(1)

    def test_it_refuses_the_wrong_number_of_values(self):
        read = CompiledRead(lambda pk: User.objects.filter(pk=pk))
        with self.assertRaises(TypeError):
            read.fetch(1, 2)
        with self.assertRaises(ValueError):
            CompiledRead(lambda *values: User.objects.none(), arity=17)
        with self.assertRaises(ValueError):
            CompiledRead(lambda *values: User.objects.none(), arity=0)
        any_number = CompiledRead(lambda *pks: User.objects.filter(pk__in=pks), arity=None)
        self.assertFalse(any_number.fits(0))
        self.assertFalse(any_number.fits(MAX_VALUES + 1))
        with self.assertRaises(TypeError):
            any_number.fetch()

    def test_it_compiles_a_read_by_a_list_once_per_length(self):
        calls = []

        def build(*pks):
            calls.append(len(pks))
            return User.objects.filter(pk__in=pks).order_by("pk")

        read = CompiledRead(build, arity=None)
        a, b = self.volunteer_a, self.volunteer_b
        self.assertEqual(read.fetch(a.pk), [a])
        self.assertEqual(read.fetch(b.pk), [b])
        self.assertEqual(read.fetch(a.pk, b.pk), sorted([a, b], key=lambda u: u.pk))
        self.assertEqual(read.fetch(a.pk, 0), [a])
        self.assertEqual(read.fetch(*range(-MAX_VALUES, 0)), [])
        self.assertEqual(calls, [1, 2, MAX_VALUES])


class CompiledTextReadTestCase(BaseTestCase):
    def test_it_reads_by_text_compared_for_equality(self):
        read = CompiledRead(lambda code: Site.objects.filter(code=code))
        self.assertEqual(read.fetch(self.site_a.code), [self.site_a])
        self.assertEqual(read.fetch(self.site_b.code), [self.site_b])
        self.assertEqual(read.fetch("no-such-site"), [])
        # Quotes and other SQL are a value like any other.
        self.assertEqual(read.fetch("alpha' OR '1'='1"), [])
