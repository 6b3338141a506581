"""Reads for import and export: what the database knows, loaded once into dicts."""

from collections.abc import Iterable

from django.db.models import Model

from frirum.interchange.models import ImportBatch
from frirum.interchange.parsing import Lookups
from frirum.questionnaires.models import Instrument, Item
from frirum.sites.models import Municipality, Site
from frirum.taxonomies.models import Term, Vocabulary

# SQLite allows 32766 parameters; stay well below for `code IN (...)` lookups.
CHUNK = 2000


def load_lookups() -> Lookups:
    terms: dict[str, dict[str, int]] = {v: {} for v in Vocabulary.values}
    # Inactive terms stay valid: "an import may use any code known to the database".
    for vocabulary, code, term_id in Term.objects.values_list("vocabulary", "code", "id"):
        terms.setdefault(vocabulary, {})[code] = term_id
    items = {}
    for instrument_code, code, instrument_id, item_id, low, high in Item.objects.filter(
        version__is_current=True
    ).values_list(
        "version__instrument__code",
        "code",
        "version__instrument_id",
        "id",
        "version__scale_min",
        "version__scale_max",
    ):
        items[(instrument_code, code)] = (instrument_id, item_id, low, high)
    return Lookups(
        terms=terms,
        municipalities=dict(Municipality.objects.values_list("code", "id")),
        items=items,
        instruments=set(Instrument.objects.values_list("code", flat=True)),
    )


def existing_sites() -> dict[str, dict]:
    """Every site of the database by code, with the attributes sites.csv carries."""
    return {
        row["code"]: row
        for row in Site.objects.values(
            "id", "code", "name", "kind", "municipality__code", "hub__code", "opened_on"
        )
    }


def existing_codes(model: type[Model], codes: Iterable[str]) -> dict[str, int]:
    """code -> id for those of `codes` that `model` already holds, a chunk per query."""
    found: dict[str, int] = {}
    if not model.objects.exists():
        return found
    batch: list[str] = []
    for code in codes:
        batch.append(code)
        if len(batch) >= CHUNK:
            found.update(model.objects.filter(code__in=batch).values_list("code", "id"))
            batch = []
    if batch:
        found.update(model.objects.filter(code__in=batch).values_list("code", "id"))
    return found


def imported_batch(fingerprint: str) -> ImportBatch | None:
    return ImportBatch.objects.filter(fingerprint=fingerprint).first()


def recent_imports(limit: int = 20) -> list[ImportBatch]:
    return list(ImportBatch.objects.select_related("imported_by").order_by("-imported_at")[:limit])
