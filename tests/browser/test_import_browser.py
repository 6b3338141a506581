"""The secretariat imports a dataset in a browser: upload, dry-run summary, confirm, result; a
bad dataset lists its errors by file, line and column. Every step passes axe (WCAG 2.1 AA)."""

import zipfile

import pytest

from frirum.contacts.models import Contact
from frirum.interchange.models import ImportBatch, PendingUpload
from tests.base import PASSWORD, make_user
from tests.browser.conftest import assert_accessible, login
from tests.interchange.helpers import VALID, to_bytes
from tests.interchange.test_import_errors import replace_cell

# The flush after a live-server test would take the seeded municipalities and terms with it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def secretariat(settings, tmp_path):
    # Uploads wait in DATA_DIR/imports between the check and the confirmation.
    settings.DATA_DIR = tmp_path / "data"
    user = make_user("sekretariat@example.org", "Sekretariatet", is_secretariat=True)
    return user


def write_zip(path, files: dict) -> str:
    with zipfile.ZipFile(path, "w") as archive:
        for name, rows in files.items():
            archive.writestr(name, to_bytes(rows))
    return str(path)


def upload(page, path: str) -> None:
    page.get_by_label("Datasæt (.zip)").set_input_files(path)
    page.get_by_role("button", name="Kontrollér datasættet").click()
    page.wait_for_load_state("networkidle")


def test_it_checks_then_imports_a_valid_dataset(page, live_server, secretariat, tmp_path):
    path = write_zip(tmp_path / "gammelt-system.zip", VALID)
    login(page, live_server, secretariat.email, PASSWORD)
    page.goto(f"{live_server.url}/imports/")
    assert page.get_by_role("heading", level=1).text_content().strip() == "Importér et datasæt"
    assert_accessible(page)

    upload(page, path)
    assert page.get_by_text("Datasættet kan importeres.").is_visible()
    summary = page.get_by_role("table")
    assert summary.get_by_role("row", name="contacts.csv 4").is_visible()
    assert Contact.objects.count() == 0
    assert_accessible(page)

    page.get_by_role("button", name="Importér nu").click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/imports/"
    assert page.get_by_text("gammelt-system.zip blev importeret").is_visible()
    batch = ImportBatch.objects.get()
    assert batch.imported_by == secretariat
    assert Contact.objects.filter(import_batch=batch).count() == 4
    # The import shows in the list of earlier imports.
    assert page.get_by_role("cell", name="gammelt-system.zip").is_visible()
    assert_accessible(page)


def test_it_lists_the_errors_of_an_invalid_dataset(page, live_server, secretariat, tmp_path):
    files = replace_cell("contacts.csv", 3, "date", "2024-02-31")
    path = write_zip(tmp_path / "forkert.zip", files)
    login(page, live_server, secretariat.email, PASSWORD)
    page.goto(f"{live_server.url}/imports/")
    upload(page, path)

    assert page.get_by_role("alert").get_by_text("Datasættet kan ikke importeres").is_visible()
    problems = page.locator("ol.frirum-problems li")
    assert problems.count() >= 1
    assert "contacts.csv linje 3 kolonne date" in problems.first.text_content()
    assert "2024-02-31" in problems.first.text_content()
    assert page.get_by_role("button", name="Importér nu").count() == 0
    assert Contact.objects.count() == 0
    assert ImportBatch.objects.count() == 0
    assert_accessible(page)

    # Submitting the form again without a file keeps the user on the page with an error.
    page.get_by_role("button", name="Kontrollér datasættet").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)


def test_it_discards_an_upload_on_cancel(page, live_server, secretariat, tmp_path):
    path = write_zip(tmp_path / "dataset.zip", VALID)
    login(page, live_server, secretariat.email, PASSWORD)
    page.goto(f"{live_server.url}/imports/")
    upload(page, path)
    page.get_by_role("button", name="Annullér").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("intet blev importeret").is_visible()
    assert not PendingUpload.objects.exists()
    assert Contact.objects.count() == 0
    assert_accessible(page)
