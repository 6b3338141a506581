"""Suppression and rounding, worked out by hand."""

from django.test import SimpleTestCase
from django.utils import translation

from frirum.reports.suppression import (
    BASE,
    DASH,
    PRIMARY,
    SECONDARY,
    change_text,
    count_cell,
    share_cell,
    suppress_counts,
    suppress_shares,
    value_cell,
)


class SuppressionTests(SimpleTestCase):
    def test_it_hides_counts_below_k(self):
        cells = suppress_counts({"a": 3, "b": 4, "c": 50}, k=5)
        self.assertEqual(cells["a"].suppressed, PRIMARY)
        self.assertEqual(cells["b"].suppressed, PRIMARY)
        self.assertEqual(cells["c"].suppressed, "")
        self.assertEqual(cells["a"].text, "<5")
        self.assertEqual(cells["c"].text, "50")

    def test_it_hides_the_next_smallest_cell_when_only_one_is_hidden(self):
        # 200 + 40 + 15 + 3 = 258: with only "mail" hidden, 258 - 255 would give it away.
        cells = suppress_counts({"in_person": 200, "phone": 40, "video": 15, "mail": 3}, k=5)
        self.assertEqual(cells["mail"].suppressed, PRIMARY)
        self.assertEqual(cells["video"].suppressed, SECONDARY)
        self.assertFalse(cells["phone"].is_suppressed)
        self.assertFalse(cells["in_person"].is_suppressed)
        # Hidden to protect "mail", and 15 is not below 5: the dash, not "<5".
        self.assertEqual(cells["video"].text, DASH)

    def test_it_never_picks_a_zero_as_the_secondary_cell(self):
        cells = suppress_counts({"a": 0, "b": 2, "c": 9, "d": 30}, k=5)
        self.assertEqual(cells["a"].text, "0")
        self.assertEqual(cells["b"].suppressed, PRIMARY)
        self.assertEqual(cells["c"].suppressed, SECONDARY)
        self.assertFalse(cells["d"].is_suppressed)

    def test_it_adds_no_secondary_cell_when_two_are_hidden(self):
        cells = suppress_counts({"a": 1, "b": 2, "c": 9, "d": 30}, k=5)
        self.assertEqual([c.suppressed for c in cells.values()], [PRIMARY, PRIMARY, "", ""])

    def test_it_hides_the_whole_table_when_the_total_is_below_k(self):
        cells = suppress_counts({"a": 3, "b": 0}, k=5)
        self.assertEqual({c.suppressed for c in cells.values()}, {BASE})

    def test_it_needs_no_secondary_cell_without_a_total(self):
        cells = suppress_counts({"a": 3, "b": 40, "c": 50}, k=5, additive=False)
        self.assertEqual(cells["a"].suppressed, PRIMARY)
        self.assertFalse(cells["b"].is_suppressed)

    def test_it_suppresses_shares_by_the_count_behind_them(self):
        # 84 young people: 4/84 is 5 % but only four people.
        cells = suppress_shares(
            {"female": 60 / 84, "male": 20 / 84, "other": 3 / 84, "unknown": 1 / 84},
            denominator=84,
            k=5,
        )
        self.assertEqual(cells["other"].suppressed, PRIMARY)
        self.assertEqual(cells["unknown"].suppressed, PRIMARY)
        self.assertEqual(cells["other"].text, DASH)
        with translation.override("da"):
            self.assertEqual(cells["female"].text, "71 %")
        with translation.override("en"):
            self.assertEqual(cells["male"].text, "24%")

    def test_it_applies_secondary_suppression_to_shares_that_add_up(self):
        cells = suppress_shares({"a": 0.5, "b": 0.3, "c": 0.2}, denominator=20, k=5)
        # Counts 10, 6, 4: c primary, b (6) secondary.
        self.assertEqual(cells["c"].suppressed, PRIMARY)
        self.assertEqual(cells["b"].suppressed, SECONDARY)

    def test_it_leaves_multi_valued_shares_to_primary_suppression(self):
        cells = suppress_shares({"a": 0.5, "b": 0.1}, denominator=20, k=5, additive=False)
        self.assertEqual(cells["b"].suppressed, PRIMARY)
        self.assertFalse(cells["a"].is_suppressed)

    def test_it_hides_shares_of_a_small_denominator(self):
        cells = suppress_shares({"a": 0.5, "b": 0.5}, denominator=4, k=5)
        self.assertEqual({c.suppressed for c in cells.values()}, {BASE})

    def test_it_uses_the_k_of_the_report(self):
        cells = suppress_counts({"a": 7, "b": 40, "c": 50}, k=10)
        self.assertEqual(cells["a"].text, "<10")
        self.assertEqual(cells["b"].suppressed, SECONDARY)

    def test_it_rounds_means_to_one_decimal_and_hides_small_bases(self):
        with translation.override("da"):
            self.assertEqual(value_cell(9.249, base=120, k=5).text, "9,2")
        with translation.override("en"):
            self.assertEqual(value_cell(3.071, base=84, k=5).text, "3.1")
        self.assertTrue(value_cell(9.5, base=4, k=5).is_suppressed)

    def test_it_shows_zero_and_empty_counts(self):
        self.assertEqual(count_cell(0, k=5).text, "0")
        # A missing value is left empty: the dash means hidden.
        self.assertEqual(count_cell(None, k=5).text, "")
        self.assertEqual(share_cell(0.0, denominator=0, k=5).suppressed, BASE)

    def test_it_gives_the_change_only_between_shown_values(self):
        with translation.override("en"):
            self.assertEqual(change_text(count_cell(84, k=5), count_cell(83, k=5)), "+1")
            self.assertEqual(change_text(count_cell(4, k=5), count_cell(83, k=5)), DASH)
            self.assertEqual(
                change_text(
                    share_cell(0.5, denominator=100, k=5), share_cell(0.4, denominator=100, k=5)
                ),
                "+10 pp",
            )
