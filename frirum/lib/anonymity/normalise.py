"""One normalised form of a text for every rule, computed once per check.

People dodge a pattern match with full-width or styled characters, Unicode dashes, invisible
characters and look-alike letters in numbers ("2O 34 56 78"); the rules see none of that.
"""

import re
import unicodedata

# Every dash and minus sign is a hyphen; invisible characters disappear.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TABLE = {ord(c): "-" for c in _DASHES} | {ord(c): None for c in _INVISIBLE}

# A token of digits and letters that look like digits, with at least one real digit and no
# other letter next to it: "2O" is 20, "l2" is 12, but "Ole" and "OK" stay words.
_LOOKALIKE_TOKEN = re.compile(r"(?<![^\W\d_])[0-9OoIl|]*[0-9][0-9OoIl|]*(?![^\W\d_])")
_LOOKALIKES = str.maketrans("OoIl|", "00111")
# Words written straight onto a number ("tlf12345678") get a space, so the number stands alone.
_GLUED_PREFIX = re.compile(
    r"(?i)\b(tlf|tel|telefon|mobil|mob|nr|cpr|sms|ring|phone|cell)(\.?:?)(?=\d)"
)


_LOOKALIKE_NEXT_TO_DIGIT = re.compile(r"[OoIl|]\d|\d[OoIl|]")
_LETTER_BEFORE_DIGIT = re.compile(r"[^\W\d_]\d")
_HAS_DIGIT = re.compile(r"\d")


def _digits(match: re.Match) -> str:
    return match.group(0).translate(_LOOKALIKES)


def normalise(text: str) -> str:
    """NFKC, plain hyphens, no invisible characters, look-alike letters in numbers as digits."""
    if text.isascii():
        out = text
    else:
        out = unicodedata.normalize("NFKC", text).translate(_TABLE)
    if _HAS_DIGIT.search(out):
        if _LOOKALIKE_NEXT_TO_DIGIT.search(out):
            out = _LOOKALIKE_TOKEN.sub(_digits, out)
        if _LETTER_BEFORE_DIGIT.search(out):
            out = _GLUED_PREFIX.sub(r"\1\2 ", out)
    return out
