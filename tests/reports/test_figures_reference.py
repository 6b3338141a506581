"""Every report figure against a second, independent reading of the definitions (plain
Python over the CSV rows) on random datasets full of ties, empty cells and edge ages —
what the outside tests do when they feed datasets through `frirum import` and `frirum report`."""

import io
import math

import pytest
from django.core.management import call_command

from frirum.reports import figures
from frirum.sites.models import Site
from tests.reports.reference.dataset import SITES, YEARS, make_dataset
from tests.reports.reference.figures import Dataset

pytestmark = pytest.mark.django_db

# Figures that are maps of category -> number: a category left out reads as 0.
CATEGORY_MAPS = {
    "youth.residence",
    "youth.gender",
    "youth.age_at_first",
    "youth.education",
    "contacts.by_channel",
    "contacts.by_kind",
    "themes",
    "bridging.methods",
    "bridging.destinations",
    "feedback.session_rating_mean",
    "feedback.helped",
    "outcomes.self_efficacy.first",
    "outcomes.self_efficacy.latest",
    "relatives.by_relation",
    "conversations.by_kind",
    "conversations.by_channel",
    "bridging.for",
    "inquiries.by_relation",
    "inquiries.by_reason",
    "youth_contacts_with_relative.by_relation",
}


def compare(expected, actual, path="") -> list[str]:
    problems = []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected a mapping, got {actual!r}"]
        categorical = path in CATEGORY_MAPS or path.startswith("themes_by_kind")
        keys = set(expected) | (set(actual) if categorical else set())
        for key in sorted(keys):
            sub = f"{path}.{key}" if path else key
            if key not in actual and not categorical:
                problems.append(f"{sub}: missing")
                continue
            want = expected.get(key, 0)
            # A category without any (a kind whose conversations name no theme) may be left
            # out or be an empty map: both read as nothing.
            missing = {} if categorical and isinstance(want, dict) else 0
            problems += compare(want, actual.get(key, missing), sub)
        return problems
    if isinstance(expected, int) and not isinstance(expected, bool) and isinstance(actual, int):
        return [] if expected == actual else [f"{path}: expected {expected}, got {actual}"]
    if not isinstance(actual, (int, float)) or not math.isclose(
        expected, actual, rel_tol=1e-9, abs_tol=1e-12
    ):
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    return []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_agrees_with_an_independent_reading_of_the_definitions(tmp_path, seed):
    make_dataset(tmp_path, seed=seed)
    call_command("import", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    reference = Dataset(tmp_path)
    problems = []
    for year in YEARS:
        for code, _name, kind, _m, _h in SITES:
            if kind != "family":
                site = Site.objects.get(code=code)
                problems += [
                    f"annual {code} {year} {p}"
                    for p in compare(
                        reference.annual(code, year), figures.annual(site=site, year=year)
                    )
                ]
            else:
                site = Site.objects.get(code=code)
                problems += [
                    f"family {code} {year} {p}"
                    for p in compare(
                        reference.family(year, code), figures.family(year=year, site=site)
                    )
                ]
        problems += [
            f"national {year} {p}"
            for p in compare(reference.national(year), figures.national(year=year))
        ]
        problems += [
            f"family {year} {p}" for p in compare(reference.family(year), figures.family(year=year))
        ]
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("month, day", [(6, 30), (2, 28)])
def test_it_agrees_on_part_of_a_year(tmp_path, month, day):
    """An unfinished year's figures up to a day, and the same period of the year before."""
    import datetime as dt

    make_dataset(tmp_path, seed=4)
    call_command("import", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    reference = Dataset(tmp_path)
    problems = []
    for year in YEARS:
        until = dt.date(year, month, day)
        reference.until = until
        for code, _name, kind, _m, _h in SITES:
            site = Site.objects.get(code=code)
            if kind != "family":
                expected, actual = (
                    reference.annual(code, year),
                    figures.annual(site=site, year=year, until=until),
                )
            else:
                expected, actual = (
                    reference.family(year, code),
                    figures.family(year=year, site=site, until=until),
                )
            assert actual["until"] == until.isoformat()
            problems += [f"{code} {year} {p}" for p in compare(expected, actual)]
        problems += [
            f"national {year} {p}"
            for p in compare(reference.national(year), figures.national(year=year, until=until))
        ]
    assert not problems, "\n".join(problems[:40])


def test_it_counts_nothing_after_the_until_day():
    import datetime as dt

    from frirum.reports.figures.common import year_bounds

    assert year_bounds(2026, dt.date(2026, 11, 29)) == (dt.date(2026, 1, 1), dt.date(2026, 11, 29))
    with pytest.raises(ValueError):
        year_bounds(2026, dt.date(2025, 11, 29))
