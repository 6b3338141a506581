"""Statistics Denmark's StatBank table FOLK1A as downloaded (semicolon separated, Danish
headers) read into population figures per municipality.

Two layouts are read, both as the StatBank's "CSV (semikolonsepareret)" download gives them:
- long: columns OMRÅDE, ALDER, (KØN, CIVILSTAND), TID, INDHOLD, one row per combination;
- wide: columns OMRÅDE, ALDER, (KØN, CIVILSTAND), then one column per period ("2025K1").
The area is a municipality's name ("København") or code and name ("101 København"); the
country ("Hele landet"), the regions and Christiansø (not one of the 98) are skipped. Ages are
"Alder i alt" and "12 år" ... "25 år"; without "Alder i alt" the total is the sum of every
single age. Of several periods the newest is used; its year is the figures' year. Rows for a
single sex or marital status are left out: only the "i alt" rows count.
"""

import csv
import io
import re
from dataclasses import dataclass

PERIOD = re.compile(r"^(\d{4})(?:[KMQ]\d{1,2})?$")
AGE = re.compile(r"^(\d{1,3}) år$")
SKIPPED_AREAS = re.compile(r"^(hele landet|region |landsdel |christiansø)", re.IGNORECASE)
TOTAL_WORDS = ("i alt",)


class StatBankError(ValueError):
    pass


@dataclass
class Population:
    total: int
    aged_12_25: int
    year: int


def looks_like_statbank(text: str) -> bool:
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return ";" in first and "OMR" in first.upper()


def decode(raw: bytes) -> str:
    """The StatBank's downloads are UTF-8 (with a byte-order mark) or Windows-1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _clean(value: str) -> str:
    return (value or "").strip().strip('"').strip()


def _period_key(period: str) -> tuple[int, int]:
    match = re.match(r"^(\d{4})(?:[KMQ](\d{1,2}))?$", period)
    return (int(match.group(1)), int(match.group(2) or 0)) if match else (0, 0)


def _number(value: str, line: int) -> int:
    text = _clean(value).replace(".", "").replace(" ", "")
    if not text.isdigit():
        raise StatBankError(f"line {line}: {value!r} is not a whole number")
    return int(text)


def parse(text: str, *, by_name: dict[str, str], codes: set[str]) -> dict[str, Population]:
    """{municipality code: Population} from the export's text.

    `by_name` maps a lower-cased municipality name to its code; `codes` are the known codes.
    """
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    rows = [row for row in rows if any(_clean(cell) for cell in row)]
    if not rows:
        raise StatBankError("line 1: the file is empty")
    header = [_clean(cell).upper() for cell in rows[0]]
    if "OMRÅDE" not in header or "ALDER" not in header:
        raise StatBankError("line 1: a StatBank export needs the columns OMRÅDE and ALDER")
    area_at, age_at = header.index("OMRÅDE"), header.index("ALDER")
    filters = [header.index(name) for name in ("KØN", "CIVILSTAND") if name in header]
    if "TID" in header and "INDHOLD" in header:
        period_at, value_at = header.index("TID"), header.index("INDHOLD")
        periods = {_clean(row[period_at]) for row in rows[1:] if len(row) > period_at}
        newest = max(periods, key=_period_key) if periods else ""

        def values(row):
            if _clean(row[period_at]) == newest:
                yield row[value_at]

    else:
        period_columns = [i for i, name in enumerate(header) if PERIOD.match(name)]
        if not period_columns:
            raise StatBankError("line 1: no period column (such as 2025K1) and no TID/INDHOLD")
        value_at = max(period_columns, key=lambda i: _period_key(header[i]))
        newest = header[value_at]

        def values(row):
            yield row[value_at]

    if not PERIOD.match(newest):
        raise StatBankError(f"line 2: {newest!r} is not a StatBank period such as 2025K1")
    year = int(newest[:4])
    totals: dict[str, int] = {}
    young: dict[str, int] = {}
    ages_sum: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) < len(header):
            raise StatBankError(f"line {line}: expected {len(header)} columns, found {len(row)}")
        if any(not _clean(row[i]).lower().endswith(TOTAL_WORDS) for i in filters):
            continue
        area = _clean(row[area_at])
        if SKIPPED_AREAS.match(area):
            continue
        code_match = re.match(r"^(\d{3})\b\s*(.*)$", area)
        code = code_match.group(1) if code_match else by_name.get(area.lower())
        if code is None or code not in codes:
            raise StatBankError(f"line {line} column OMRÅDE: unknown municipality {area!r}")
        age = _clean(row[age_at]).lower()
        for value in values(row):
            number = _number(value, line)
            if age.endswith("i alt"):
                totals[code] = totals.get(code, 0) + number
                continue
            match = AGE.match(age)
            if match is None:
                # An age band such as "100 år og derover": part of the total only.
                if age and age[0].isdigit():
                    ages_sum[code] = ages_sum.get(code, 0) + number
                    continue
                raise StatBankError(f"line {line} column ALDER: unknown age {age!r}")
            ages_sum[code] = ages_sum.get(code, 0) + number
            if 12 <= int(match.group(1)) <= 25:
                young[code] = young.get(code, 0) + number
    result = {}
    for code in sorted(set(totals) | set(ages_sum)):
        if code not in young:
            raise StatBankError(f"municipality {code}: the export has no ages 12 to 25")
        result[code] = Population(totals.get(code, ages_sum.get(code, 0)), young[code], year)
    if not result:
        raise StatBankError("the export holds no municipality")
    return result
