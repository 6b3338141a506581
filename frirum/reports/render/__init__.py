"""Presented forms of a report: html, pdf, xlsx, csv (json is the figures themselves).
(Interface placeholder.)"""


def render_report(*, kind: str, figures: dict, previous: dict | None, fmt: str, language: str, k: int) -> bytes:
    raise NotImplementedError
