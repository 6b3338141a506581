"""The web benchmark's measuring runs against the real stack (a tiny run: the figures are the
benchmark's job, not the suite's)."""

import pytest

from benchmarks.web import measure, parse_args, report

pytestmark = pytest.mark.production


def test_it_measures_every_page_and_counts_the_writes(stack, capsys):
    args = parse_args(["--levels", "1,2", "--seconds", "0.3"])
    figures = measure(stack.servers[0], args, stack.env, stack.second_factor)
    assert set(figures["results"]) == {
        f"{page} @{level}"
        for page in (
            "static file",
            "counsellor dashboard",
            "registration POST",
            "questionnaire page",
            "cached report page",
        )
        for level in (1, 2)
    }
    for result in figures["results"].values():
        assert result["requests"] > 0 and result["errors"] == 0
        assert set(result["statuses"]) <= {200, 302}, result["statuses"]
    assert figures["posted"] > 0
    assert figures["posted"] == figures["written"]
    report(figures)
    assert "lost: 0" in capsys.readouterr().out
