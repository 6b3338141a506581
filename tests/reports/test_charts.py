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


class ReadableChartTests(SimpleTestCase):
    def test_it_writes_no_chart_text_below_13_units(self):
        # 13 of the 560 units: about 15px on screen, 11.4pt over the PDF's 174mm.
        charts = [
            bar_chart(chart_id="b", title="t", desc="d", items=[("Fremmøde", 2, "2")]),
            grouped_bar_chart(
                chart_id="g",
                title="t",
                desc="d",
                categories=["Angst"],
                series=[("2025", [(1, "1")]), ("2024", [(2, "2")])],
            ),
            line_chart(
                chart_id="l",
                title="t",
                desc="d",
                x_labels=["2024", "2025"],
                series=[("Alder", [18.1, 18.12])],
            ),
        ]
        for svg in charts:
            sizes = [
                float(text.get("font-size")) for text in parse(svg).iter(f"{{{NS['svg']}}}text")
            ]
            self.assertTrue(sizes)
            self.assertGreaterEqual(min(sizes), 13)

    def test_it_never_repeats_a_value_on_the_axis(self):
        def one_decimal(value):
            return f"{value:.1f}"

        for values in ([18.08, 18.1, 18.12], [18.1], [18.1, 18.1, 18.1], [0.0], [15.2, 19.9]):
            svg = line_chart(
                chart_id="age",
                title="t",
                desc="d",
                x_labels=[str(2020 + i) for i in range(len(values))],
                series=[("Alder", values)],
                value_text=one_decimal,
                min_zero=False,
            )
            ticks = [t.text for t in parse(svg).findall("svg:text[@class='tick']", NS)]
            self.assertGreaterEqual(len(ticks), 2, values)
            self.assertEqual(len(ticks), len(set(ticks)), (values, ticks))

    def test_it_keeps_every_value_within_the_axis(self):
        from frirum.reports.charts import axis_ticks

        ticks = axis_ticks([0.12, 0.34, 0.05], value_text=lambda v: f"{round(v * 100)}%")
        self.assertEqual(ticks[0], 0)
        self.assertGreaterEqual(ticks[-1], 0.34)
        ticks = axis_ticks([17.2, 19.9], value_text=str, min_zero=False)
        self.assertLessEqual(ticks[0], 17.2)
        self.assertGreaterEqual(ticks[-1], 19.9)
