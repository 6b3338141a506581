"""Scoring rules of an instrument version, as plain data.

One place turns answers into a reported score, a category and a clinical-range flag, so the
youth page, the course trend and the outcome statistics can never disagree.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from frirum.questionnaires.models import Direction, InstrumentVersion, Scoring

# Jacobson & Truax (1991): a change is reliable when |RCI| exceeds the two-sided 5 % z.
RCI_Z = 1.96


def _number(value) -> int | float:
    """Integers stay integers (exact in JSON); anything else is a float."""
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class Rules:
    version_id: int
    instrument_code: str
    number: int
    is_current: bool
    scale_min: int
    scale_max: int
    direction: str
    scoring: str
    multiplier: int | float
    item_codes: tuple[str, ...]
    reverse_codes: frozenset[str] = frozenset()
    categories: tuple[dict, ...] = ()
    cutoff: float | None = None
    reference_sd: float | None = None
    reliability: float | None = None
    source: str = ""

    @classmethod
    def from_version(cls, version: InstrumentVersion, items=None) -> "Rules":
        items = list(items if items is not None else version.items.all())
        return cls(
            version_id=version.pk,
            instrument_code=version.instrument.code,
            number=version.number,
            is_current=version.is_current,
            scale_min=version.scale_min,
            scale_max=version.scale_max,
            direction=version.direction,
            scoring=version.scoring,
            multiplier=_number(version.score_multiplier),
            item_codes=tuple(item.code for item in items),
            reverse_codes=frozenset(item.code for item in items if item.reverse_scored),
            categories=tuple(version.categories or ()),
            cutoff=version.cutoff,
            reference_sd=version.reference_sd,
            reliability=version.reliability,
            source=version.source,
        )

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER_IS_BETTER

    @property
    def item_count(self) -> int:
        return len(self.item_codes)

    @property
    def score_min(self) -> int | float:
        return self.score_from_raw(self.scale_min * self._raw_factor(), self.item_count)

    @property
    def score_max(self) -> int | float:
        return self.score_from_raw(self.scale_max * self._raw_factor(), self.item_count)

    def _raw_factor(self) -> int:
        return self.item_count if self.scoring == Scoring.SUM else 1

    def score_from_raw(self, raw_sum: int | float, n_items: int) -> int | float:
        """The reported score from the sum of (reverse-adjusted) item values."""
        if self.scoring == Scoring.MEAN:
            return _number(raw_sum / n_items * self.multiplier)
        return _number(raw_sum * self.multiplier)

    def score(self, values: dict[str, int]) -> int | float | None:
        """The reported score of a complete answer (item code -> value); None if incomplete."""
        if any(code not in values or values[code] is None for code in self.item_codes):
            return None
        raw = sum(
            (self.scale_min + self.scale_max - values[code])
            if code in self.reverse_codes
            else values[code]
            for code in self.item_codes
        )
        return self.score_from_raw(raw, self.item_count)

    def category(self, score) -> str | None:
        if score is None:
            return None
        for band in self.categories:
            if band["min"] <= score <= band["max"]:
                return band["code"]
        return None

    def category_label(self, code: str, language: str) -> str:
        for band in self.categories:
            if band["code"] == code:
                return band.get("en" if language.startswith("en") else "da") or code
        return code

    def is_clinical(self, score) -> bool | None:
        """Strictly on the worse side of the cut-off; None where no cut-off is defined."""
        if score is None or self.cutoff is None:
            return None
        return score < self.cutoff if self.higher_is_better else score > self.cutoff

    def improvement(self, first, latest) -> int | float:
        """Change in the better direction (positive = better), whatever the scale's direction."""
        change = latest - first
        return change if self.higher_is_better else -change

    @property
    def reliable_change_threshold(self) -> float | None:
        """The smallest change that is reliable (Jacobson-Truax): 1.96 * S_diff."""
        if self.reference_sd is None or self.reliability is None:
            return None
        return RCI_Z * self.standard_error_of_difference

    @property
    def standard_error_of_difference(self) -> float | None:
        if self.reference_sd is None or self.reliability is None:
            return None
        sem = self.reference_sd * math.sqrt(1 - self.reliability)
        return math.sqrt(2) * sem

    def reliable_change_index(self, first, latest) -> float | None:
        s_diff = self.standard_error_of_difference
        if not s_diff:
            return None
        return (latest - first) / s_diff


def rules_for_instrument(instrument_code: str) -> dict[int, Rules]:
    """Rules of every version of an instrument, keyed by version id (a handful of rows)."""
    versions = (
        InstrumentVersion.objects.filter(instrument__code=instrument_code)
        .select_related("instrument")
        .prefetch_related("items")
    )
    return {version.pk: Rules.from_version(version) for version in versions}


def current_rules(instrument_code: str) -> Rules | None:
    version = (
        InstrumentVersion.objects.filter(instrument__code=instrument_code, is_current=True)
        .select_related("instrument")
        .prefetch_related("items")
        .first()
    )
    return Rules.from_version(version) if version else None
