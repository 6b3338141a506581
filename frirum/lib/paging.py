"""Paging without counting: a list page costs what its rows cost, however long the history.

Django's Paginator counts the whole list first; at a centre with ten years of conversations
that count reads every row of the history for a page of fifty. A lean page fetches one row
more than it shows, which is all "Next" needs.
"""

from collections.abc import Callable, Sequence

from django.http import HttpRequest


def page_number(request: HttpRequest, param: str = "page") -> int:
    try:
        return max(1, int(request.GET.get(param, 1)))
    except (TypeError, ValueError):
        return 1


class LeanPage(Sequence):
    """One page of a list whose length is unknown; the template API of Django's Page where it
    does not need the total (has_next, next_page_number, start_index, ...)."""

    def __init__(self, rows: list, *, number: int, per_page: int):
        self.number = number
        self.per_page = per_page
        self._has_next = len(rows) > per_page
        self.object_list = list(rows[:per_page])

    def __getitem__(self, index):
        return self.object_list[index]

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.object_list)


def lean_page(rows: Callable[[int, int], list], *, number: int, per_page: int) -> LeanPage:
    """The page `number` of a list; `rows(offset, limit)` returns up to `limit` rows from
    `offset`. A page past the end falls back to the first, as Paginator.get_page does."""
    page = LeanPage(rows((number - 1) * per_page, per_page + 1), number=number, per_page=per_page)
    if number > 1 and not page.object_list:
        return LeanPage(rows(0, per_page + 1), number=1, per_page=per_page)
    return page


def queryset_page(queryset, *, number: int, per_page: int) -> LeanPage:
    return lean_page(
        lambda offset, limit: list(queryset[offset : offset + limit]),
        number=number,
        per_page=per_page,
    )
