"""Factories for Family records, on top of tests/base.py."""

import datetime as dt
from itertools import count

from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.sites.models import Site
from frirum.taxonomies.models import Vocabulary
from tests.base import term

_sequence = count(1)


def make_relative(site: Site | None = None, relation: str = "parent", **fields) -> Relative:
    return Relative.objects.create(
        relation=term(Vocabulary.RELATION, relation), registered_at_site=site, **fields
    )


def make_group(site: Site, **fields) -> FamilyGroup:
    return FamilyGroup.objects.create(site=site, **fields)


def make_conversation(
    site: Site,
    relatives: list[Relative] | None = None,
    date: dt.date | None = None,
    **fields,
) -> FamilyConversation:
    themes = fields.pop("themes", [])
    methods = fields.pop("bridging_methods", [])
    destinations = fields.pop("bridging_destinations", [])
    fields.setdefault("kind", "relative")
    fields.setdefault("channel", "in_person")
    fields.setdefault("code", f"F-TEST{next(_sequence):06d}")
    conversation = FamilyConversation.objects.create(
        site=site, date=date or dt.date(2025, 3, 4), **fields
    )
    conversation.relatives.set(relatives if relatives is not None else [make_relative(site)])
    conversation.themes.set([term(Vocabulary.FAMILY_THEME, c) for c in themes])
    conversation.bridging_methods.set([term(Vocabulary.FAMILY_BRIDGING_METHOD, c) for c in methods])
    conversation.bridging_destinations.set([term(Vocabulary.DESTINATION, c) for c in destinations])
    return conversation


def make_inquiry(site: Site, date: dt.date | None = None, **fields) -> RelativeInquiry:
    relation = fields.pop("relation", "parent")
    fields.setdefault("reason", "family_matters")
    return RelativeInquiry.objects.create(
        site=site,
        date=date or dt.date(2025, 3, 4),
        relation=term(Vocabulary.RELATION, relation) if relation else None,
        **fields,
    )


def count_queries(client, url: str) -> int:
    """How many queries one GET of url takes (the page under test, plus the shared layout)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)
