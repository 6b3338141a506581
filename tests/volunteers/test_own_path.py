"""A volunteer sees their own path (steps with dates) on their own page, "My shifts"; nobody
else's path is ever there. The chief of the path's site reads it on the volunteer's page;
the wrong site's chief and other volunteers get a 404."""

import datetime as dt

from django.utils import formats, translation

from frirum.volunteers.models import PathStep, Step, VolunteerPath
from tests.base import BaseTestCase


def path_with(user, site, steps):
    path = VolunteerPath.objects.create(
        user=user, site=site, step=steps[-1][0], step_on=steps[-1][1]
    )
    for step, on in steps:
        PathStep.objects.create(path=path, step=step, on=on)
    return path


def shown(day: dt.date, fmt: str = "DATE_FORMAT") -> str:
    with translation.override("da"):
        return formats.date_format(day, fmt)


class OwnPathTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.days_a = [dt.date(2025, 1, 2), dt.date(2025, 1, 20), dt.date(2025, 2, 10)]
        cls.path_a = path_with(
            cls.volunteer_a,
            cls.site_a,
            list(
                zip([Step.APPLICATION, Step.INTERVIEW, Step.INTRO_COURSE], cls.days_a, strict=True)
            ),
        )
        cls.days_b = [dt.date(2024, 5, 6), dt.date(2024, 9, 17)]
        cls.path_b = path_with(
            cls.volunteer_b,
            cls.site_b,
            list(zip([Step.APPLICATION, Step.ON_LEAVE], cls.days_b, strict=True)),
        )

    def test_it_shows_the_volunteer_their_own_steps_with_dates(self):
        self.login(self.volunteer_a)
        with translation.override("da"):
            r = self.client.get("/roster/mine/", HTTP_ACCEPT_LANGUAGE="da")
        self.assertEqual(r.status_code, 200)
        self.assertEqual([p.pk for p in r.context["paths"]], [self.path_a.pk])
        for day in self.days_a:
            self.assertContains(r, shown(day))
        with translation.override("da"):
            for step in (Step.APPLICATION, Step.INTERVIEW, Step.INTRO_COURSE):
                self.assertContains(r, str(step.label))

    def test_it_never_shows_another_persons_path(self):
        self.login(self.volunteer_b)
        r = self.client.get("/roster/mine/")
        self.assertEqual([p.pk for p in r.context["paths"]], [self.path_b.pk])
        for day in self.days_a:
            self.assertNotContains(r, shown(day))

    def test_it_has_no_path_section_without_a_path(self):
        self.login(self.a_employed_counsellor)
        r = self.client.get("/roster/mine/")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.context["paths"], [])
        self.assertNotContains(r, "frivillig</h2>")

    def test_it_asks_an_anonymous_visitor_to_sign_in(self):
        r = self.client.get("/roster/mine/")
        self.assertEqual(r.status_code, 302)

    def test_it_shows_the_path_to_its_sites_chief_only(self):
        url = f"/s/alpha/volunteers/{self.path_a.pk}/"
        self.login(self.chief_a)
        r = self.client.get(url)
        self.assertEqual(r.status_code, 200)
        for day in self.days_a:
            self.assertContains(r, shown(day, "SHORT_DATE_FORMAT"))
        # The wrong site's chief, another volunteer, and the volunteer themselves (their
        # own view is their page; this one records steps and grants qualifications).
        for user in (self.chief_b, self.volunteer_b, self.volunteer_a, self.outsider):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 404, user)
        # The path through the wrong site's address is no way round.
        self.login(self.chief_b)
        self.assertEqual(self.client.get(f"/s/beta/volunteers/{self.path_a.pk}/").status_code, 404)
