"""Personal names: a first name next to a surname, or a first name after "hedder"/"navn".

A lone first name is not enough: many are ordinary words ("Bo", "Sol", "Mai", "Storm") and a
young person may be called by a first name alone. The lists are in data/ (see their headers).
"""

import itertools
import re
from functools import cache
from pathlib import Path

from frirum.lib.anonymity.findings import Finding

_DATA = Path(__file__).resolve().parent / "data"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
# Only spaces (and at most one initial such as "J.") between a first name and a surname.
_GAP = re.compile(r"^\s+(?:[A-ZÆØÅ]\.\s*)?$")
_SURNAME_ENDINGS = ("sen", "sson", "gaard", "gård", "strup", "rup")
_TRIGGER_ANY_CASE = frozenset(
    "hedder heder hedde navn navnet navn: kaldes kaldet kalder name named called".split()
)
_TRIGGER_CAPITALISED = frozenset("er am i'm im".split())
# "Hunden hedder Bella": pets, places, groups and things have names too.
_NOT_A_PERSON = frozenset(
    "hunden katten hesten kaninen hamsteren marsvinet fisken fuglen dyret hvalpen killingen"
    " skolen klassen gruppen holdet klubben appen spillet byen filmen bogen serien sangen"
    " bandet butikken firmaet stedet kanalen serveren bilen cyklen dukken bamsen kat hund hest"
    " kanin hamster marsvin fugl undulat hvalp killing kælenavn film bog serie sang spil app"
    " gruppe klub hold band".split()
)
_FAMILY_WORDS = frozenset("mor far bror søster mormor morfar farmor farfar moster faster".split())


def _words(name: str) -> frozenset[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def first_names() -> frozenset[str]:
    return _words("first_names.txt")


@cache
def surnames() -> frozenset[str]:
    return _words("surnames.txt")


@cache
def ordinary_words() -> frozenset[str]:
    return _words("ordinary_words.txt") | _FAMILY_WORDS


def _strong_surname(word: str, lower: str) -> bool:
    """A surname that is not also an ordinary word."""
    if lower in ordinary_words():
        return False
    if lower in surnames():
        return True
    return word[0].isupper() and len(word) >= 5 and lower.endswith(_SURNAME_ENDINGS)


def _any_surname(word: str, lower: str) -> bool:
    return lower in surnames() or (
        word[0].isupper() and len(word) >= 5 and lower.endswith(_SURNAME_ENDINGS)
    )


@cache
def _worth_a_look() -> frozenset[str]:
    return first_names() | _TRIGGER_ANY_CASE | _TRIGGER_CAPITALISED


def find_names(
    text: str, *, code: bool = False, lower_words: set[str] | None = None
) -> list[Finding]:
    """Names in free text; with code=True, in a pseudonym ("mads_jensen", "MadsJensen").

    lower_words, the text's words in lower case, lets a text without a first name or a
    trigger word skip the word-by-word pass.
    """
    if code:
        return _find_in_code(text)
    if lower_words is not None and not lower_words & _worth_a_look():
        return []
    words = [(m.group(0), m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    found = []
    firsts, ordinary = first_names(), ordinary_words()
    # An initial between first name and surname ("Ida B. Møller") is skipped.
    words = [
        w
        for i, w in enumerate(words)
        if not (len(w[0]) == 1 and w[0].isupper() and text[w[3] : w[3] + 1] == "." and i)
    ]
    for index in range(len(words) - 1):
        word, lower, start, _end = words[index]
        nxt, nxt_lower, nxt_start, nxt_end = words[index + 1]
        if lower in _TRIGGER_ANY_CASE or lower in _TRIGGER_CAPITALISED:
            if _after_trigger(text, words, index):
                found.append(Finding("name", "name.after-hedder", start, nxt_end))
                continue
        if (
            word[0].isupper()
            and nxt[0].isupper()
            and text[_end:nxt_start] == ", "
            and nxt_lower in firsts
            and nxt_lower not in ordinary
            and _strong_surname(word, lower)
        ):
            # "Jensen, Mads": a list written surname first.
            found.append(Finding("name", "name.surname-comma-first", start, nxt_end))
            continue
        is_first = lower in firsts or ("-" in lower and all(p in firsts for p in lower.split("-")))
        if not is_first or not _GAP.match(text[_end:nxt_start]):
            continue
        if word[0].isupper() and nxt[0].isupper():
            strong = _strong_surname(nxt, nxt_lower)
            if strong or (lower not in ordinary and _any_surname(nxt, nxt_lower)):
                found.append(Finding("name", "name.first-and-surname", start, nxt_end))
        elif (
            lower not in ordinary
            and nxt_lower in surnames()
            and nxt_lower not in ordinary
            and nxt_lower.endswith(_SURNAME_ENDINGS)
        ):
            found.append(Finding("name", "name.first-and-surname", start, nxt_end))
    return found


def _after_trigger(text: str, words, index: int) -> bool:
    """The word after "hedder"/"navn:"/"jeg er" is a first name (a capital where it matters)."""
    trigger = words[index][1]
    candidate, lower = words[index + 1][0], words[index + 1][1]
    if any(w[1] in _NOT_A_PERSON for w in words[max(0, index - 3) : index]):
        return False
    if trigger in ("er", "am", "i'm", "im"):
        before = words[index - 1][1] if index else ""
        if before not in ("jeg", "han", "hun", "i", "det", "navnet", "name"):
            return False
        return candidate[0].isupper() and lower in first_names() and lower not in _FAMILY_WORDS
    if lower in ("er", "is") and index + 2 < len(words) and not trigger.startswith("navn"):
        # "my name is Mads": the name comes after "is".
        candidate, lower = words[index + 2][0], words[index + 2][1]
    if trigger.startswith("navn"):
        # "navn: Mads", "navnet er Mads", but not "hun har et andet navn nu".
        gap = text[words[index][3] : words[index + 1][2]]
        if ":" not in gap and lower != "er":
            return False
        if lower == "er" and index + 2 < len(words):
            candidate, lower = words[index + 2][0], words[index + 2][1]
    if lower in _FAMILY_WORDS:
        return False
    if lower in first_names() or lower in surnames():
        return lower not in ordinary_words() or candidate[0].isupper()
    return False


_CODE_PARTS = re.compile(r"[A-ZÆØÅ]?[a-zæøå]+|[A-ZÆØÅ]+(?![a-zæøå])")


def _find_in_code(code: str) -> list[Finding]:
    parts = [p.lower() for p in _CODE_PARTS.findall(code) if len(p) > 1]
    firsts, ordinary = first_names(), ordinary_words()
    for first, last in itertools.pairwise(parts):
        if first in firsts and last in surnames() and not (first in ordinary and last in ordinary):
            return [Finding("name", "name.first-and-surname", 0, len(code))]
    return []
