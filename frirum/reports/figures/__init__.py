"""Report figures exactly as ../shared/interchange-format.md defines them. (Interface placeholder.)

Each function returns a JSON-serialisable nested dict: the figure `youth.personal` is
result["youth"]["personal"]; counts are ints, shares unrounded floats in 0..1.
"""


def annual(*, site, year: int) -> dict:
    raise NotImplementedError


def national(*, year: int) -> dict:
    raise NotImplementedError


def family(*, year: int, site=None) -> dict:
    raise NotImplementedError


def trends(*, first_year: int | None = None, last_year: int | None = None) -> dict:
    raise NotImplementedError
