"""Passwords: at least 12 characters, not trivial, not the person's own name."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from config.passwords import TrivialPasswordValidator


def carol():
    return get_user_model()(username="carol", email="carol.smith@example.com")


@pytest.mark.parametrize(
    "password",
    [
        "k9#Lp2qZ",  # 8 characters
        "k9#Lp2qZx7!",  # 11
        "aaaaaaaaaaaa",
        "limberlimber",
        "abcabcabcabc",
        "carolcarol12",
        "Carol-2024-!!",
        "carol.smith1987",
        "Limber2026!!",
    ],
)
def test_it_refuses_short_and_trivial_passwords(password):
    with pytest.raises(ValidationError):
        validate_password(password, carol())


@pytest.mark.parametrize(
    "password", ["kettle-orbit-violet", "correct-horse-battery-staple", "carol likes 7 kites"]
)
def test_it_accepts_long_unrelated_passwords(password):
    validate_password(password, carol())


@pytest.mark.parametrize(
    "password, trivial",
    [
        ("aaaaaaaaaaaa", True),
        ("abababababab", True),
        ("abcabcabcabd", False),
        ("aa", True),
        ("ab", False),
        ("123-limber-!", True),
        ("limber-river", False),
    ],
)
def test_the_trivial_rule_on_its_own(password, trivial):
    try:
        TrivialPasswordValidator().validate(password)
    except ValidationError as error:
        assert trivial, error
        assert error.code == "password_trivial"
    else:
        assert not trivial


def test_it_explains_the_rule():
    assert "repeat" in TrivialPasswordValidator().get_help_text()
