"""Street addresses (a street name with a house number) and postal codes with a town."""

import re
from functools import cache
from pathlib import Path

from frirum.lib.anonymity.findings import Finding

_DATA = Path(__file__).resolve().parent / "data"

_SUFFIXES = tuple(
    (
        "vej vejen gade gaden allé alle alléen stræde strædet boulevard plads pladsen torv torvet"
        " vænge vænget park parken vang vangen have haven bakke bakken høj højen sti stien toft"
        " toften løkke løkken kær kæret holm holmen lund lunden skov skoven strand stranden"
        " vold volden dal dalen hegn hegnet kvarter krog krogen gyde gyden kaj kajen"
        " brink brinken tværvej slette sletten mose mosen bjerg bjerget skrænt skrænten runddel"
        " passage brygge bryggen gård gården huse dige diget marken"
    ).split()
)
_SUFFIX_SET = frozenset(_SUFFIXES)
# A separate street word after a name: "Peter Bangs Vej 5", "Frederiksberg Allé 12".
_STREET_WORDS = frozenset(
    "allé alle gade plads stræde boulevard torv vænge bakke kaj brygge".split()
)
# These are everyday words too: a street only after a capitalised name.
_WEAK_STREET_WORDS = frozenset("vej park have høj sti ring".split())
# A house number with an optional letter, then the word before it (a comma, "nr." between).
_HOUSE_NUMBER = re.compile(r"(?<![\w.,/-])\d{1,4}(?:[ \t]?[A-Za-z](?!\w))?(?![\d,.]\d)(?!\w)")
_WORD_BEFORE = re.compile(r"(?<![\w'.-])([^\W\d_][\w'.-]*)[ \t]*,?[ \t]+(?:nr\.?[ \t]*)?$")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'.]*)\s+$")
# The number is an amount of something, not a house number.
_UNIT_AFTER = re.compile(
    r"(?i)^\s*(?:x\b|gange?\b|dage?\b|døgn\b|timer?\b|min\b|minutter\b|uger?\b|måneder?\b|år\b"
    r"|kr\b|stk\b|personer\b|unge\b|elever\b|deltagere\b|%|klasse|\.\s?klasse|-\d)"
)
_POSTAL = re.compile(
    r"(?i)(?<![\w.,/-])(?:dk\s?-\s?)?(?P<code>\d{4})\s+(?P<town>[a-zæøå][\wæøå.-]*(?:\s+[a-zæøå][\wæøå.-]*)?)"
)
_BIG_TOWNS = frozenset(
    "københavn kbh kbh. cph aarhus århus odense aalborg ålborg esbjerg frederiksberg randers kolding"
    " horsens vejle roskilde herning hørsholm helsingør silkeborg næstved fredericia viborg køge"
    " holstebro taastrup slagelse hillerød sønderborg svendborg hjørring nørresundby ringsted"
    " ølstykke haderslev skive nykøbing ballerup rødovre hvidovre valby vanløse brønshøj"
    " herlev glostrup albertslund ishøj brøndby greve hellerup gentofte lyngby charlottenlund".split()
)


@cache
def towns() -> frozenset[str]:
    lines = (_DATA / "towns.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#")) | _BIG_TOWNS


def _street_name(text: str, number: re.Match) -> bool:
    window = max(0, number.start() - 60)
    match = _WORD_BEFORE.search(text, window, number.start())
    if match is None:
        return False
    lower = match.group(1).lower().rstrip(".")
    if lower in _STREET_WORDS or lower in _WEAK_STREET_WORDS:
        previous = _PREVIOUS_WORD.search(text, window, match.start())
        if previous is None or len(previous.group(1)) < 3:
            return False
        return lower in _STREET_WORDS or previous.group(1)[0].isupper()
    return len(lower) >= 5 and lower.endswith(_SUFFIXES) and lower not in _SUFFIX_SET


def find_addresses(text: str) -> list[Finding]:
    found = []
    for number in _HOUSE_NUMBER.finditer(text):
        if not _street_name(text, number):
            continue
        if _UNIT_AFTER.match(text[number.end() : number.end() + 12]):
            continue
        found.append(Finding("address", "address.street-and-number", *number.span()))
        break
    if found:
        return found
    for match in _POSTAL.finditer(text):
        code = int(match.group("code"))
        if not 800 <= code <= 9990:
            continue
        town = match.group("town").lower()
        first = town.split()[0]
        if town in towns() or first in towns() or first.rstrip(".") in towns():
            found.append(Finding("address", "address.postal-code-and-town", *match.span()))
            break
    return found
