"""The attacker's bounds: for every hidden count, the smallest and largest value consistent
with everything the reader knows (a ledger), by integer linear programming (HiGHS via scipy).

Shown counts are constants, so they are substituted before solving, and the unknowns split
into independent groups (one table's hidden cells, linked across years and reports); each
group is a small problem solved twice per hidden count. Counts are integers (the reader knows
that, and it narrows ranges: a share of 33 % of a small number fixes it more than the
relaxation would); sums behind means are not.
"""

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from frirum.reports.disclosure.ledger import PRIMARY, SHOWN, Key, Ledger

# Stands in for "no upper bound": no presented count comes near it.
CAP = 10_000_000
TOLERANCE = 1e-6


@dataclass
class Bound:
    key: Key
    state: str
    reason: str
    value: float | None
    low: float
    high: float  # math.inf when the reader cannot bound it from above
    required: int

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def ok(self) -> bool:
        # A hidden zero (a share of a hidden total) names no one, and zeros are shown
        # elsewhere anyway: pinning it down discloses nothing. What it implies for the other
        # cells shows in their own ranges.
        return self.width >= self.required or self.value == 0


class InconsistentLedger(ValueError):
    """The relations contradict the exact values: a relation is wrong, not the reader."""


def shown_interval(value: float, step: float) -> tuple[float, float]:
    """Where a value lies that is presented rounded to `step` (whole percent, one decimal)."""
    shown = round(value / step) * step
    return max(shown - step / 2 - TOLERANCE, 0.0), shown + step / 2 + TOLERANCE


def required_width(k: int) -> int:
    """A hidden count must keep k-1 possible values: as much doubt as "<k" itself leaves."""
    return max(k - 2, 0)


def _rows(ledger: Ledger) -> list[tuple[dict[Key, float], float, float]]:
    """Every relation as (coefficients, lower, upper) over the unknowns."""
    rows = []
    for total, parts in ledger.sums:
        coefficients = {total: 1.0}
        for part in parts:
            coefficients[part] = coefficients.get(part, 0.0) - 1.0
        rows.append((coefficients, 0.0, 0.0))
    for larger, smaller in [*ledger.orders, *ledger.at_least]:
        if larger != smaller:
            rows.append(({larger: 1.0, smaller: -1.0}, 0.0, math.inf))
    for ratio in ledger.ratios:
        if ratio.hidden or ratio.value is None:
            continue
        low, high = shown_interval(ratio.value * ratio.scale, ratio.step)
        low, high = low / ratio.scale, high / ratio.scale
        # numerator - low x denominator >= 0 and numerator - high x denominator <= 0.
        rows.append(({ratio.numerator: 1.0, ratio.denominator: -low}, 0.0, math.inf))
        rows.append(({ratio.numerator: 1.0, ratio.denominator: -high}, -math.inf, 0.0))
    return rows


def _kept(ledger: Ledger, coefficients: dict[Key, float], low: float, high: float) -> bool:
    """Whether the exact figures keep a relation. Computed figures always do; hand-made ones
    (tests, fixtures) may not, and a relation the figures break is no knowledge."""
    total = 0.0
    for key, coefficient in coefficients.items():
        value = ledger.unknowns[key].value if key in ledger.unknowns else None
        if value is None:
            return True
        total += coefficient * float(value)
    return low - 1e-6 <= total <= high + 1e-6


