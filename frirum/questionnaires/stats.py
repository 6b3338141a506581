"""Paired statistics in plain Python: effect size and a reproducible bootstrap.

The bootstrap resamples courses with replacement. Paired changes take few distinct values
(integer scales), so a resample is drawn as multinomial counts over the distinct changes: the
same distribution as drawing n courses one by one, at a cost independent of n. The binomial
sampler is our own copy of CPython 3.12's `random.binomialvariate` so that a fixed seed gives
the same interval on every supported Python version.
"""

import math
import random
from collections import Counter
from collections.abc import Sequence

DEFAULT_SEED = 20250101
DEFAULT_RESAMPLES = 2000


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def sample_sd(values: Sequence[float]) -> float | None:
    """Standard deviation with n - 1 in the denominator; None for fewer than two values."""
    n = len(values)
    if n < 2:
        return None
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1))


def cohens_d_z(differences: Sequence[float]) -> float | None:
    """d_z = mean of the paired differences / their sample SD (Cohen 1988; Lakens 2013)."""
    sd = sample_sd(differences)
    if not sd:
        return None
    return mean(differences) / sd


def _binomial(rng: random.Random, n: int, p: float) -> int:
    """A binomial draw: CPython 3.12's binomialvariate (Devroye's BG / Hoermann's BTRS)."""
    if n == 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    if n == 1:
        return int(rng.random() < p)
    if p > 0.5:
        return n - _binomial(rng, n, 1.0 - p)
    if n * p < 10.0:
        x = y = 0
        c = math.log2(1.0 - p)
        if not c:
            return x
        while True:
            y += math.floor(math.log2(rng.random()) / c) + 1
            if y > n:
                return x
            x += 1
    spq = math.sqrt(n * p * (1.0 - p))
    b = 1.15 + 2.53 * spq
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = n * p + 0.5
    vr = 0.92 - 4.2 / b
    setup_complete = False
    alpha = lpq = m = h = 0.0
    while True:
        u = rng.random() - 0.5
        us = 0.5 - math.fabs(u)
        k = math.floor((2.0 * a / us + b) * u + c)
        if k < 0 or k > n:
            continue
        v = rng.random()
        if us >= 0.07 and v <= vr:
            return k
        if not setup_complete:
            alpha = (2.83 + 5.1 / b) * spq
            lpq = math.log(p / (1.0 - p))
            m = math.floor((n + 1) * p)
            h = math.lgamma(m + 1) + math.lgamma(n - m + 1)
            setup_complete = True
        v *= alpha / (a / (us * us) + b)
        if math.log(v) <= h - math.lgamma(k + 1) - math.lgamma(n - k + 1) + (k - m) * lpq:
            return k


def _multinomial(rng: random.Random, n: int, counts: Sequence[int]) -> list[int]:
    """Counts of n draws with replacement from a population with these category counts."""
    drawn = []
    remaining, weight_left = n, sum(counts)
    for count in counts[:-1]:
        x = _binomial(rng, remaining, count / weight_left) if remaining else 0
        drawn.append(x)
        remaining -= x
        weight_left -= count
    drawn.append(remaining)
    return drawn


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (the 'type 7' default of R and numpy)."""
    position = (len(sorted_values) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def bootstrap_paired(
    differences: Sequence[float],
    *,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    level: float = 0.95,
) -> dict | None:
    """Percentile bootstrap intervals of the mean difference and of d_z, or None if n < 2."""
    n = len(differences)
    if n < 2:
        return None
    tally = sorted(Counter(differences).items())
    values = [value for value, _ in tally]
    counts = [count for _, count in tally]
    rng = random.Random(seed)
    means, effects = [], []
    for _ in range(resamples):
        drawn = _multinomial(rng, n, counts)
        total = sum(x * v for x, v in zip(drawn, values, strict=True))
        squares = sum(x * v * v for x, v in zip(drawn, values, strict=True))
        m = total / n
        means.append(m)
        variance = max((squares - n * m * m) / (n - 1), 0.0)
        if variance > 0:
            effects.append(m / math.sqrt(variance))
    tail = (1 - level) / 2
    means.sort()
    effects.sort()
    result = {
        "method": "percentile bootstrap over courses",
        "level": level,
        "resamples": resamples,
        "seed": seed,
        "mean_change": [_percentile(means, tail), _percentile(means, 1 - tail)],
        "effect_size": None,
    }
    # Resamples without spread have no d_z; an interval over most of them would mislead.
    if len(effects) == resamples:
        result["effect_size"] = [_percentile(effects, tail), _percentile(effects, 1 - tail)]
    return result
