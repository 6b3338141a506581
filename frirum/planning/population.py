"""Whether the municipalities' population figures are illustrative (see IllustrativePopulation)."""

import hashlib

from frirum.planning.models import IllustrativePopulation
from frirum.sites.models import Municipality


def fingerprint() -> str:
    rows = Municipality.objects.order_by("code").values_list(
        "code", "population_total", "population_12_25", "population_year"
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def illustrative_note() -> str | None:
    """The mark's note while it still describes the figures in the database, else None."""
    mark = IllustrativePopulation.objects.order_by("-created_at").first()
    if mark is None or mark.fingerprint != fingerprint():
        return None
    return mark.note
