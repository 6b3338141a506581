"""HSDS 3 export and import: valid against the published schema, round trip unchanged,
all-or-nothing with errors by file, item and field."""

import copy
import csv
import datetime as dt
import io
import json
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frirum.directory.hsds_export import export_services
from frirum.directory.hsds_import import HsdsImportError, import_json
from frirum.directory.hsds_schema import validate
from frirum.directory.hsds_tabular import export_zip, import_zip
from frirum.directory.models import (
    Location,
    Organization,
    ScheduleException,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)
from tests.base import BaseTestCase
from tests.directory.factories import make_service

MONDAY, FRIDAY = 0, 4


class HsdsData(BaseTestCase):
    """A local entry with everything filled in, and a national one with little."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ssp = make_service(
            "SSP Ballerup",
            themes=["substance_use", "bullying"],
            municipalities=[cls.ballerup, cls.furesoe],
            schedules=[(MONDAY, "09:00", "15:00"), (FRIDAY, "09:00", "13:00")],
            owner_site=cls.site_a,
            phone="70 70 10 10",
            email="ssp@ballerup.example.dk",
            url="https://ssp.example.dk/",
            minimum_age=12,
            maximum_age=18,
            anonymous_possible=True,
            languages="da,en",
            cost="Gratis",
        )
        ScheduleException.objects.create(service=cls.ssp, date=dt.date(2026, 12, 24), note="Jul")
        ScheduleException.objects.create(
            service=cls.ssp,
            date=dt.date(2026, 12, 23),
            opens_at=dt.time(9),
            closes_at=dt.time(12),
        )
        location = Location.objects.create(
            organization=cls.ssp.organization,
            name="Rådhuset",
            address="Hold-An Vej 7",
            postal_code="2750",
            city="Ballerup",
            municipality=cls.ballerup,
        )
        ServiceAtLocation.objects.create(service=cls.ssp, location=location)
        cls.national = make_service(
            "Sorgnetværket",
            destination="civil_society",
            status=ServiceStatus.TEMPORARILY_CLOSED,
            verified_on=None,
        )

    def exported(self):
        """The export, SSP first (the export itself is in id order)."""
        items = export_services(Service.objects.all())
        return sorted(items, key=lambda item: item["name"] != "SSP Ballerup")


class HsdsTests(HsdsData):
    def test_it_exports_services_valid_against_the_published_schema(self):
        items = self.exported()
        self.assertEqual(len(items), 2)
        for n, item in enumerate(items, start=1):
            self.assertEqual(validate("service", item, file="services.json", line=n), [])

    def test_it_imports_its_own_export_unchanged(self):
        before = self.exported()
        Service.objects.all().delete()
        Organization.objects.all().delete()
        self.assertEqual(import_json(json.dumps(before).encode()), 2)
        self.assertEqual(self.exported(), before)

    def test_it_replaces_an_entry_with_the_same_id(self):
        items = self.exported()
        items[0]["name"] = "Renamed"
        import_json(json.dumps(items).encode())
        self.assertEqual(Service.objects.count(), 2)
        self.assertTrue(Service.objects.filter(name="Renamed").exists())

    def test_it_reports_schema_errors_by_item_and_field_and_writes_nothing(self):
        items = self.exported()
        broken = copy.deepcopy(items)
        broken[0]["id"] = "not-a-uuid"
        del broken[1]["status"]
        broken[1]["minimum_age"] = "twelve"
        broken.append({**copy.deepcopy(items[0]), "id": "3f1d6a8e-0a7b-4b8e-9c1e-1f2a3b4c5d6e"})
        with self.assertRaises(HsdsImportError) as caught:
            import_json(json.dumps(broken).encode())
        messages = [str(e) for e in caught.exception.errors]
        self.assertIn("services.json, item 1, id: 'not-a-uuid' is not a 'uuid'", messages)
        self.assertTrue(any(m.startswith("services.json, item 2, minimum_age") for m in messages))
        self.assertTrue(any("item 2, (record): 'status' is a required" in m for m in messages))
        self.assertEqual(Service.objects.count(), 2)

    def test_it_reports_frirum_rules_by_item_and_field(self):
        items = self.exported()
        items[0]["service_areas"][0]["uri"] = "urn:dk:kommune:999"
        items[1]["attributes"][0]["taxonomy_term"]["code"] = "astrology"
        items[0]["schedules"][0]["byday"] = "MO,TU"
        with self.assertRaises(HsdsImportError) as caught:
            import_json(json.dumps(items).encode())
        fields = {(e.line, e.field) for e in caught.exception.errors}
        self.assertIn((1, "service_areas/0/uri"), fields)
        self.assertIn((2, "attributes/0/taxonomy_term/code"), fields)
        self.assertIn((1, "schedules/0/byday"), fields)

    def test_it_reports_a_file_that_is_not_json(self):
        with self.assertRaises(HsdsImportError) as caught:
            import_json(b'[{"id": ')
        self.assertIn("not JSON", str(caught.exception.errors[0]))
        with self.assertRaises(HsdsImportError):
            import_json(b'{"services": 3}')

    def test_it_accepts_an_empty_list(self):
        self.assertEqual(import_json(b"[]"), 0)


class TabularTests(HsdsData):
    """The same directory through HSDS's tabular package (CSV files in a .zip)."""

    def package(self) -> dict[str, str]:
        with zipfile.ZipFile(io.BytesIO(export_zip(Service.objects.all()))) as archive:
            return {name: archive.read(name).decode() for name in archive.namelist()}

    def test_it_exports_every_table_with_a_datapackage(self):
        files = self.package()
        self.assertIn("datapackage.json", files)
        self.assertTrue(files["services.csv"].startswith("id,organization_id,"))
        self.assertEqual(files["schedules.csv"].count("\n"), 1 + 4)

    def test_it_imports_its_own_tabular_export_unchanged(self):
        before = self.package()
        raw = export_zip(Service.objects.all())
        Service.objects.all().delete()
        Organization.objects.all().delete()
        self.assertEqual(import_zip(raw), 2)
        self.assertEqual(self.package(), before)

    def _zip(self, files: dict[str, str]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, text in files.items():
                archive.writestr(name, text)
        return buffer.getvalue()

    def test_it_reports_errors_by_file_line_and_field_and_writes_nothing(self):
        files = self.package()
        lines = files["services.csv"].splitlines()
        header = lines[0].split(",")
        cells = next(csv.reader([lines[1]]))
        cells[header.index("minimum_age")] = "twelve"
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, cells, *csv.reader(lines[2:])])
        files["services.csv"] = out.getvalue()
        files["schedules.csv"] = files["schedules.csv"].replace(",WEEKLY,", ",HOURLY,", 1)
        with self.assertRaises(HsdsImportError) as caught:
            import_zip(self._zip(files))
        where = {(e.file, e.line, e.field) for e in caught.exception.errors}
        self.assertIn(("services.csv", 2, "minimum_age"), where)
        self.assertIn(("schedules.csv", 2, "freq"), where)
        self.assertEqual(Service.objects.count(), 2)

    def test_it_maps_frirum_rules_to_the_line_of_services_csv(self):
        files = self.package()
        files["service_areas.csv"] = files["service_areas.csv"].replace(
            "kommune:151", "kommune:999"
        )
        with self.assertRaises(HsdsImportError) as caught:
            import_zip(self._zip(files))
        problem = caught.exception.errors[0]
        self.assertEqual((problem.file, problem.unit), ("services.csv", "line"))
        self.assertIn(problem.line, (2, 3))
        self.assertIn("services.csv, line", str(problem))

    def test_it_refuses_what_is_not_a_package(self):
        for raw in (b"not a zip", self._zip({"readme.txt": "x"})):
            with self.assertRaises(HsdsImportError):
                import_zip(raw)


