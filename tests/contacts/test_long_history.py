"""The workspace pages cost the same at a centre with ten years of history as at a new one.

Site A has 4,000 conversations over ten years and 200 today; site B is new, with a few. Each
page issues the same number of queries at both, and on PostgreSQL no step of its query plans
expects more rows than its window holds (tests/long_history.py).
"""

import datetime as dt
import unittest

from django.db import connection
from django.test import override_settings
from django.utils import timezone

from frirum.contacts.selectors import site_dashboard
from frirum.people.models import Youth
from frirum.trash.models import DeletedKind, DeletedRecord
from tests.base import BaseTestCase, make_contact, make_youth
from tests.contacts.factories import contact_post
from tests.long_history import (
    MAX_PLAN_ROWS,
    TODAY_CONTACTS,
    analyze,
    build_history,
    capture,
    full_scans,
    largest_plan_rows,
)

POSTGRES = connection.vendor == "postgresql"
COURSE_LENGTH = 40
BIG_TABLES = ("contacts_contact", "contacts_contact_counsellors", "contacts_contact_themes")


# What a page costs when it renders (after any change at the site), not when it is served
# from the site's cache (frirum/audit/fragments.py).
@override_settings(FRIRUM_SITE_CACHE_SECONDS=0)
class LongHistoryTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.today = timezone.localdate()
        cls.old_youth = build_history(
            cls.site_a, today=cls.today, counsellor=cls.volunteer_a, network_site=cls.chat
        )
        cls.fox_a = make_youth(cls.site_a, nickname="Ræven")
        cls.fox_b = make_youth(cls.site_b, nickname="Ræven")
        for site, fox, user in ((cls.site_a, cls.fox_a, cls.volunteer_a),):
            make_contact(site, fox, date=cls.today, counsellors=[user], themes=["anxiety"])
        # A course of ten years at site A: its page costs the same as a one-conversation course.
        cls.regular = make_youth(cls.site_a, nickname="Uglen")
        for n in range(COURSE_LENGTH):
            make_contact(
                cls.site_a,
                cls.regular,
                date=cls.today - dt.timedelta(days=90 * n),
                counsellors=[cls.volunteer_a],
                themes=["anxiety", "stress"],
                note=f"Samtale {n}",
            )
        # This month's deletions at both sites, and ten years of older ones at site A.
        for site, user, ages in (
            (cls.site_a, cls.chief_a, [1, 2] + [40 + 30 * n for n in range(120)]),
            (cls.site_b, cls.chief_b, [1, 2]),
        ):
            for days in ages:
                record = DeletedRecord.objects.create(
                    site=site, kind=DeletedKind.CONTACT, code=f"K{days}", deleted_by=user
                )
                DeletedRecord.objects.filter(pk=record.pk).update(
                    deleted_at=timezone.now() - dt.timedelta(days=days)
                )
        # The new site: a few conversations, today and within the open-course window.
        for days in (0, 0, 3, 20):
            make_contact(
                cls.site_b,
                cls.fox_b if days == 0 else None,
                date=cls.today - dt.timedelta(days=days),
                counsellors=[cls.volunteer_b],
                themes=["anxiety"],
            )
        analyze()

    def pages(self, site, youth) -> list[str]:
        code = site.code
        return [
            f"/s/{code}/dashboard/",
            f"/s/{code}/contacts/",
            f"/s/{code}/contacts/?date_from={self.today:%Y-%m-%d}&date_to={self.today:%Y-%m-%d}",
            f"/s/{code}/youth/",
            f"/s/{code}/youth/?q=ræv",
            f"/s/{code}/youth/?q=r",
            f"/s/{code}/youth/search/?youth_q=Ræv",
            f"/s/{code}/youth/search/?youth_q=Ræv&youth={youth.code}",
            f"/s/{code}/youth/{youth.code}/",
            f"/s/{code}/youth/{self.course_of(site).code}/",
            f"/s/{code}/contacts/new/",
            f"/s/{code}/contacts/new/?youth={youth.code}",
            f"/s/{code}/groups/new/",
            f"/s/{code}/youth/{youth.code}/edit/",
            f"/contacts/{youth.contacts.filter(site=site).latest('date', 'id').code}/",
        ]

    def course_of(self, site) -> Youth:
        """A young person with a course at the site: ten years long at site A, one
        conversation at site B."""
        return self.regular if site == self.site_a else self.fox_b

    def chief_pages(self, site) -> list[str]:
        """What a centre chief opens on an opening day: the site's overview (dashboard), the
        team, the change log, this month's deletions and the site's questionnaires."""
        code = site.code
        return [
            "/",
            f"/s/{code}/dashboard/",
            f"/s/{code}/team/",
            f"/s/{code}/log/",
            f"/s/{code}/deleted/",
            f"/questionnaires/sites/{code}/",
        ]

    def deep_pages(self) -> list[str]:
        """Later pages, which only the long history has."""
        return ["/s/alpha/contacts/?page=3", "/s/alpha/youth/?page=3"]

    def test_it_shows_every_page_in_as_many_queries_as_at_a_new_site(self):
        self.login(self.volunteer_a)
        long_pages = self.pages(self.site_a, self.fox_a)
        counts_a = []
        for url in long_pages:
            response, sqls = capture(self.client, "get", url)
            self.assertEqual(response.status_code, 200, url)
            counts_a.append(len(sqls))
        self.login(self.volunteer_b)
        for url, count_a in zip(self.pages(self.site_b, self.fox_b), counts_a, strict=True):
            with self.subTest(url=url):
                response, sqls = capture(self.client, "get", url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(len(sqls), count_a)

    def test_it_registers_a_conversation_in_as_many_queries_as_at_a_new_site(self):
        for mode in ("existing", "new"):
            counts = []
            for site, user, fox in (
                (self.site_a, self.volunteer_a, self.fox_a),
                (self.site_b, self.volunteer_b, self.fox_b),
            ):
                self.login(user)
                data = contact_post(
                    site,
                    youth_mode=mode,
                    youth=fox.code if mode == "existing" else None,
                    counsellors=[str(user.pk)],
                    date=f"{self.today:%Y-%m-%d}",
                )
                url = f"/s/{site.code}/contacts/new/"
                response, sqls = capture(self.client, "post", url, data)
                self.assertEqual(response.status_code, 302, response.content[:2000])
                counts.append(len(sqls))
            self.assertEqual(counts[0], counts[1], mode)

    def test_it_shows_the_chiefs_pages_in_as_many_queries_as_at_a_new_site(self):
        counts = {}
        for site, user in ((self.site_a, self.chief_a), (self.site_b, self.chief_b)):
            self.login(user)
            for index, url in enumerate(self.chief_pages(site)):
                response, sqls = capture(self.client, "get", url)
                self.assertIn(response.status_code, (200, 302), url)
                counts.setdefault(index, []).append((url, len(sqls)))
        for (url_a, count_a), (_, count_b) in counts.values():
            with self.subTest(url=url_a):
                self.assertEqual(count_a, count_b)

    def test_it_lists_only_this_months_deletions(self):
        self.login(self.chief_a)
        response = self.client.get("/s/alpha/deleted/")
        self.assertContains(response, "K2")
        self.assertNotContains(response, "K40")

    @unittest.skipUnless(POSTGRES, "row estimates come from PostgreSQL's planner")
    def test_it_plans_no_step_over_the_pages_window(self):
        self.login(self.volunteer_a)
        for url in self.pages(self.site_a, self.fox_a) + self.deep_pages():
            with self.subTest(url=url):
                _, sqls = capture(self.client, "get", url)
                rows, sql = largest_plan_rows(sqls)
                self.assertLessEqual(rows, MAX_PLAN_ROWS, sql)

    @unittest.skipUnless(POSTGRES, "row estimates come from PostgreSQL's planner")
    def test_it_plans_no_step_of_the_chiefs_pages_over_the_window(self):
        self.login(self.chief_a)
        for url in self.chief_pages(self.site_a):
            with self.subTest(url=url):
                _, sqls = capture(self.client, "get", url)
                rows, sql = largest_plan_rows(sqls)
                self.assertLessEqual(rows, MAX_PLAN_ROWS, sql)

    @unittest.skipUnless(POSTGRES, "row estimates come from PostgreSQL's planner")
    def test_it_plans_the_registration_within_the_window(self):
        self.login(self.volunteer_a)
        data = contact_post(
            self.site_a,
            youth_mode="existing",
            youth=self.fox_a.code,
            counsellors=[str(self.volunteer_a.pk)],
        )
        _, sqls = capture(self.client, "post", "/s/alpha/contacts/new/", data)
        rows, sql = largest_plan_rows(sqls)
        self.assertLessEqual(rows, MAX_PLAN_ROWS, sql)

    @unittest.skipIf(POSTGRES, "SQLite's plans: PostgreSQL's are checked by their row estimates")
    def test_it_reads_no_conversation_table_whole_on_sqlite(self):
        self.login(self.volunteer_a)
        for url in self.pages(self.site_a, self.fox_a) + self.deep_pages():
            with self.subTest(url=url):
                _, sqls = capture(self.client, "get", url)
                self.assertEqual(full_scans(sqls, BIG_TABLES), [])

    @unittest.skipIf(POSTGRES, "SQLite's plans: PostgreSQL's are checked by their row estimates")
    def test_it_searches_without_reading_every_young_person_on_sqlite(self):
        # Three letters or more go through the FTS5 trigram table (frirum/people/search_index).
        self.login(self.volunteer_a)
        for url in (
            "/s/alpha/youth/?q=ræv",
            "/s/alpha/youth/?q=Y0001234",
            "/s/alpha/youth/search/?youth_q=Ræv",
            "/s/alpha/contacts/new/?youth_q=gammel",
        ):
            with self.subTest(url=url):
                _, sqls = capture(self.client, "get", url)
                self.assertEqual(full_scans(sqls, ("people_youth",)), [])


class DashboardWindowTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.today = timezone.localdate()
        build_history(
            cls.site_a, today=cls.today, counsellor=cls.volunteer_a, network_site=cls.chat
        )

    def test_it_limits_todays_list_and_links_to_all_of_today(self):
        self.login(self.volunteer_a)
        r = self.client.get("/s/alpha/dashboard/")
        dash = r.context["dash"]
        self.assertEqual(dash.today_contact_count, TODAY_CONTACTS)
        self.assertEqual(len(dash.today_contacts), 50)
        day = f"{self.today:%Y-%m-%d}"
        self.assertContains(r, f"?date_from={day}&amp;date_to={day}")

    def test_it_counts_open_courses_in_the_window_only(self):
        dash = site_dashboard(self.site_a, day=self.today)
        since = self.today - dt.timedelta(days=56)
        expected = set(
            Youth.objects.filter(contacts__site=self.site_a, contacts__date__gte=since)
            .values_list("pk", flat=True)
            .distinct()
        )
        self.assertEqual(dash.open_course_count, len(expected))
        self.assertEqual(len(dash.open_courses), 20)
        lasts = [youth.last_contact_on for youth in dash.open_courses]
        self.assertEqual(lasts, sorted(lasts, reverse=True))
        first = dash.open_courses[0]
        self.assertEqual(first.contact_count, first.contacts.filter(site=self.site_a).count())

    def test_it_lists_young_people_by_latest_conversation_page_by_page(self):
        self.login(self.volunteer_a)
        r = self.client.get("/s/alpha/youth/")
        page = r.context["page"]
        self.assertEqual(len(page.object_list), 50)
        self.assertTrue(page.has_next())
        lasts = [youth.last_contact_on for youth in page.object_list]
        self.assertEqual(lasts, sorted(lasts, reverse=True))
        second = self.client.get("/s/alpha/youth/?page=2").context["page"].object_list
        self.assertFalse({y.pk for y in page.object_list} & {y.pk for y in second})
        self.assertLessEqual(second[0].last_contact_on, lasts[-1])
