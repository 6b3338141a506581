"""Writing the in-memory activity rows to the database in bulk."""

from frirum.contacts.models import Contact, GroupSession
from frirum.core.demo.activity import Rows
from frirum.people.models import Youth
from frirum.questionnaires.models import Item, Response
from frirum.taxonomies.models import Term, Vocabulary

BATCH = 2000


def term_ids() -> dict[str, dict[str, int]]:
    """vocabulary -> code -> term id, for every shipped term."""
    ids: dict[str, dict[str, int]] = {}
    for vocabulary, code, pk in Term.objects.values_list("vocabulary", "code", "id"):
        ids.setdefault(vocabulary, {})[code] = pk
    return ids


def current_items(instrument_codes) -> dict[tuple[str, str], Item]:
    """(instrument code, item code) -> the item of the instrument's current version."""
    items = Item.objects.filter(
        version__is_current=True, version__instrument__code__in=instrument_codes
    ).select_related("version__instrument")
    return {(item.version.instrument.code, item.code): item for item in items}


def write_rows(rows: Rows, terms: dict[str, dict[str, int]]) -> dict[str, int]:
    """Insert everything; returns counts, including answers skipped for want of an instrument."""
    Youth.objects.bulk_create(rows.youth, batch_size=BATCH)
    GroupSession.objects.bulk_create(rows.group_sessions, batch_size=BATCH)
    relations = terms[Vocabulary.RELATION]
    for contact, relation in rows.relatives_present:
        contact.relative_present_id = relations[relation]
    Contact.objects.bulk_create(rows.contacts, batch_size=BATCH)

    for name, links, vocabulary in (
        ("themes", rows.themes, Vocabulary.YOUTH_THEME),
        ("bridging_methods", rows.methods, Vocabulary.YOUTH_BRIDGING_METHOD),
        ("bridging_destinations", rows.destinations, Vocabulary.DESTINATION),
    ):
        through = getattr(Contact, name).through
        codes = terms[vocabulary]
        through.objects.bulk_create(
            (through(contact_id=contact.pk, term_id=codes[code]) for contact, code in links),
            batch_size=BATCH,
        )
    through = Contact.counsellors.through
    through.objects.bulk_create(
        (through(contact_id=contact.pk, user_id=user.pk) for contact, user in rows.counsellors),
        batch_size=BATCH,
    )

    items = current_items({instrument for _c, instrument, _i, _v in rows.answers})
    answers = [
        Response(
            contact_id=contact.pk,
            instrument_id=item.version.instrument_id,
            item=item,
            item_code=item.code,
            value=value,
        )
        for contact, instrument, code, value in rows.answers
        if (item := items.get((instrument, code))) is not None
    ]
    Response.objects.bulk_create(answers, batch_size=BATCH)
    return {
        "youth": len(rows.youth),
        "contacts": len(rows.contacts),
        "answers": len(answers),
        "answers_skipped": len(rows.answers) - len(answers),
    }