class CommandTests(HsdsData):
    def test_it_exports_and_imports_on_the_command_line(self):
        from pathlib import Path
        from tempfile import TemporaryDirectory

        from django.core.management import CommandError, call_command

        with TemporaryDirectory() as folder:
            for name in ("services.json", "directory.zip"):
                path = str(Path(folder) / name)
                call_command("hsds-export", path, "--all", stdout=io.StringIO())
                out = io.StringIO()
                call_command("hsds-import", path, stdout=out)
                self.assertIn("Imported 2 services", out.getvalue())
            bad = Path(folder) / "bad.json"
            bad.write_text('[{"id": "x"}]')
            with self.assertRaisesMessage(CommandError, "bad.json, item 1, id"):
                call_command("hsds-import", str(bad), stdout=io.StringIO())


class ExchangePageTests(HsdsData):
    def test_it_lets_the_secretariat_download_and_upload(self):
        self.login(self.secretariat)
        response = self.client.get(reverse("directory:exchange_download", args=["json"]))
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        upload = SimpleUploadedFile("services.json", raw, content_type="application/json")
        response = self.client.post(reverse("directory:exchange"), {"file": upload})
        self.assertEqual(response.status_code, 302)

    def test_it_lists_every_error_and_imports_nothing(self):
        self.login(self.secretariat)
        upload = SimpleUploadedFile("bad.json", b'[{"id": "x", "name": "Ny"}]')
        response = self.client.post(reverse("directory:exchange"), {"file": upload})
        self.assertContains(response, "bad.json, item 1, id", status_code=400)
        self.assertFalse(Service.objects.filter(name="Ny").exists())

    def test_it_is_for_the_secretariat_only(self):
        self.login(self.chief_a)
        self.assertEqual(self.client.get(reverse("directory:exchange")).status_code, 404)
        url = reverse("directory:exchange_download", args=["zip"])
        self.assertEqual(self.client.get(url).status_code, 404)
