"""A table's phrases looked for in a text in one pass: most questions have none of them, and
one compiled pattern says so sooner than a test for each phrase."""

from __future__ import annotations

import functools
import re

from handlers.reading import as_typed


def says_any(said: str, phrases: tuple[str, ...]) -> bool:
    """Whether any of a table's phrases is in a text as said (" … ", spaced at both ends)."""
    return _compiled(phrases).search(said) is not None


# Each table's pattern by the table itself: a table is asked of every question, and looking
# it up by value would hash and compare its hundreds of phrases on every call. The table is
# held beside its pattern, so its id stays its own while it is here.
_BY_TABLE: dict[int, tuple[tuple[str, ...], re.Pattern[str]]] = {}


def _compiled(phrases: tuple[str, ...]) -> re.Pattern[str]:
    found = _BY_TABLE.get(id(phrases))
    if found is None or found[0] is not phrases:
        if len(_BY_TABLE) >= 512:  # tables built afresh for each call: start over
            _BY_TABLE.clear()
        found = _BY_TABLE[id(phrases)] = (phrases, _pattern(phrases))
    return found[1]


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
