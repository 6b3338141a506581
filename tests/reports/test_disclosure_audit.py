"""The disclosure audit over everything one reader sees, on random datasets (many small sites
sharing a municipality, ties, zeros) and on the demo; and `frirum report ... --audit`."""

import csv
import io
import random
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frirum.reports.disclosure.audit import Audit, audit_ledgers, presentation_ledgers
from frirum.reports.disclosure.solve import Bound
from frirum.reports.render import build_presentation
from tests.reports.reference.dataset import make_dataset
from tests.reports.reference.figures import Dataset

pytestmark = pytest.mark.django_db

# Small sites in one municipality (and one next door), so that most counts are small.
EXTRA_SITES = [
    ("c-small1", "Small 1", "centre", "151", ""),
    ("s-small2", "Small 2", "satellite", "151", "c-ballerup"),
    ("s-small3", "Small 3", "satellite", "151", "c-ballerup"),
]
MUNICIPALITY_SITES = ["c-ballerup", "c-small1", "s-small2", "s-small3"]


def spread_over_small_sites(path: Path, seed: int) -> None:
    """Moves some of the dataset's contacts and outreach to the small sites."""
    rng = random.Random(seed)
    with (path / "sites.csv").open(encoding="utf-8", newline="") as f:
        sites = list(csv.reader(f))
    sites += [[c, n, k, m, h, "2020-01-01"] for c, n, k, m, h in EXTRA_SITES]
    with (path / "sites.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(sites)
    for name in ("contacts.csv", "outreach.csv"):
        with (path / name).open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            if row["site_code"] == "c-ballerup" and rng.random() < 0.7:
                row["site_code"] = rng.choice(MUNICIPALITY_SITES[1:])
        with (path / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


def annual(reference: Dataset, code: str, year: int) -> dict:
    figures = reference.annual(code, year)
    municipality = reference.sites[code]["municipality_code"]
    figures.update(
        report="annual", year=year, site={"code": code, "municipality_code": municipality}
    )
    return figures


def national(reference: Dataset, year: int) -> dict:
    return {**reference.national(year), "report": "national", "year": year, "site": None}


def municipality_audit(reference: Dataset, year: int, k: int) -> Audit:
    ledgers = []
    for code in MUNICIPALITY_SITES:
        for report_year in (year, year + 1):
            report = build_presentation(
                kind="annual",
                figures=annual(reference, code, report_year),
                previous=annual(reference, code, report_year - 1),
                k=k,
            )
            ledgers += presentation_ledgers(report)
    return audit_ledgers(ledgers, k=k, reader="municipality 151", year=year, views=[])


@pytest.mark.parametrize(("seed", "k"), [(11, 5), (12, 5), (13, 3)])
def test_it_passes_for_a_municipality_of_small_sites(tmp_path, seed, k):
    make_dataset(tmp_path, seed=seed, youth=40, contacts=160)
    spread_over_small_sites(tmp_path, seed)
    reference = Dataset(tmp_path)
    audit = municipality_audit(reference, 2024, k)
    assert audit.bounds, "the dataset should have hidden counts to audit"
    assert audit.passed, audit.table()


def test_it_passes_for_the_national_reports(tmp_path):
    make_dataset(tmp_path, seed=21, youth=30, contacts=120)
    reference = Dataset(tmp_path)
    ledgers = []
    for year in (2024, 2025):
        report = build_presentation(
            kind="national",
            figures=national(reference, year),
            previous=national(reference, year - 1),
            k=5,
        )
        ledgers += presentation_ledgers(report)
    audit = audit_ledgers(ledgers, k=5, reader="national", year=2024, views=[])
    assert audit.bounds
    assert audit.passed, audit.table()


def failing_audit() -> Audit:
    audit = Audit(reader="municipality 151 viewer", year=2025, k=5, views=["annual alpha 2025"])
    audit.bounds = [
        Bound(("alpha", 2025, "youth.short_contacts"), "secondary", "", 60, 57, 61, 3),
        Bound(("municipality:151", 2025, "youth.chat_resident"), "primary", "", 3, 3, 3, 3),
    ]
    return audit


def test_it_prints_the_audit_table_and_fails_the_command_when_a_count_is_disclosed():
    from frirum.sites.models import Municipality, Site

    Site.objects.create(
        code="alpha", name="Alpha", kind="centre", municipality=Municipality.objects.get(code="151")
    )
    out = io.StringIO()
    with mock.patch(
        "frirum.reports.disclosure.audit.audit_for_report", return_value=failing_audit()
    ):
        with pytest.raises(CommandError, match="disclosure audit failed"):
            call_command(
                "report", "annual", "--site", "alpha", "--year", "2025", "--audit", stdout=out
            )
    text = out.getvalue()
    assert "youth.chat_resident" in text
    assert "DISCLOSED" in text
    assert "FAILED" in text


def test_it_passes_on_the_demo():
    from django.db.models import Max

    from frirum.contacts.models import Contact
    from frirum.reports.disclosure.audit import audit_reader
    from frirum.sites.models import Municipality

    call_command("demo", "--scale", "0.05", "--seed", "7", stdout=io.StringIO())
    year = Contact.objects.aggregate(last=Max("date"))["last"].year - 1
    for code in ("751", "151"):
        audit = audit_reader(
            reader=f"municipality {code} viewer",
            year=year,
            k=5,
            municipality=Municipality.objects.get(code=code),
        )
        assert audit.bounds
        assert audit.passed, audit.table()
    audit = audit_reader(reader="national", year=year, k=5)
    assert any(view.startswith("trends") for view in audit.views)
    assert audit.passed, audit.table()
    out = io.StringIO()
    call_command(
        "report", "family", "--site", "hs-family-aarhus", "--year", str(year), "--audit", stdout=out
    )
    assert "municipality 751 viewer" in out.getvalue()
    assert "passed" in out.getvalue()
