"""A table's phrases looked for in a text in one pass: most questions have none of them, and
one compiled pattern says so sooner than a test for each phrase."""

from __future__ import annotations

import functools
import re

from handlers.reading import as_typed


def says_any(said: str, phrases: tuple[str, ...]) -> bool:
    """Whether any of a table's phrases is in a text as said (" … ", spaced at both ends)."""
    return _pattern(phrases).search(said) is not None


@functools.lru_cache(maxsize=256)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the phrases, found in one pass over the words (they are asked of every
    question, and of each of its parts)."""
    return re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))) or "$^")


def typed_in(said: str, phrases: tuple[str, ...], text: str) -> list[str]:
    """The table's phrases in a text as said, each spelt there as the table spells it."""
    if not says_any(said, phrases):
        return []
    return [phrase for phrase in phrases if phrase in said and as_typed(phrase, text)]
