"""Interchange format v1: the files, their columns in order, and which columns must be there.

The column order is the order the exporter writes; an importer accepts any order. A column
is *required* when the model cannot hold the row without it (keys, references, dates and the
kinds the reports group by); other columns may be left out of a file, meaning empty.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileSpec:
    name: str
    columns: tuple[str, ...]
    required: frozenset[str]
    key: str


def _spec(name: str, columns: str, required: str) -> FileSpec:
    cols = tuple(columns.split())
    req = frozenset(required.split())
    return FileSpec(name=name, columns=cols, required=req, key=cols[0])


SITES = _spec(
    "sites.csv",
    "site_code name kind municipality_code hub_site_code opened_on",
    "site_code kind",
)
YOUTH = _spec("youth.csv", "youth_code gender residence_municipality_code", "youth_code")
CONTACTS = _spec(
    "contacts.csv",
    "contact_code youth_code site_code date kind channel age education_status dropout_risk "
    "duration_minutes themes relative_present bridged bridging_methods bridging_destinations",
    "contact_code youth_code site_code date",
)
OUTREACH = _spec(
    "outreach.csv",
    "activity_code site_code date kind short_contacts",
    "activity_code site_code date kind short_contacts",
)
RESPONSES = _spec(
    "responses.csv", "contact_code instrument item value", "contact_code instrument item value"
)
RELATIVES = _spec("relatives.csv", "relative_code relation", "relative_code relation")
FAMILY_CONVERSATIONS = _spec(
    "family_conversations.csv",
    "conversation_code site_code date kind channel relative_codes peer_volunteer themes bridged "
    "bridged_for bridging_methods bridging_destinations",
    "conversation_code site_code date kind relative_codes",
)
RELATIVE_INQUIRIES = _spec(
    "relative_inquiries.csv",
    "inquiry_code site_code date relation reason",
    "inquiry_code site_code date",
)

# In the order they are read: every file only refers to files before it.
FILES: tuple[FileSpec, ...] = (
    SITES,
    YOUTH,
    RELATIVES,
    CONTACTS,
    OUTREACH,
    RESPONSES,
    FAMILY_CONVERSATIONS,
    RELATIVE_INQUIRIES,
)
FILES_BY_NAME = {spec.name: spec for spec in FILES}

# The order the format document lists them in: exports write them in this order.
EXPORT_ORDER = (
    SITES,
    YOUTH,
    CONTACTS,
    OUTREACH,
    RESPONSES,
    RELATIVES,
    FAMILY_CONVERSATIONS,
    RELATIVE_INQUIRIES,
)

MAX_CODE_LENGTH = 64
MULTI_SEPARATOR = ";"
