"""Small hand-made datasets for the report figures, on top of tests/base.py."""

import datetime as dt
from itertools import count

from frirum.contacts.models import Contact
from frirum.people.models import Youth
from frirum.questionnaires.models import Item, Response
from frirum.sites.models import Municipality, Site
from frirum.taxonomies.models import Vocabulary
from tests.base import make_contact, term

_sequence = count(1)


def youth(*, residence: str | None = None, gender: str = "female", code: str = "") -> Youth:
    """A young person living in the municipality with code `residence` (None: unknown)."""
    municipality = Municipality.objects.get(code=residence) if residence else None
    return Youth.objects.create(
        code=code or f"U-TEST-{next(_sequence):05d}",
        gender=gender,
        residence_municipality=municipality,
    )


def contact(site: Site, young: Youth, date: dt.date, **fields) -> Contact:
    """A contact with a readable code; relative_present given as a relation code."""
    fields.setdefault("code", f"C-TEST{next(_sequence):06d}")
    relation = fields.pop("relative_present", None)
    if relation:
        fields["relative_present"] = term(Vocabulary.RELATION, relation)
    return make_contact(site, young, date, **fields)


def answer(contact: Contact, instrument: str, item: str, value: int) -> Response:
    """An answer to the current version of a shipped instrument."""
    item_row = Item.objects.select_related("version__instrument").get(
        version__instrument__code=instrument, version__is_current=True, code=item
    )
    return Response.objects.create(
        contact=contact,
        instrument=item_row.version.instrument,
        item=item_row,
        item_code=item,
        value=value,
    )


def session_rating(contact: Contact, relationship: int, goals: int, approach: int, overall: int):
    for item, value in (
        ("relationship", relationship),
        ("goals_topics", goals),
        ("approach_method", approach),
        ("overall", overall),
    ):
        answer(contact, "session_rating", item, value)
