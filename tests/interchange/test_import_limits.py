"""Uploads and zips within limits, checked before memory or disk grow; no server paths shown."""

import io
import struct
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from frirum.interchange.actions import ImportRefused, check_dataset, import_dataset
from frirum.interchange.dataset import Dataset, DatasetError
from tests.base import BaseTestCase
from tests.interchange.helpers import VALID, TempDirMixin, counts, dataset, to_bytes

IMPORTS = reverse("interchange:imports")
MB = 1024 * 1024


def zip_with_one_long_line(path: Path, megabytes: int) -> Path:
    """sites.csv whose second line is `megabytes` MB of one character: a tiny zip."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("sites.csv", "w", force_zip64=True) as member:
            member.write(b"site_code,name,kind,municipality_code\r\nx,")
            block = b"a" * MB
            for _ in range(megabytes):
                member.write(block)
            member.write(b",centre,151\r\n")
    return path


def messages(plan) -> str:
    return "\n".join(str(problem) for problem in plan.problems)


class ZipLimitsTestCase(TempDirMixin, BaseTestCase):
    def test_it_refuses_a_zip_bomb_from_its_directory_before_reading(self):
        path = zip_with_one_long_line(self.tmp / "bomb.zip", 120)
        self.assertLess(path.stat().st_size, MB)
        tracemalloc.start()
        try:
            with self.assertRaises(ImportRefused) as refused:
                import_dataset(path=path, source_name="bomb.zip")
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertIn("sites.csv", str(refused.exception))
        self.assertIn("100 gange", str(refused.exception))
        self.assertLess(peak, 10 * MB)

    @override_settings(FRIRUM_IMPORT_MAX_RATIO=100_000)
    def test_it_stops_an_endless_line_while_reading(self):
        path = zip_with_one_long_line(self.tmp / "line.zip", 60)
        tracemalloc.start()
        try:
            plan = check_dataset(path=path, source_name="line.zip")
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        found = [(p.file, p.line) for p in plan.problems]
        self.assertIn(("sites.csv", 2), found)
        self.assertIn("64 KB", messages(plan))
        self.assertLess(peak, 10 * MB)

    @override_settings(FRIRUM_IMPORT_MAX_UNCOMPRESSED_MB=1, FRIRUM_IMPORT_MAX_RATIO=100_000)
    def test_it_refuses_more_than_the_uncompressed_total(self):
        rows = [["site_code", "name", "kind", "municipality_code"]]
        rows += [[f"s{n}", "headspace " + "x" * 100, "centre", "151"] for n in range(20_000)]
        path = self.write_zip(dataset(sites=rows, youth=None, contacts=None))
        with self.assertRaises(ImportRefused) as refused:
            import_dataset(path=path, source_name="big.zip")
        self.assertIn("højst 1 MB i alt", str(refused.exception))

    def test_it_refuses_a_member_that_unpacks_to_more_than_its_directory_says(self):
        path = self.write_zip(dataset())
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("contacts.csv")
        # contacts.csv claims 10 bytes, in the central directory and in its local header.
        position = 0
        while (position := data.find(b"PK\x01\x02", position)) != -1:
            name_length = struct.unpack_from("<H", data, position + 28)[0]
            if data[position + 46 : position + 46 + name_length] == b"contacts.csv":
                struct.pack_into("<I", data, position + 24, 10)
            position += 4
        struct.pack_into("<I", data, info.header_offset + 22, 10)
        path.write_bytes(bytes(data))
        with self.assertRaises(ImportRefused) as refused:
            import_dataset(path=path, source_name="lying.zip")
        self.assertIn("contacts.csv", str(refused.exception))

    def test_it_reads_a_normal_dataset(self):
        plan = check_dataset(path=self.write_zip(dataset()))
        self.assertTrue(plan.ok, messages(plan))

    def test_it_names_no_server_path_in_any_message(self):
        not_a_zip = self.tmp / "upload-ab12.zip"
        not_a_zip.write_bytes(b"PK\x03\x04 not really")
        missing = self.tmp / "gone" / "x.zip"
        damaged = self.write_zip(dataset(), name="damaged.zip")
        raw = bytearray(damaged.read_bytes())
        raw[60:90] = b"\0" * 30
        damaged.write_bytes(bytes(raw))
        bad_header = self.write_zip(dataset(), name="bad-header.zip")
        raw = bytearray(bad_header.read_bytes())
        raw[0:4] = b"XXXX"  # the first member's local header signature
        bad_header.write_bytes(bytes(raw))
        for path in (not_a_zip, missing, damaged, bad_header, self.tmp):
            with self.subTest(path=path.name):
                try:
                    plan = check_dataset(path=path, source_name="mine.zip")
                except ImportRefused as exc:
                    plan = exc.plan
                text = messages(plan)
                self.assertNotIn(str(self.tmp), text)
                self.assertNotIn(tempfile.gettempdir(), text)

    def test_it_names_the_dataset_by_the_name_the_user_knows(self):
        path = self.tmp / "f00d.zip"
        path.write_bytes(b"not a zip at all")
        with self.assertRaises(DatasetError) as error, Dataset(path, "aarsdata.zip"):
            pass
        self.assertIn("aarsdata.zip", str(error.exception))
        self.assertNotIn(str(self.tmp), str(error.exception))


class UploadLimitTestCase(TempDirMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        override = override_settings(DATA_DIR=self.tmp / "data")
        override.enable()
        self.addCleanup(override.disable)
        self.login(self.secretariat)

    def uploaded(self) -> list[Path]:
        folder = self.tmp / "data" / "imports"
        return sorted(folder.iterdir()) if folder.exists() else []

    @override_settings(FRIRUM_UPLOAD_MAX_MB=1)
    def test_it_refuses_an_upload_over_the_limit_without_keeping_it(self):
        body = io.BytesIO()
        with zipfile.ZipFile(body, "w") as archive:
            archive.writestr("sites.csv", to_bytes(VALID["sites.csv"]))
            archive.writestr("padding.bin", bytes(range(256)) * (6 * 1024))
        self.assertGreater(len(body.getvalue()), MB)
        before = counts()
        response = self.client.post(
            IMPORTS, {"dataset": SimpleUploadedFile("big.zip", body.getvalue())}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("1 MB", " ".join(response.context["form"].errors["dataset"]))
        self.assertEqual(self.uploaded(), [])
        self.assertEqual(counts(), before)

    def test_it_keeps_no_control_character_of_the_file_name(self):
        # Django's upload parser drops non-printable characters from the name already.
        response = self.client.post(
            IMPORTS, {"dataset": SimpleUploadedFile("data\x1b[2J.zip", b"PK\x03\x04 broken")}
        )
        self.assertContains(response, "data[2J.zip")
        self.assertNotIn("\x1b", response.content.decode())

    def test_it_allows_200_mb_by_default(self):
        from django.conf import settings

        self.assertEqual(settings.FRIRUM_UPLOAD_MAX_MB, 200)

    def test_it_shows_no_server_path_for_a_broken_upload(self):
        response = self.client.post(
            IMPORTS, {"dataset": SimpleUploadedFile("broken.zip", b"PK\x03\x04 not really")}
        )
        content = response.content.decode()
        self.assertIn("broken.zip", content)
        self.assertNotIn(str(self.tmp), content)
