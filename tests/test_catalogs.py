"""The message catalogs: in step with the code, and every message has a Vietnamese translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
PLACEHOLDER = re.compile(r"\{(\w*)\}")
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "translate": (3,)}


def ids_in_code() -> set[str]:
    found: set[str] = set()
    for package in ("bot", "handlers"):
        for _, _, message, _, _ in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def ids_in(path: Path) -> set[str]:
    with path.open("rb") as po:
        return {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(po) if m.id}


def test_the_code_has_messages_to_check() -> None:
    assert len(ids_in_code()) > 80


@pytest.mark.parametrize(
    "catalog",
    ["messages.pot", "vi/LC_MESSAGES/messages.po", "en/LC_MESSAGES/messages.po"],
)
def test_the_catalog_is_in_step_with_the_code(catalog: str) -> None:
    in_code, in_catalog = ids_in_code(), ids_in(LOCALES / catalog)
    assert in_code - in_catalog == set(), "new messages: run `make catalog` and translate them"
    assert in_catalog - in_code == set(), "messages no longer used: run `make catalog`"


def test_every_message_has_a_vietnamese_translation_with_the_same_placeholders() -> None:
    with (LOCALES / "vi" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale="vi")
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"placeholders differ: {ids[0]!r} -> {string!r}")
    assert problems == []
