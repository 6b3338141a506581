"""CPR numbers and Danish phone numbers, written with any grouping and separator.

A run of digit groups joined by single separators (space, '-', '.', '/', '_') is read as one
chain; every stretch of whole groups in it is tried: ten digits whose first six are a real
ddmmyy date are a CPR number, eight digits with one kind of separator a phone number, unless
the stretch is plainly something else (a date, a school year, a time, an amount).
"""

import re

from frirum.lib.anonymity.findings import Finding

# Groups of digits, not glued to letters, joined by a separator with optional spaces.
_CHAIN = re.compile(r"(?<![^\W_])\d+(?:(?:[ \t]*[-./_][ \t]*|[ \t]+)\d+)*(?![^\W_])")
_SEPARATOR = re.compile(r"[ \t]*([-./_])[ \t]*|[ \t]+")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Words before a number that make it a time, a week or a year, not a phone number.
_NOT_A_PHONE_BEFORE = re.compile(r"(?i)(?:\bkl|\bklokken|\buge|\buger|\bår|\bårene)\.?\s*$")
_NOT_A_PHONE_AFTER = re.compile(r"(?i)^\s*(?:kr\b|kroner\b|,-|%|dkk\b|euro\b)")
_PLUS = re.compile(r"\(?\+\s*$")


def _valid_date(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS[month - 1]


def _cpr_date(digits: str) -> bool:
    return _valid_date(int(digits[0:2]), int(digits[2:4]))


def _year(digits: str) -> bool:
    return len(digits) == 4 and 1900 <= int(digits) <= 2099


def _is_date_or_years(groups: list[str]) -> bool:
    sizes = [len(g) for g in groups]
    if sizes in ([2, 2, 4], [1, 2, 4], [2, 1, 4], [1, 1, 4]):
        return _year(groups[2]) and _valid_date(int(groups[0]), int(groups[1]))
    if sizes in ([4, 2, 2], [4, 1, 1], [4, 2, 1], [4, 1, 2]):
        return _year(groups[0]) and _valid_date(int(groups[2]), int(groups[1]))
    if sizes == [4, 4]:
        return _year(groups[0]) and _year(groups[1])
    return False


def _split(chain: str) -> tuple[list[str], list[str]]:
    """The digit groups of a chain and the separator before each group after the first."""
    groups, separators, last = [], [], 0
    for match in _SEPARATOR.finditer(chain):
        groups.append(chain[last : match.start()])
        separators.append(match.group(1) or " ")
        last = match.end()
    groups.append(chain[last:])
    return groups, separators


def _country_code(text: str, start: int, groups: list[str]) -> bool:
    """Strip +45, (+45) or 0045 from the front of the groups; True when one was there."""
    first = groups[0]
    if first.startswith("0045") and len(first) >= 4:
        groups[0] = first[4:]
        return True
    if first.startswith("45") and _PLUS.search(text[max(0, start - 3) : start]):
        groups[0] = first[2:]
        return True
    return False


def find_numbers(text: str) -> list[Finding]:
    found: list[Finding] = []
    for match in _CHAIN.finditer(text):
        chain = match.group(0)
        if len(chain) < 8:
            continue
        groups, separators = _split(chain)
        prefixed = _country_code(text, match.start(), groups)
        if not groups[0]:
            groups.pop(0)
            separators = separators[1:]
        found.extend(_scan_chain(text, match, groups, separators, prefixed))
    return found


def _scan_chain(text, match, groups, separators, prefixed) -> list[Finding]:
    start, end = match.span()
    found = []
    phone_blocked = bool(
        _NOT_A_PHONE_BEFORE.search(text[max(0, start - 12) : start])
        or _NOT_A_PHONE_AFTER.match(text[end : end + 8])
    )
    for i in range(len(groups)):
        digits = ""
        seps: set[str] = set()
        for j in range(i, len(groups)):
            digits += groups[j]
            if j > i:
                seps.add(separators[j - 1])
            if len(digits) > 10:
                break
            if len(digits) == 10 and (j == i or _boundary_at(groups[i : j + 1], 6)):
                if _cpr_date(digits):
                    found.append(Finding("cpr", "cpr.date-and-serial", start, end))
                    return found
            if len(digits) == 8 and not phone_blocked and len(seps) <= 1:
                part = groups[i : j + 1]
                if (prefixed and i == 0) or (digits[0] != "0" and not _is_date_or_years(part)):
                    found.append(Finding("phone", "phone.eight-digits", start, end))
                    return found
    return found


def _boundary_at(groups: list[str], position: int) -> bool:
    total = 0
    for group in groups:
        total += len(group)
        if total == position:
            return True
    return False
