"""Extra helpers for the conversation tests (the shared factories live in tests/base.py)."""

from frirum.taxonomies.models import Vocabulary
from tests.base import term


def contact_post(for_site, **overrides) -> dict:
    """A complete, valid POST for the conversation form with a new young person."""
    data = {
        "site": str(for_site.pk),
        "date": "2025-03-04",
        "time": "14:30",
        "kind": "counselling",
        "channel": "in_person",
        "youth_mode": "new",
        "new_nickname": "Solsikke",
        "new_gender": "female",
        "new_residence_municipality": str(for_site.municipality_id or ""),
        "age": "16",
        "education_status": "in_education",
        "dropout_risk": "low",
        "duration_minutes": "45",
        "themes": [str(term(Vocabulary.YOUTH_THEME, "anxiety").pk)],
        "relative_present": "",
        "note": "",
        "action": "save",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
