"""Shared pieces of the demo dataset: a seeded random source and the period it covers."""

import datetime as dt
import random
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass

from frirum.lib.codes import CODE_ALPHABET

# One password for every demo login: the demo runs on a developer's own machine.
DEMO_PASSWORD = "frirum-demo-2026"  # noqa: S105
DEMO_EMAIL_DOMAIN = "demo.frirum.example"


class DemoRandom(random.Random):
    """A seeded random source, so the same demo comes out every time."""

    def weighted(self, weights: Mapping):
        return self.choices(list(weights), weights=list(weights.values()))[0]

    def sample_weighted(self, weights: Mapping, k: int) -> list:
        """k distinct keys, drawn without replacement in proportion to their weights."""
        pool = dict(weights)
        picked = []
        while pool and len(picked) < k:
            key = self.weighted(pool)
            picked.append(key)
            del pool[key]
        return picked

    def chance(self, probability: float) -> bool:
        return self.random() < probability

    def code(self, length: int) -> str:
        return "".join(self.choice(CODE_ALPHABET) for _ in range(length))

    def record_code(self, prefix: str) -> str:
        # The same shape as frirum.lib.codes.new_record_code, but reproducible.
        return f"{prefix}-{self.code(10)}"

    def pseudonym(self, prefix: str = "U") -> str:
        # The same shape as frirum.people.models.new_pseudonym, but reproducible.
        raw = self.code(8)
        return f"{prefix}-{raw[:4]}-{raw[4:]}"


@dataclass(frozen=True)
class Period:
    """The demo covers the previous full calendar year and the current year up to today."""

    start: dt.date
    end: dt.date

    @classmethod
    def ending(cls, today: dt.date) -> "Period":
        return cls(start=dt.date(today.year - 1, 1, 1), end=today)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def day(self, rng: DemoRandom) -> dt.date:
        return self.start + dt.timedelta(days=rng.randrange(self.days))


def next_open_day(
    date: dt.date, weekdays: Sequence[int], closed: Container[dt.date] = ()
) -> dt.date:
    """The first day on or after date on which the site is open: one of its weekdays and
    none of its closed days (a holiday, the summer weeks)."""
    if not weekdays:
        return date
    while date.weekday() not in weekdays or date in closed:
        date += dt.timedelta(days=1)
    return date


def scaled(count: float, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(count * scale))
