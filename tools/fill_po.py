"""Fill empty msgstr entries of a .po file from a JSON dict {msgid: Danish}. A developer tool.

Usage: python tools/fill_po.py path/to/django.po translations.json
"""

import json
import sys

import polib


def main() -> None:
    po = polib.pofile(sys.argv[1])
    table = json.load(open(sys.argv[2], encoding="utf-8"))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in table:
            value = table[entry.msgid]
            if isinstance(value, list):  # plural forms
                entry.msgstr_plural = dict(enumerate(value))
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif (not entry.msgstr and not entry.msgstr_plural.get(0)) or "fuzzy" in entry.flags:
            missing.append(entry.msgid)
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    for msgid in missing:
        print("missing:", msgid)


if __name__ == "__main__":
    main()
