"""The server-side SVG charts parse as SVG, carry their title and description, and label bars."""

import xml.etree.ElementTree as ET

from django.test import SimpleTestCase

from frirum.reports.charts import bar_chart, grouped_bar_chart, line_chart

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 (our own markup)


class ChartTests(SimpleTestCase):
    def test_it_draws_one_bar_per_item_with_its_value(self):
        root = parse(
            bar_chart(
                chart_id="c1",
                title="Kanaler",
                desc="Samtaler fordelt på kanal",
                items=[("Fremmøde", 200, "200"), ("Telefon", 40, "40"), ("Mail", None, "<5")],
            )
        )
        self.assertEqual(root.get("role"), "img")
        self.assertEqual(root.find("svg:title", NS).text, "Kanaler")
        self.assertEqual(root.find("svg:desc", NS).text, "Samtaler fordelt på kanal")
        self.assertEqual(root.get("aria-labelledby"), "c1-title c1-desc")
        bars = root.findall("svg:rect[@class='bar']", NS)
        self.assertEqual(len(bars), 3)
        widths = [float(bar.get("width")) for bar in bars]
        self.assertGreater(widths[0], widths[1])
        self.assertAlmostEqual(widths[0] / widths[1], 5.0, places=1)
        # A hidden value draws no bar, only its text.
        self.assertEqual(widths[2], 0.0)
        values = [t.text for t in root.findall("svg:text[@class='value']", NS)]
        self.assertEqual(values, ["200", "40", "<5"])
        labels = [t.text for t in root.findall("svg:text[@class='category']", NS)]
        self.assertEqual(labels, ["Fremmøde", "Telefon", "Mail"])

    def test_it_escapes_labels(self):
        root = parse(
            bar_chart(chart_id="c2", title="<b>&", desc="d", items=[("A & B <x>", 1, "1")])
        )
        self.assertEqual(root.find("svg:title", NS).text, "<b>&")
        self.assertEqual(root.find("svg:text[@class='category']", NS).text, "A & B <x>")

    def test_it_groups_bars_by_year_with_a_legend(self):
        root = parse(
            grouped_bar_chart(
                chart_id="c3",
                title="t",
                desc="d",
                categories=["Unge", "Korte kontakter"],
                series=[("2024", [(84, "84"), (None, "<5")]), ("2023", [(83, "83"), (109, "109")])],
            )
        )
        self.assertEqual(len(root.findall("svg:rect[@class='bar']", NS)), 4)
        self.assertEqual(len(root.findall("svg:rect[@class='legend']", NS)), 2)
        legend = [t.text for t in root.findall("svg:text", NS) if t.text in ("2024", "2023")]
        self.assertEqual(legend, ["2024", "2023"])

    def test_it_draws_lines_with_gaps_for_hidden_years(self):
        root = parse(
            line_chart(
                chart_id="c4",
                title="Alder",
                desc="Gennemsnitsalder",
                x_labels=["2020", "2021", "2022", "2023"],
                series=[("Alder", [17.1, None, 18.0, 18.2])],
            )
        )
        self.assertEqual(len(root.findall("svg:polyline", NS)), 2)
        self.assertEqual(len(root.findall("svg:circle", NS)), 3)
        x_labels = [t.text for t in root.findall("svg:text[@class='x-label']", NS)]
        self.assertEqual(x_labels, ["2020", "2021", "2022", "2023"])

    def test_it_draws_an_empty_chart_without_failing(self):
        root = parse(bar_chart(chart_id="c5", title="t", desc="d", items=[]))
        self.assertEqual(root.findall("svg:rect[@class='bar']", NS), [])
        root = parse(line_chart(chart_id="c6", title="t", desc="d", x_labels=[], series=[]))
        self.assertEqual(root.findall("svg:polyline", NS), [])
