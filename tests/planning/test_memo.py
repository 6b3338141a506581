"""The memo: its numbers read back from the PDF text and the Word file equal the scenario's."""

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.urls import reverse
from django.utils import translation
from docx import Document

from frirum.audit.models import AuditEntry
from frirum.planning.memo import build_memo
from frirum.planning.models import Scenario, SiteYearCost
from frirum.planning.plan import build_plan
from tests.base import make_contact, make_youth
from tests.planning.scenario_fixtures import LAST, ScenarioTestCase
from tests.questionnaires.factories import answer


def pdf_text(pdf: bytes) -> str:
    folder = Path(tempfile.mkdtemp())
    try:
        (folder / "memo.pdf").write_bytes(pdf)
        return subprocess.run(  # noqa: S603
            ["/usr/bin/pdftotext", "-layout", str(folder / "memo.pdf"), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    finally:
        shutil.rmtree(folder)


def docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(parts)


def flat(text: str) -> str:
    """One space for any run of white space: a PDF line may break inside a sentence."""
    return re.sub(r"\s+", " ", text)


class MemoTests(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        SiteYearCost.objects.create(site=cls.site_a, year=LAST, amount=1_500_000)
        # Evaluation answers at the satellite (not a comparable site of a centre): five
        # courses, life satisfaction 4 -> 7 and loneliness 6 -> 5 each; all bridged.
        for _number in range(5):
            youth = make_youth(cls.satellite_a)
            first = make_contact(cls.satellite_a, youth, dt.date(LAST, 2, 1), bridged=True)
            latest = make_contact(cls.satellite_a, youth, dt.date(LAST, 5, 1))
            answer(first, "life_satisfaction", life_satisfaction=4)
            answer(latest, "life_satisfaction", life_satisfaction=7)
            answer(first, "loneliness3", lack_companionship=2, left_out=2, isolated=2)
            answer(latest, "loneliness3", lack_companionship=2, left_out=2, isolated=1)
        cls.scenario = Scenario.objects.create(
            municipality=cls.greve,
            start_year=LAST + 2,
            half_first_year=True,
            placement="Tæt på stationen og uddannelsesstederne.",
            anchoring="Sundhed, kultur og omsorg.",
        )

    def expected(self):
        with translation.override("da"):
            return build_memo(build_plan(self.scenario), k=5)

    def test_it_builds_the_memo_in_the_seeds_form(self):
        memo = self.expected()
        self.assertEqual(
            [section.slug for section in memo.sections],
            [
                "background",
                "offer",
                "need",
                "placement",
                "anchoring",
                "economy",
                "evaluation",
                "savings",
                "conclusion",
            ],
        )
        numbers = memo.numbers
        self.assertEqual(numbers["population_12_25"], "8.000")
        self.assertEqual(numbers["youth_median"], "10")
        self.assertEqual(numbers["contacts_median"], "20")
        self.assertEqual(numbers["yearly_full"], "1.800.000 kr.")
        self.assertEqual(numbers["first_year_municipality"], "800.000 kr.")
        self.assertEqual(numbers["municipality_total"], "3.950.000 kr.")
        self.assertEqual(numbers["cost_per_contact"], "90.000 kr.")
        self.assertEqual(numbers["savings_low"], "2.000.000 kr.")
        self.assertEqual(numbers["savings_high"], "3.400.000 kr.")
        # Evaluation: the shared figures, with n (courses) and period.
        self.assertEqual(numbers["life_satisfaction_change"], "4,0 \u2192 7,0 (+3,0)")
        self.assertEqual(numbers["loneliness3_change"], "6,0 \u2192 5,0 (-1,0)")
        # WHO-5 is asked of no one here: fewer courses than k, a dash.
        self.assertEqual(numbers["who5_change"], "\u2013")
        # Courses: 30 + 20 at the centres and 5 at the satellite (the previous year's 10 not).
        self.assertEqual(numbers["bridging_courses_share"], "9 %")
        evaluation = next(s for s in memo.sections if s.slug == "evaluation")
        rows = {row[0]: row[1:] for row in evaluation.tables[0].rows}
        self.assertEqual(
            rows[
                "Livstilfredshed (0-10, højere er bedre): gennemsnit ved første \u2192 seneste "
                "samtale (ændring)"
            ],
            ["4,0 \u2192 7,0 (+3,0)", "5", str(LAST)],
        )
        self.assertEqual(rows["Forløb med brobygning"], ["9 %", "55", str(LAST)])
        appendix = dict(memo.appendix)
        self.assertIn("tryg", appendix["evaluation.not_in_register"])
        savings = next(s for s in memo.sections if s.slug == "savings").paragraphs[0]
        self.assertIn("Incentive", savings)
        self.assertIn("2017", savings)

    def test_it_reads_the_scenarios_numbers_back_from_the_pdf(self):
        self.login(self.secretariat)
        response = self.client.get(
            reverse("planning:memo_download", args=[self.scenario.pk, "pdf"])
        )
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = flat(pdf_text(response.content))
        self.assertIn("Notat om etablering af headspace i Greve", text)
        # pdftotext may drop the narrow gap of "6 %" in a table cell: compare without spaces.
        packed = text.replace(" ", "")
        for value in self.expected().numbers.values():
            self.assertIn(value.replace(" ", ""), packed)
        self.assertIn("Tæt på stationen og uddannelsesstederne.", text)
        self.assertIn("Bilag", text)
        self.assertEqual(AuditEntry.objects.filter(object_type="planning.memo").count(), 1)

    def test_it_reads_the_scenarios_numbers_back_from_the_word_file(self):
        self.login(self.secretariat)
        response = self.client.get(
            reverse("planning:memo_download", args=[self.scenario.pk, "docx"])
        )
        text = docx_text(response.content)
        memo = self.expected()
        for value in memo.numbers.values():
            self.assertIn(value, text)
        # The economy table, row by row as in the memo.
        economy = next(s for s in memo.sections if s.slug == "economy")
        for table in economy.tables:
            for row in [*table.rows, *([table.total] if table.total else [])]:
                self.assertIn("\t".join(row), text)
        self.assertIn("Sundhed, kultur og omsorg.", text)

    def test_it_shows_the_memo_page_from_the_same_content(self):
        self.login(self.secretariat)
        response = self.client.get(reverse("planning:memo", args=[self.scenario.pk]))
        self.assertEqual(response.status_code, 200)
        for value in self.expected().numbers.values():
            self.assertContains(response, value)

    def test_it_refuses_an_unknown_format(self):
        self.login(self.secretariat)
        url = reverse("planning:memo_download", args=[self.scenario.pk, "odt"])
        self.assertEqual(self.client.get(url).status_code, 404)


class EmptyMemoTests(ScenarioTestCase):
    def test_it_writes_a_memo_without_population_or_comparable_sites(self):
        from frirum.sites.models import Municipality

        scenario = Scenario.objects.create(
            municipality=Municipality.objects.get(code="250"), start_year=LAST + 2
        )
        self.login(self.secretariat)
        response = self.client.get(reverse("planning:memo_download", args=[scenario.pk, "docx"]))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Skal beskrives af kommunen", docx_text(response.content))
