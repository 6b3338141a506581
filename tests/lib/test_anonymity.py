import pytest
from django.core.exceptions import ValidationError

from frirum.lib.anonymity import identifying_patterns, validate_anonymous_text


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
