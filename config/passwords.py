"""Password rules beyond Django's own: nothing made of one repeated piece or
of the person's own name or address."""

import re

from django.core.exceptions import ValidationError

# Words a guesser tries first for a Limber account.
OBVIOUS_WORDS = ("limber",)


def _is_repetition(text: str) -> bool:
    """'aaaaaaaaaaaa', 'abcabcabcabc', 'limberlimber'."""
    return bool(text) and re.fullmatch(r"(.+?)\1+", text) is not None


class TrivialPasswordValidator:
    """Refuses a password that is one character or piece repeated, or that is
    only the username, the email address and Limber's name, with digits or
    punctuation around them."""

    message = (
        "This password is too easy to guess: it repeats itself or is made of your "
        "name or email address. Try a few unrelated words."
    )

    def validate(self, password: str, user=None) -> None:
        text = password.casefold()
        if _is_repetition(text):
            raise ValidationError(self.message, code="password_trivial")
        words = list(OBVIOUS_WORDS)
        if user is not None:
            username = (getattr(user, "get_username", lambda: "")() or "").casefold()
            email = (getattr(user, "email", "") or "").casefold()
            words += [w for w in (username, email, email.partition("@")[0]) if len(w) >= 3]
        for word in sorted(words, key=len, reverse=True):
            text = text.replace(word, "")
        if not re.sub(r"[\W\d_]", "", text):
            raise ValidationError(self.message, code="password_trivial")

    def get_help_text(self) -> str:
        return "Your password cannot repeat itself or be made of your name or email address."
