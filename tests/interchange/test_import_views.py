from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from frirum.audit.models import AuditEntry
from frirum.contacts.models import Contact
from frirum.interchange.models import ImportBatch, PendingUpload
from tests.base import BaseTestCase, make_user
from tests.interchange.helpers import VALID, TempDirMixin, counts
from tests.interchange.test_import_errors import replace_cell

IMPORTS = reverse("interchange:imports")
CONFIRM = reverse("interchange:confirm")
DISCARD = reverse("interchange:discard")


class ImportViewsTestCase(TempDirMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        override = override_settings(DATA_DIR=self.tmp / "data")
        override.enable()
        self.addCleanup(override.disable)

    def upload(self, files=None, name="dataset.zip"):
        data = self.write_zip(files or VALID).read_bytes()
        return self.client.post(
            IMPORTS, {"dataset": SimpleUploadedFile(name, data, content_type="application/zip")}
        )

    def uploaded_files(self) -> list[PendingUpload]:
        return list(PendingUpload.objects.all())

    def token(self) -> str:
        return PendingUpload.objects.get().token

    def test_it_shows_the_upload_form_and_earlier_imports(self):
        ImportBatch.objects.create(
            fingerprint="f" * 64, source_name="old-system-2023.zip", counts={"contacts.csv": 7}
        )
        self.login(self.secretariat)
        with self.assertNumQueries(4):  # session, user, batches, nav sites
            response = self.client.get(IMPORTS)
        self.assertContains(response, "old-system-2023.zip")
        self.assertContains(response, 'type="file"')

    def test_it_shows_what_an_upload_would_create_and_writes_nothing(self):
        self.login(self.secretariat)
        before = counts()
        response = self.upload()
        self.assertContains(response, "contacts.csv")
        self.assertContains(response, CONFIRM)
        self.assertEqual(response.context["plan"].counts["contacts.csv"], 4)
        self.assertEqual(counts(), before)
        self.assertEqual(len(self.uploaded_files()), 1)

    def test_it_imports_on_confirmation_and_deletes_the_upload(self):
        self.login(self.secretariat)
        self.upload(name="gammelt-system.zip")
        response = self.client.post(CONFIRM, {"token": self.token()})
        self.assertRedirects(response, IMPORTS)
        batch = ImportBatch.objects.get()
        self.assertEqual(batch.imported_by, self.secretariat)
        self.assertEqual(batch.source_name, "gammelt-system.zip")
        self.assertEqual(Contact.objects.filter(import_batch=batch).count(), 4)
        self.assertEqual(self.uploaded_files(), [])
        entry = AuditEntry.objects.get(object_type="interchange.importbatch")
        self.assertEqual(entry.actor, self.secretariat)

    def test_it_lists_the_errors_and_keeps_nothing(self):
        self.login(self.secretariat)
        response = self.upload(replace_cell("contacts.csv", 3, "date", "2024-02-31"))
        self.assertContains(response, "contacts.csv")
        self.assertContains(response, "2024-02-31")
        self.assertNotContains(response, CONFIRM)
        self.assertEqual(self.uploaded_files(), [])
        self.assertEqual(ImportBatch.objects.count(), 0)

    def test_it_refuses_the_same_dataset_twice(self):
        self.login(self.secretariat)
        self.upload()
        self.client.post(CONFIRM, {"token": self.token()})
        response = self.upload()
        self.assertNotContains(response, CONFIRM)
        self.assertEqual(ImportBatch.objects.count(), 1)

    def test_it_refuses_a_file_that_is_no_zip(self):
        self.login(self.secretariat)
        response = self.client.post(
            IMPORTS, {"dataset": SimpleUploadedFile("contacts.csv", b"contact_code\r\n")}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["dataset"])
        self.assertEqual(self.uploaded_files(), [])

    def test_it_reports_a_broken_zip(self):
        self.login(self.secretariat)
        response = self.client.post(
            IMPORTS, {"dataset": SimpleUploadedFile("broken.zip", b"PK\x03\x04 not really")}
        )
        self.assertFalse(response.context["plan"].ok)
        self.assertEqual(self.uploaded_files(), [])

    def test_it_discards_an_upload(self):
        self.login(self.secretariat)
        self.upload()
        response = self.client.post(DISCARD, {"token": self.token()})
        self.assertRedirects(response, IMPORTS)
        self.assertEqual(self.uploaded_files(), [])
        self.assertEqual(ImportBatch.objects.count(), 0)

    def test_it_confirms_only_the_uploaders_own_upload(self):
        self.login(self.secretariat)
        self.upload()
        token = self.token()
        colleague = make_user("kollega@sekretariat.example", "Kollega", is_secretariat=True)
        other = self.client_class()
        other.force_login(colleague)
        self.assertEqual(other.post(CONFIRM, {"token": token}).status_code, 404)
        for bad in ("", "../../etc/passwd", "x" * 30):
            self.assertEqual(self.client.post(CONFIRM, {"token": bad}).status_code, 404)
        self.assertEqual(ImportBatch.objects.count(), 0)

    def test_it_is_for_the_secretariat_only(self):
        self.login(self.secretariat)
        self.upload()
        token = self.token()
        people = [
            self.chief_a,
            self.volunteer_a,
            self.a_seconded_municipal,
            self.peer,
            self.viewer_ballerup,
            self.outsider,
        ]
        for user in people:
            with self.subTest(user=user.email):
                self.client.force_login(user)
                self.assertEqual(self.client.get(IMPORTS).status_code, 404)
                self.assertEqual(self.upload().status_code, 404)
                self.assertEqual(self.client.post(CONFIRM, {"token": token}).status_code, 404)
                self.assertEqual(self.client.post(DISCARD, {"token": token}).status_code, 404)
        self.assertEqual(ImportBatch.objects.count(), 0)
        self.client.logout()
        self.assertEqual(self.client.get(IMPORTS).status_code, 302)

    def test_it_keeps_the_upload_in_the_database_for_any_server(self):
        self.login(self.secretariat)
        self.upload(name="stor.zip")
        pending = PendingUpload.objects.get()
        self.assertEqual(pending.name, "stor.zip")
        self.assertEqual(pending.size, sum(len(c.data) for c in pending.chunks.all()))
        self.assertFalse((self.tmp / "data" / "imports").exists())
        # The confirmation arrives at another process: a new client with the same session.
        other = self.client_class()
        other.cookies = self.client.cookies
        self.assertRedirects(other.post(CONFIRM, {"token": pending.token}), IMPORTS)
        self.assertEqual(ImportBatch.objects.count(), 1)

    def test_it_removes_uploads_left_for_more_than_a_day(self):
        import datetime as dt

        from django.utils import timezone

        self.login(self.secretariat)
        self.upload()
        PendingUpload.objects.update(uploaded_at=timezone.now() - dt.timedelta(days=2))
        self.upload()
        self.assertEqual(PendingUpload.objects.count(), 1)

    def test_it_speaks_danish_first_and_english_when_asked(self):
        self.login(self.secretariat)
        self.assertContains(self.client.get(IMPORTS), "Importér et datasæt")
        response = self.upload(replace_cell("contacts.csv", 3, "age", "old"))
        self.assertContains(response, "contacts.csv linje 3 kolonne age")
        self.client.cookies.load({"django_language": "en"})
        self.assertContains(self.client.get(IMPORTS), "Import a dataset")
