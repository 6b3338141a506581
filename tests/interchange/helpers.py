"""Small hand-made datasets, written into temporary folders or zips."""

import csv
import io
import shutil
import tempfile
import zipfile
from pathlib import Path

from frirum.contacts.models import Contact, Outreach
from frirum.family.models import FamilyConversation, Relative, RelativeInquiry
from frirum.interchange.models import ImportBatch
from frirum.people.models import Youth
from frirum.questionnaires.models import Response
from frirum.sites.models import Site

DATA = Path(__file__).parent / "data"


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [row for row in csv.reader(f)]


# A complete, valid dataset touching every file and column (data/valid). New sites only (codes
# the BaseTestCase network does not use), so it imports into that network as well as into an
# empty database.
VALID = {p.name: read_rows(p) for p in sorted((DATA / "valid").glob("*.csv"))}

MODELS = (
    Site,
    Youth,
    Contact,
    Outreach,
    Response,
    Relative,
    FamilyConversation,
    RelativeInquiry,
    ImportBatch,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def dataset(**changes) -> dict[str, list[list[str]]]:
    """VALID with some files replaced (a list of rows) or removed (None)."""
    files = {name: [list(row) for row in rows] for name, rows in VALID.items()}
    for key, rows in changes.items():
        name = key if key.endswith(".csv") else f"{key}.csv"
        if rows is None:
            files.pop(name, None)
        else:
            files[name] = rows
    return files


def to_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


class TempDirMixin:
    """A fresh temporary folder per test, removed afterwards."""

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="frirum-interchange-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def write_folder(self, files: dict, name: str = "dataset") -> Path:
        folder = self.tmp / name
        folder.mkdir()
        for filename, content in files.items():
            data = content if isinstance(content, bytes) else to_bytes(content)
            (folder / filename).write_bytes(data)
        return folder

    def write_zip(self, files: dict, name: str = "dataset.zip", inner: str = "") -> Path:
        path = self.tmp / name
        with zipfile.ZipFile(path, "w") as archive:
            for filename, content in files.items():
                data = content if isinstance(content, bytes) else to_bytes(content)
                archive.writestr(inner + filename, data)
        return path
