"""Rebuild frirum/lib/anonymity/data/{first_names,surnames,towns}.txt.

Usage: python tools/build_name_lists.py PATH/TO/faker-40.54.0-py3-none-any.whl tools/name_lists

The name lists join Faker's (MIT licence) da_DK, no_NO and sv_SE person lists and its da_DK
postal towns with hand-kept lists in tools/name_lists/ (extra_first.txt, extra_sur.txt: the most
common first names and surnames in Danmarks Statistik's published name statistics, as far as
Faker's lists miss them). Run once when the lists change; Frirum never downloads at run time.
"""

import importlib
import sys
import tempfile
import zipfile
from pathlib import Path

HEADER = """# {what}, one a line, lower case.
# Source: Faker 40.54.0 (MIT licence, copyright Daniele Faraglio and contributors) providers {providers}, joined with hand-kept
# additions from Danmarks Statistik's published lists of the most common names in Denmark
# (statistikbanken.dk, "Navne"). Built by tools/build_name_lists.py; edit the additions there.
"""
TOWNS_HEADER = """# {what}, one a line, lower case.
# Source: Faker 40.54.0 (MIT licence, copyright Daniele Faraglio and contributors) provider {providers} (the towns of the Danish postal
# code list). Built by tools/build_name_lists.py.
"""


def main(wheel: str, extra: str) -> None:
    target = Path(__file__).resolve().parent.parent / "frirum/lib/anonymity/data"
    tmp = Path(tempfile.mkdtemp())
    zipfile.ZipFile(wheel).extractall(tmp)
    sys.path.insert(0, str(tmp))
    first, last = set(), set()
    for locale in ("da_DK", "no_NO", "sv_SE"):
        person = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names_male", "first_names_female", "first_names"):
            first.update(getattr(person, attr, ()))
        if locale != "no_NO":
            last.update(getattr(person, "last_names", ()))
    extra_dir = Path(extra)
    first.update((extra_dir / "extra_first.txt").read_text().split())
    last.update((extra_dir / "extra_sur.txt").read_text().split())
    towns = importlib.import_module("faker.providers.address.da_DK").Provider.cities

    def write(name, what, providers, items, header=HEADER):
        words = sorted({item.strip().lower() for item in items if len(item.strip()) > 1})
        text = header.format(what=what, providers=providers) + "\n".join(words) + "\n"
        (target / name).write_text(text, encoding="utf-8")

    write("first_names.txt", "First names", "person.da_DK/no_NO/sv_SE", first)
    write("surnames.txt", "Surnames", "person.da_DK/sv_SE", last)
    write("towns.txt", "Danish postal towns", "address.da_DK", towns, TOWNS_HEADER)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
