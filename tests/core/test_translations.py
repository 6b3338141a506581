"""Danish first: every catalogue is complete, and its compiled .mo matches the .po."""

import ast
import gettext
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "frirum"
CATALOGUES = sorted(ROOT.glob("**/locale/da/LC_MESSAGES/django.po"))


def parse_po(path: Path) -> list[dict]:
    """A small .po reader: entries with msgid, msgid_plural, msgstr[n] and flags."""
    entries, entry, key = [], {}, None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry.get("msgid") is not None:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["flags"] = {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return [e for e in entries if e["msgid"] and not e.get("obsolete")]


def test_it_has_catalogues_for_every_app_with_strings():
    assert len(CATALOGUES) >= 8


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_translates_every_string(po):
    untranslated = [
        e["msgid"]
        for e in parse_po(po)
        if "fuzzy" in e.get("flags", set()) or not (e.get("msgstr") or e.get("msgstr[0]"))
    ]
    assert not untranslated, untranslated


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_compiled_the_catalogue(po):
    with (po.with_suffix(".mo")).open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for e in parse_po(po):
        if "msgid_plural" in e:
            assert compiled.ngettext(e["msgid"], e["msgid_plural"], 1) == e["msgstr[0]"], e["msgid"]
        elif "msgctxt" in e:
            assert compiled.pgettext(e["msgctxt"], e["msgid"]) == e["msgstr"], e["msgid"]
        else:
            assert compiled.gettext(e["msgid"]) == e["msgstr"], e["msgid"]
