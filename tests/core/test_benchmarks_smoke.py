"""The benchmark generator writes a dataset the importer accepts (a tiny one: figures are
the benchmark's job, not the suite's)."""

import csv
import io
import shutil
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from benchmarks.generate import HEADERS, generate
from frirum.contacts.models import Contact
from frirum.interchange.format import FILES_BY_NAME
from frirum.questionnaires.models import Response


class GeneratorTestCase(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="frirum-bench-smoke-"))
        self.addCleanup(shutil.rmtree, self.folder)
        self.counts = generate(self.folder, scale=0.001, seed=3)

    def test_it_writes_every_file_with_the_format_headers(self):
        self.assertEqual({p.name for p in self.folder.iterdir()}, set(FILES_BY_NAME))
        for name, spec in FILES_BY_NAME.items():
            with (self.folder / name).open(encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            self.assertEqual(rows[0], HEADERS[name])
            self.assertEqual(set(rows[0]), set(spec.columns), name)
            self.assertEqual(len(rows) - 1, self.counts[name], name)
        self.assertEqual(self.counts["sites.csv"], 30)
        self.assertGreater(self.counts["contacts.csv"], self.counts["youth.csv"])

    def test_it_is_deterministic(self):
        again = Path(tempfile.mkdtemp(prefix="frirum-bench-smoke-"))
        self.addCleanup(shutil.rmtree, again)
        generate(again, scale=0.001, seed=3)
        for name in HEADERS:
            self.assertEqual((self.folder / name).read_bytes(), (again / name).read_bytes(), name)

    def test_it_imports_cleanly(self):
        call_command("import", str(self.folder), stdout=io.StringIO(), stderr=io.StringIO())
        self.assertEqual(Contact.objects.count(), self.counts["contacts.csv"])
        self.assertEqual(Response.objects.count(), self.counts["responses.csv"])
