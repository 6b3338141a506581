"""The import refuses every identifying pseudonym, code and site name, located exactly."""

from frirum.interchange.actions import ImportRefused, check_dataset, import_dataset
from tests.base import BaseTestCase
from tests.interchange.helpers import VALID, TempDirMixin, counts, dataset

IDENTIFYING_CODES = [
    "Mads Jensen navn@gmail.com",
    "+45 12 34 56 78",
    "12-34-56-78",
    "12345678",
    "010190-1234",
    "0101901234",
    "Y-010190-1234",
    "mads_jensen",
    "MadsJensen",
    "navn@gmail.com",
    "snap:mads_j99",
    "Nørrebrogade 12",
]


class ImportAnonymityTestCase(TempDirMixin, BaseTestCase):
    def _youth_with(self, codes: list[str]) -> dict:
        header = VALID["youth.csv"][0]
        rows = [header] + [[code] + [""] * (len(header) - 1) for code in codes]
        # contacts.csv refers to Y1..Y3; keep them so that only the codes are wrong.
        rows += [list(r) for r in VALID["youth.csv"][1:]]
        return dataset(youth=rows)

    def test_it_refuses_every_identifying_pseudonym_with_file_line_and_column(self):
        plan = check_dataset(path=self.write_folder(self._youth_with(IDENTIFYING_CODES)))
        found = {(p.file, p.line, p.column) for p in plan.problems}
        for line, code in enumerate(IDENTIFYING_CODES, start=2):
            with self.subTest(code):
                self.assertIn(("youth.csv", line, "youth_code"), found)
        messages = " ".join(str(p) for p in plan.problems)
        # The refusal names the kind, never repeats the identifier.
        self.assertNotIn("gmail", messages)

    def test_it_writes_nothing_when_a_pseudonym_identifies(self):
        before = counts()
        with self.assertRaises(ImportRefused):
            import_dataset(path=self.write_folder(self._youth_with(["Mads Jensen"])))
        self.assertEqual(counts(), before)

    def test_it_checks_relative_codes_and_references(self):
        relatives = [list(r) for r in VALID["relatives.csv"]]
        relatives.append(["sofie.hansen", "parent"])
        conversations = [list(r) for r in VALID["family_conversations.csv"]]
        column = conversations[0].index("relative_codes")
        conversations[1][column] = "R1;20 30 40 50"
        plan = check_dataset(
            path=self.write_folder(dataset(relatives=relatives, family_conversations=conversations))
        )
        found = {(p.file, p.line, p.column) for p in plan.problems}
        self.assertIn(("relatives.csv", len(relatives), "relative_code"), found)
        self.assertIn(("family_conversations.csv", 2, "relative_codes"), found)

    def test_it_checks_the_site_name(self):
        sites = [list(r) for r in VALID["sites.csv"]]
        sites[1][1] = "headspace, kontakt 12 34 56 78"
        plan = check_dataset(path=self.write_folder(dataset(sites=sites)))
        self.assertIn(("sites.csv", 2, "name"), [(p.file, p.line, p.column) for p in plan.problems])

    def test_it_accepts_generated_and_ordinary_codes(self):
        codes = ["U-7KQ4M2XPQ9", "Y-00017", "ung.2024_a", "Y4", "U-23456789AB"]
        plan = check_dataset(path=self.write_folder(self._youth_with(codes)))
        self.assertEqual([], [str(p) for p in plan.problems])
