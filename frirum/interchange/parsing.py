"""Turning one CSV row into plain values, with a located problem for every bad cell.

The same parsers serve the validation pass and the writing pass, so what was checked is
exactly what gets written. Records carry codes for references to other files (resolved by
the caller) and database ids for codes the database already knows (terms, municipalities).
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from frirum.contacts.choices import Channel, ContactKind, DropoutRisk, EducationStatus, OutreachKind
from frirum.family.models import BridgedFor, FamilyKind, InquiryReason
from frirum.interchange.dataset import Problem
from frirum.interchange.format import MAX_CODE_LENGTH, MULTI_SEPARATOR, FileSpec
from frirum.lib.anonymity import MESSAGES as IDENTIFIER_MESSAGES
from frirum.lib.anonymity import code_problem, find_identifiers
from frirum.lib.spreadsheet import revive_cell
from frirum.lib.text import CONTROL_CHARACTERS, describe, find_control_character
from frirum.people.models import Gender
from frirum.sites.models import SiteKind
from frirum.taxonomies.models import Vocabulary

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^-?\d+$")
MAX_INT = 2_147_483_647
SITE_NAME_LENGTH = 200
_ALLOWED: dict[type, frozenset[str]] = {}


class TooManyProblems(Exception):
    pass


class Problems:
    """Collects problems; stops the reading when enough have been found to act on."""

    def __init__(self, limit: int = 20):
        self.limit = limit
        self.items: list[Problem] = []

    def add(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.items.append(Problem(file, line, column, message))
        if len(self.items) >= self.limit:
            raise TooManyProblems

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass
class Lookups:
    """What the receiving database already knows, loaded once into dicts."""

    terms: dict[str, dict[str, int]]
    municipalities: dict[str, int]
    # (instrument code, item code) -> (instrument id, item id, lowest, highest) of the current version
    items: dict[tuple[str, str], tuple[int, int, int, int]]
    instruments: set[str] = field(default_factory=set)


class Row:
    __slots__ = ("cells", "file", "index", "line", "ok", "problems")

    def __init__(self, spec: FileSpec, index: dict[str, int], problems: Problems):
        self.file = spec.name
        self.index = index
        self.problems = problems
        self.cells: list[str] = []
        self.line = 0
        self.ok = True

    def reset(self, line: int, cells: list[str]) -> None:
        self.line = line
        self.ok = True
        # An apostrophe that the export put before a formula-like cell comes off again.
        self.cells = [(revive_cell(c) if c[:1] == "'" else c).strip() for c in cells]
        if CONTROL_CHARACTERS.search("".join(cells)):
            self._control_characters(cells)

    def _control_characters(self, cells: list[str]) -> None:
        names = {position: name for name, position in self.index.items()}
        for position, cell in enumerate(cells):
            found = find_control_character(cell)
            if found is not None:
                self.error(
                    names.get(position, str(position + 1)),
                    _("control character %(character)s at character %(at)s; remove it")
                    % {"character": describe(cell[found]), "at": found + 1},
                )

    def get(self, column: str) -> str:
        i = self.index.get(column)
        return "" if i is None else self.cells[i]

    def error(self, column: str | None, message: str) -> None:
        self.ok = False
        self.problems.add(self.file, self.line, column, message)

    # Cell parsers. Each returns the value, or None for an empty or a bad cell (bad cells
    # are recorded and mark the row as not ok).

    def code(self, column: str, required: bool = False) -> str:
        value = self.get(column)
        if not value:
            if required:
                self.error(column, _("a value is required"))
            return ""
        if len(value) > MAX_CODE_LENGTH:
            self.error(column, _("a code has at most %(n)s characters") % {"n": MAX_CODE_LENGTH})
        else:
            self._anonymous_code(column, value)
        return value

    def _anonymous_code(self, column: str, value: str) -> None:
        # Every code, pseudonyms first, passes the one anonymity guard (frirum.lib.anonymity).
        problem = code_problem(value)
        if problem:
            self.error(column, problem)

    def text(self, column: str) -> str:
        """A free-text cell: it must not identify anybody."""
        value = self.get(column)
        found = find_identifiers(value) if value else []
        if found:
            self.error(column, str(IDENTIFIER_MESSAGES[found[0].kind]))
        return value

    def pseudonym(self, column: str) -> str:
        return self.code(column, required=True)

    def choice(self, column: str, choices, required: bool = False, default: str = "") -> str:
        value = self.get(column)
        if not value:
            if required:
                self.error(column, _("a value is required"))
            return default
        allowed = _ALLOWED.get(choices)
        if allowed is None:
            # Django computes `.values` on every access; a million rows notice.
            allowed = _ALLOWED[choices] = frozenset(choices.values)
        if value not in allowed:
            self.error(
                column,
                _("unknown code %(value)r (allowed: %(allowed)s)")
                % {"value": value, "allowed": ", ".join(choices.values)},
            )
        return value

    def date(self, column: str, required: bool = False) -> dt.date | None:
        value = self.get(column)
        if not value:
            if required:
                self.error(column, _("a date is required"))
            return None
        if _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(column, _("%(value)r is not a date of the form YYYY-MM-DD") % {"value": value})
        return None

    def integer(
        self, column: str, low: int = 0, high: int = MAX_INT, required: bool = False
    ) -> int | None:
        value = self.get(column)
        if not value:
            if required:
                self.error(column, _("a number is required"))
            return None
        if not _INT.match(value):
            self.error(column, _("%(value)r is not a whole number") % {"value": value})
            return None
        number = int(value)
        if not low <= number <= high:
            self.error(
                column,
                _("%(value)s is outside %(low)s-%(high)s")
                % {"value": number, "low": low, "high": high},
            )
            return None
        return number

    def boolean(self, column: str) -> bool:
        value = self.get(column)
        if value in ("", "0"):
            return False
        if value == "1":
            return True
        self.error(column, _("%(value)r is not 1 or 0") % {"value": value})
        return False

    def term(self, column: str, terms: dict[str, int], required: bool = False) -> int | None:
        value = self.get(column)
        if not value:
            if required:
                self.error(column, _("a value is required"))
            return None
        term_id = terms.get(value)
        if term_id is None:
            self.error(column, _("unknown code %(value)r") % {"value": value})
        return term_id

    def terms(self, column: str, terms: dict[str, int]) -> list[int]:
        ids = set()
        for part in self.get(column).split(MULTI_SEPARATOR):
            part = part.strip()
            if not part:
                continue
            term_id = terms.get(part)
            if term_id is None:
                self.error(column, _("unknown code %(value)r") % {"value": part})
            else:
                ids.add(term_id)
        return sorted(ids)

    def codes(self, column: str) -> list[str]:
        found = []
        for part in self.get(column).split(MULTI_SEPARATOR):
            part = part.strip()
            if part and part not in found:
                if len(part) > MAX_CODE_LENGTH:
                    self.error(
                        column, _("a code has at most %(n)s characters") % {"n": MAX_CODE_LENGTH}
                    )
                else:
                    self._anonymous_code(column, part)
                found.append(part)
        return found

    def municipality(self, column: str, municipalities: dict[str, int]) -> int | None:
        value = self.get(column)
        if not value:
            return None
        municipality_id = municipalities.get(value)
        if municipality_id is None:
            self.error(column, _("unknown municipality code %(value)r") % {"value": value})
        return municipality_id


def parse_site(row: Row, lookups: Lookups) -> dict:
    name = row.text("name")
    if len(name) > SITE_NAME_LENGTH:
        row.error("name", _("at most %(n)s characters") % {"n": SITE_NAME_LENGTH})
    kind = row.choice("kind", SiteKind, required=True)
    municipality_code = row.get("municipality_code")
    municipality_id = row.municipality("municipality_code", lookups.municipalities)
    if not municipality_code and kind and kind != SiteKind.CHAT:
        row.error("municipality_code", _("required for a site that is not a chat"))
    hub_code = row.code("hub_site_code")
    if hub_code and kind and kind != SiteKind.SATELLITE:
        row.error("hub_site_code", _("only a satellite has a hub"))
    return {
        "code": row.code("site_code", required=True),
        "name": name,
        "kind": kind,
        "municipality_id": municipality_id,
        "municipality_code": municipality_code,
        "hub_code": hub_code,
        "opened_on": row.date("opened_on"),
    }


def parse_youth(row: Row, lookups: Lookups) -> dict:
    return {
        "code": row.pseudonym("youth_code"),
        "gender": row.choice("gender", Gender, default=Gender.UNKNOWN),
        "municipality_id": row.municipality("residence_municipality_code", lookups.municipalities),
    }


def parse_relative(row: Row, lookups: Lookups) -> dict:
    return {
        "code": row.pseudonym("relative_code"),
        "relation_id": row.term("relation", lookups.terms[Vocabulary.RELATION], required=True),
    }


def parse_contact(row: Row, lookups: Lookups) -> dict:
    terms = lookups.terms
    return {
        "code": row.code("contact_code", required=True),
        "youth_code": row.code("youth_code", required=True),
        "site_code": row.code("site_code", required=True),
        "date": row.date("date", required=True),
        "kind": row.choice("kind", ContactKind, default=ContactKind.COUNSELLING),
        "channel": row.choice("channel", Channel),
        "age": row.integer("age", 0, 99),
        "education_status": row.choice("education_status", EducationStatus),
        "dropout_risk": row.choice("dropout_risk", DropoutRisk),
        "duration_minutes": row.integer("duration_minutes"),
        "themes": row.terms("themes", terms[Vocabulary.YOUTH_THEME]),
        "relative_present_id": row.term("relative_present", terms[Vocabulary.RELATION]),
        "bridged": row.boolean("bridged"),
        "methods": row.terms("bridging_methods", terms[Vocabulary.YOUTH_BRIDGING_METHOD]),
        "destinations": row.terms("bridging_destinations", terms[Vocabulary.DESTINATION]),
    }


def parse_outreach(row: Row, lookups: Lookups) -> dict:
    return {
        "code": row.code("activity_code", required=True),
        "site_code": row.code("site_code", required=True),
        "date": row.date("date", required=True),
        "kind": row.choice("kind", OutreachKind, required=True),
        "short_contacts": row.integer("short_contacts", required=True),
    }


def parse_response(row: Row, lookups: Lookups) -> tuple | None:
    """(contact code, instrument id, item id, item code, value), or None when invalid."""
    contact_code = row.code("contact_code", required=True)
    instrument = row.get("instrument")
    item_code = row.get("item")
    if not instrument:
        row.error("instrument", _("a value is required"))
        return None
    if instrument not in lookups.instruments:
        row.error("instrument", _("unknown instrument %(value)r") % {"value": instrument})
        return None
    found = lookups.items.get((instrument, item_code))
    if found is None:
        row.error(
            "item",
            _("instrument %(instrument)s has no item %(item)r")
            % {"instrument": instrument, "item": item_code},
        )
        return None
    instrument_id, item_id, low, high = found
    value = row.integer("value", low, high, required=True)
    if not row.ok:
        return None
    return (contact_code, instrument_id, item_id, item_code, value)


def parse_family_conversation(row: Row, lookups: Lookups) -> dict:
    terms = lookups.terms
    relative_codes = row.codes("relative_codes")
    if not relative_codes:
        row.error("relative_codes", _("at least one relative is required"))
    bridged = row.boolean("bridged")
    bridged_for = row.choice("bridged_for", BridgedFor)
    if bridged_for and not bridged:
        row.error("bridged_for", _("only for a bridged conversation (bridged = 1)"))
    return {
        "code": row.code("conversation_code", required=True),
        "site_code": row.code("site_code", required=True),
        "date": row.date("date", required=True),
        "kind": row.choice("kind", FamilyKind, required=True),
        "channel": row.choice("channel", Channel),
        "relative_codes": relative_codes,
        "peer_volunteer": row.boolean("peer_volunteer"),
        "themes": row.terms("themes", terms[Vocabulary.FAMILY_THEME]),
        "bridged": bridged,
        "bridged_for": bridged_for,
        "methods": row.terms("bridging_methods", terms[Vocabulary.FAMILY_BRIDGING_METHOD]),
        "destinations": row.terms("bridging_destinations", terms[Vocabulary.DESTINATION]),
    }


def parse_inquiry(row: Row, lookups: Lookups) -> dict:
    return {
        "code": row.code("inquiry_code", required=True),
        "site_code": row.code("site_code", required=True),
        "date": row.date("date", required=True),
        "relation_id": row.term("relation", lookups.terms[Vocabulary.RELATION]),
        "reason": row.choice("reason", InquiryReason),
    }


PARSERS = {
    "sites.csv": parse_site,
    "youth.csv": parse_youth,
    "relatives.csv": parse_relative,
    "contacts.csv": parse_contact,
    "outreach.csv": parse_outreach,
    "responses.csv": parse_response,
    "family_conversations.csv": parse_family_conversation,
    "relative_inquiries.csv": parse_inquiry,
}
