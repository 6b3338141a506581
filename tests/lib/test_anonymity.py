import pytest
from django.core.exceptions import ValidationError

from frirum.lib.anonymity import code_problem, identifying_patterns, validate_anonymous_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talte om eksamen og stress", []),
        ("Cpr 010203-1234", ["cpr"]),
        ("0102031234 står her", ["cpr"]),
        ("ring 12 34 56 78", ["phone"]),
        ("ring +45 12345678", ["phone"]),
        ("ring 1234 5678", ["phone"]),
        ("skriv til ung@example.dk", ["email"]),
        ("skriv til ung (at) example.dk", ["email"]),
        ("kom kl. 14-16 i uge 12", []),
        ("årstal 2024 og 2025", []),
        ("991399-1234 er ikke en dato", []),
    ],
)
def test_it_finds_identifying_patterns(text, expected):
    assert identifying_patterns(text) == expected


def test_it_refuses_with_an_explanation():
    with pytest.raises(ValidationError) as info:
        validate_anonymous_text("mail mig på a@b.dk eller 12345678")
    messages = " ".join(info.value.messages)
    assert "e-mailadresse" in messages and "telefonnummer" in messages


def test_it_accepts_empty_text():
    validate_anonymous_text("")


@pytest.mark.parametrize(
    "text",
    [
        "0101 90-1234",
        "010190\u20101234",
        "2O 34 56 78",
        "navn (snabel-a) gmail punktum com",
        "navn\uff20gmail.com",
        "Mads Jensen, 16 år",
        "Nørrebrogade 12, 2. th, 2200 København N",
        "snap: mads_j99",
        "instagram.com/mads_j99",
    ],
)
def test_it_refuses_the_issue_examples(text):
    with pytest.raises(ValidationError):
        validate_anonymous_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "2 x 45 min",
        "kl. 14.30-15.15",
        "12.03.2026",
        "skoleåret 2024/2025",
        "uge 12",
        "9.b",
        "Rådhuspladsen",
        "Mor og far",
        "Bo har det svært",
        "Hunden hedder Bella",
        "16 år",
    ],
)
def test_it_accepts_ordinary_notes(text):
    validate_anonymous_text(text)


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("U-7KQ4M2XPQ9", True),
        ("Y-00017", True),
        ("ung.2024_a", True),
        ("Mads Jensen navn@gmail.com", False),
        ("+45 12 34 56 78", False),
        ("12-34-56-78", False),
        ("010190-1234", False),
        ("mads_jensen", False),
        ("MadsJensen", False),
    ],
)
def test_it_checks_codes(code, ok):
    assert (code_problem(code) is None) is ok


def test_it_draws_a_generated_code_again_when_it_looks_like_a_number():
    from unittest import mock

    from frirum.people.models import new_pseudonym

    draws = iter(["23456789", "7KQ4M2XP"])
    with mock.patch("frirum.people.models.random_code", lambda n: next(draws)):
        assert new_pseudonym() == "U-7KQ4-M2XP"
