import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection

from frirum.audit.models import AuditEntry
from frirum.core.backup import BackupError, restore_backup, write_backup
from frirum.core.backup.reading import _empty_tables
from frirum.core.backup.tables import backed_up_models
from frirum.people import search_index
from frirum.people.models import Youth
from frirum.people.selectors import search_youth
from tests.base import BaseTestCase, make_contact, make_youth


def table_contents() -> dict:
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values_list())
        for model in backed_up_models()
    }


def rewrite(source: Path, target: Path, change) -> None:
    """Copy a backup, changing data.jsonl's lines; keeps the old manifest unless told."""
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        lines = archive.read("data.jsonl").decode().splitlines(keepends=True)
    lines, manifest = change(lines, manifest)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("data.jsonl", "".join(lines))
        archive.writestr("manifest.json", json.dumps(manifest))


class BackupTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for n in range(3):
            make_contact(cls.site_a, themes=["anxiety"], counsellors=[cls.volunteer_a], note=f"{n}")
        AuditEntry.objects.create(
            actor=cls.chief_a, action="create", object_type="x", object_id="1"
        )

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.file = self.dir / "frirum.backup"

    def empty_database(self):
        if connection.vendor == "postgresql":
            # The test's own inserts still have foreign-key checks pending in this transaction.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        _empty_tables(connection, backed_up_models())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def test_it_restores_every_table_exactly(self):
        before = table_contents()
        manifest = write_backup(self.file)
        self.assertEqual(manifest["tables"]["contacts.contact"], 3)
        self.empty_database()
        restore_backup(self.file)
        self.assertEqual(table_contents(), before)

    def test_it_rebuilds_the_search_index_it_does_not_hold(self):
        fox = make_youth(self.site_a, nickname="Ræven")
        write_backup(self.file)
        with zipfile.ZipFile(self.file) as archive:
            self.assertNotIn(search_index.TABLE, archive.read("data.jsonl").decode())
        self.empty_database()
        self.assertEqual(list(search_youth(site=self.site_a, query="æve")), [])
        restore_backup(self.file)
        self.assertEqual([y.code for y in search_youth(site=self.site_a, query="æve")], [fox.code])
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT rowid, search_key FROM {search_index.TABLE} ORDER BY rowid")  # noqa: S608
                indexed = [tuple(row) for row in cursor.fetchall()]
            self.assertEqual(
                indexed, list(Youth.objects.order_by("pk").values_list("pk", "search_key"))
            )

    def test_it_carries_on_numbering_after_a_restore(self):
        write_backup(self.file)
        highest = max(AuditEntry.objects.values_list("pk", flat=True))
        self.empty_database()
        restore_backup(self.file)
        entry = AuditEntry.objects.create(action="create", object_type="x", object_id="2")
        self.assertGreater(entry.pk, highest)

    def test_it_keeps_the_file_private_and_leaves_no_partial_file(self):
        write_backup(self.file)
        self.assertEqual(os.stat(self.file).st_mode & 0o777, 0o600)
        self.assertEqual([p.name for p in self.dir.iterdir()], ["frirum.backup"])

    def test_it_refuses_a_database_that_is_not_empty(self):
        write_backup(self.file)
        before = table_contents()
        with self.assertRaisesMessage(BackupError, "not empty"):
            restore_backup(self.file)
        self.assertEqual(table_contents(), before)

    def test_it_refuses_a_cut_off_file_and_changes_nothing(self):
        write_backup(self.file)
        cut = self.dir / "cut.backup"
        cut.write_bytes(self.file.read_bytes()[: self.file.stat().st_size // 2])
        self.empty_database()
        with self.assertRaisesMessage(BackupError, "damaged or cut off"):
            restore_backup(cut)
        self.assertEqual(AuditEntry.objects.count(), 0)

    def test_it_refuses_a_file_whose_data_was_changed(self):
        write_backup(self.file)
        changed = self.dir / "changed.backup"

        def change(lines, manifest):
            return [line.replace("volunteer", "Volunteer") for line in lines], manifest

        rewrite(self.file, changed, change)
        self.empty_database()
        with self.assertRaisesMessage(BackupError, "checksum does not match"):
            restore_backup(changed)

    def test_it_loads_nothing_when_a_row_fails_halfway(self):
        write_backup(self.file)
        broken = self.dir / "broken.backup"

        def duplicate_last_contact(lines, manifest):
            import hashlib

            index = max(
                i
                for i, line in enumerate(lines)
                if line.startswith("[")
                and i
                < next(j for j, h in enumerate(lines) if '"table": "contacts.contact_bridging' in h)
            )
            lines.insert(index, lines[index])
            manifest["tables"]["contacts.contact"] += 1
            manifest["data_sha256"] = hashlib.sha256("".join(lines).encode()).hexdigest()
            return lines, manifest

        rewrite(self.file, broken, duplicate_last_contact)
        self.empty_database()
        with self.assertRaisesMessage(BackupError, "nothing was changed"):
            restore_backup(broken)
        self.assertEqual({k: v for k, v in table_contents().items() if v}, {})

    def test_it_refuses_a_backup_from_another_version(self):
        write_backup(self.file)
        other = self.dir / "other.backup"

        def change(lines, manifest):
            manifest["migrations"] = manifest["migrations"][:-1]
            return lines, manifest

        rewrite(self.file, other, change)
        self.empty_database()
        with self.assertRaisesMessage(BackupError, "not at the backup's version"):
            restore_backup(other)

    def test_it_refuses_a_file_that_is_not_a_backup(self):
        other = self.dir / "notes.txt"
        other.write_text("hello")
        with self.assertRaisesMessage(CommandError, "not a complete Frirum backup"):
            call_command("restore", str(other))
        with self.assertRaisesMessage(CommandError, "No such file"):
            call_command("restore", str(self.dir / "missing"))