def bounds(
    ledger: Ledger, *, keys: list[Key] | None = None, failures_only: bool = False
) -> list[Bound]:
    """The attacker's range for every hidden count of the ledger (or of `keys`).

    With `failures_only`, a count whose range is already known to be wide enough from the
    solutions found so far (each is a possible dataset) is not solved for; suppression only
    needs to know which fail, the audit wants every range."""
    k = ledger.k
    free = {key for key, unknown in ledger.unknowns.items() if unknown.state != SHOWN}
    constraints = []
    for coefficients, low, high in _rows(ledger):
        if not _kept(ledger, coefficients, low, high):
            continue
        constant, variable = 0.0, {}
        for key, coefficient in coefficients.items():
            if coefficient == 0:
                continue
            if key in free:
                variable[key] = variable.get(key, 0.0) + coefficient
            else:
                value = ledger.unknowns[key].value if key in ledger.unknowns else None
                constant += coefficient * float(value or 0)
        if not variable:
            if constant < low - 1e-4 or constant > high + 1e-4:
                raise InconsistentLedger(f"{coefficients} = {constant} not in [{low}, {high}]")
            continue
        constraints.append((variable, low - constant, high - constant))

    # Union-find: unknowns that share a relation belong to one problem.
    parent = {key: key for key in free}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for variable, _low, _high in constraints:
        first, *rest = variable
        for other in rest:
            parent[root(other)] = root(first)
    groups: dict[Key, list[Key]] = {}
    for key in sorted(free):
        groups.setdefault(root(key), []).append(key)
    by_group: dict[Key, list] = {}
    for constraint in constraints:
        by_group.setdefault(root(next(iter(constraint[0]))), []).append(constraint)

    wanted = set(keys) if keys is not None else None
    results = []
    for group_root, members in groups.items():
        targets = [
            key
            for key in members
            if ledger.unknowns[key].hidden
            and ledger.unknowns[key].integer
            and (wanted is None or key in wanted)
        ]
        if not targets:
            continue
        group_constraints = by_group.get(group_root, [])
        signature = (
            tuple(members),
            tuple(targets),
            tuple((ledger.unknowns[m].state, ledger.unknowns[m].floor) for m in members),
            tuple(
                (tuple(sorted(variable.items())), low, high)
                for variable, low, high in group_constraints
            ),
            failures_only,
        )
        if signature not in ledger.solved:
            ledger.solved[signature] = _solve_group(
                ledger, members, group_constraints, targets, k, failures_only
            )
        results += ledger.solved[signature]
    return sorted(results, key=lambda bound: bound.key)


def _solve_group(ledger, members, constraints, targets, k, failures_only) -> list[Bound]:
    index = {key: i for i, key in enumerate(members)}
    n = len(members)
    lower, upper, integrality = np.zeros(n), np.full(n, float(CAP)), np.zeros(n)
    for key, i in index.items():
        unknown = ledger.unknowns[key]
        integrality[i] = 1 if unknown.integer else 0
        if unknown.hidden:
            # Zeros are shown (except shares of a hidden total): a hidden count is at least 1.
            lower[i] = unknown.floor
        if unknown.state == PRIMARY:
            upper[i] = k - 1
    if constraints:
        matrix = np.zeros((len(constraints), n))
        low = np.empty(len(constraints))
        high = np.empty(len(constraints))
        for row, (variable, row_low, row_high) in enumerate(constraints):
            for key, coefficient in variable.items():
                matrix[row, index[key]] = coefficient
            low[row], high[row] = row_low, row_high
        linear = [LinearConstraint(matrix, low, high)]
    else:
        linear = []
    box = Bounds(lower, upper)
    required = required_width(k)
    # The smallest and largest value of each unknown over the solutions found so far: the
    # exact figures are one, and the extremes of the targets' sum give two more that often
    # already show every range wide enough.
    seen_low, seen_high = np.full(n, np.inf), np.full(n, -np.inf)
    exact = np.array([float(ledger.unknowns[m].value or 0) for m in members])
    np.minimum(seen_low, exact, out=seen_low)
    np.maximum(seen_high, exact, out=seen_high)
    if failures_only:
        total = np.zeros(n)
        for key in targets:
            total[index[key]] = 1.0
        for sign in (1.0, -1.0):
            outcome = milp(sign * total, integrality=integrality, bounds=box, constraints=linear)
            if outcome.status == 0 and outcome.x is not None:
                np.minimum(seen_low, outcome.x, out=seen_low)
                np.maximum(seen_high, outcome.x, out=seen_high)
    results = []
    for key in targets:
        i = index[key]
        if failures_only and seen_high[i] - seen_low[i] >= required - TOLERANCE:
            continue
        objective = np.zeros(n)
        extremes = []
        for sign in (1.0, -1.0):
            objective[i] = sign
            outcome = milp(objective, integrality=integrality, bounds=box, constraints=linear)
            if outcome.status != 0 or outcome.x is None:
                raise InconsistentLedger(f"{key}: {outcome.message}")
            extremes.append(outcome.x[i])
            np.minimum(seen_low, outcome.x, out=seen_low)
            np.maximum(seen_high, outcome.x, out=seen_high)
        unknown = ledger.unknowns[key]
        low_value = math.ceil(extremes[0] - TOLERANCE)
        high_value = math.floor(extremes[1] + TOLERANCE)
        results.append(
            Bound(
                key=key,
                state=unknown.state,
                reason=unknown.reason,
                value=unknown.value,
                low=low_value,
                high=math.inf if high_value >= CAP - 1 else high_value,
                required=required,
            )
        )
    if failures_only:
        results = [bound for bound in results if not bound.ok]
    return results
