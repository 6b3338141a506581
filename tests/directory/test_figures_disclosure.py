"""The directory figures go through the reports' disclosure control: a hidden count cannot be
worked out from the linked total and the other categories, nor from a category and its
services (the directory is public, so a reader knows each service's category)."""

import datetime as dt
import math

from django.urls import reverse

from frirum.directory.models import ServiceBridging
from tests.base import BaseTestCase, make_contact
from tests.directory.factories import make_service

K = 5


def upper(cell) -> float:
    """What the page tells a reader of a cell's most: "<k" says k-1, the dash nothing."""
    if not cell.is_suppressed:
        return cell.value
    return K - 1 if cell.text == f"<{K}" else math.inf


def lower(cell) -> float:
    return cell.value if not cell.is_suppressed else 1


def bridge(site, service, n, *, also=None):
    for _ in range(n):
        contact = make_contact(site, date=dt.date(2025, 5, 5), bridged=True)
        ServiceBridging.objects.create(contact=contact, service=service)
        if also is not None:
            ServiceBridging.objects.create(contact=contact, service=also)


class FigureDisclosureTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ssp = make_service("SSP", destination="municipal")
        cls.psy_one = make_service("Psykolog 1", destination="psychologist")
        cls.psy_two = make_service("Psykolog 2", destination="psychologist")

    def figures(self, code="alpha"):
        self.login(self.secretariat)
        response = self.client.get(reverse("directory:figures", args=[code]), {"year": 2025})
        self.assertEqual(response.status_code, 200)
        return response.context["figures"]

    def test_it_keeps_a_hidden_category_from_the_total_minus_the_others(self):
        # 7 to the municipality, 4 to a psychologist, each conversation to one: 11 linked.
        bridge(self.site_a, self.ssp, 7)
        bridge(self.site_a, self.psy_one, 4)
        figures = self.figures()
        self.assertEqual(figures.linked.value, 11)
        cells = {row.label: row.cell for row in figures.by_category}
        # The small count is hidden, and so is a second cell (the dash) to protect it.
        hidden = [label for label, cell in cells.items() if cell.text == f"<{K}"]
        self.assertEqual(len(hidden), 1)
        self.assertEqual(sum(cell.is_suppressed for cell in cells.values()), 2)
        for label in hidden:
            # The attack: every linked conversation is in some category, so this one holds
            # at least the total minus what the others can hold.
            others = sum(upper(c) for name, c in cells.items() if name != label)
            known_least = max(1, upper(figures.linked) - others)
            self.assertLessEqual(known_least, 1, label)

    def test_it_keeps_two_hidden_services_from_their_shown_category(self):
        # 3 + 3 conversations to two psychologists: the category shows 6, each service "<5".
        # Without protection 6 <= a + b with b <= 4 gives a >= 2.
        bridge(self.site_a, self.psy_one, 3)
        bridge(self.site_a, self.psy_two, 3)
        figures = self.figures()
        services = {row.label: row.cell for row in figures.by_service}
        category = next(row.cell for row in figures.by_category)
        for label, cell in services.items():
            if cell.text != f"<{K}":
                continue
            others = sum(upper(c) for name, c in services.items() if name != label)
            self.assertLessEqual(max(1, lower(category) - others), 1, label)

    def test_it_leaves_a_safe_table_alone(self):
        # Overlapping bridgings: 7 conversations, 2 of them to a psychologist too.
        bridge(self.site_a, self.ssp, 5)
        bridge(self.site_a, self.ssp, 2, also=self.psy_one)
        figures = self.figures()
        texts = sorted(row.cell.text for row in figures.by_category)
        self.assertEqual(texts, ["7", "<5"])
        self.assertEqual(figures.linked.text, "7")

    def test_it_shows_an_empty_year_and_many_services(self):
        self.assertEqual(self.figures().by_category, [])
        for number in range(15):
            bridge(self.site_a, make_service(f"Tilbud {number:02}"), 1 + number % 7)
        figures = self.figures()
        self.assertEqual(len(figures.by_service), 10)
        self.assertFalse(figures.linked.is_suppressed)
