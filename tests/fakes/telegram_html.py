"""Telegram's parse_mode=HTML as the Bot API applies it: the message keeps the plain text and
its formatting as entities (offsets in UTF-16 code units); a tag it does not know is refused."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

KINDS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline"}
KINDS |= {"s": "strikethrough", "code": "code", "pre": "pre", "a": "text_link"}


class Refused(Exception):
    """A call the Bot API answers with 400 and this description."""


class Unparsable(ValueError):
    """What the Bot API calls "can't parse entities"."""


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.open: list[tuple[str, int]] = []
        self.entities: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in KINDS:
            raise Unparsable(f'can\'t parse entities: unsupported start tag "{tag}"')
        self.open.append((tag, _units(self.text)))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            raise Unparsable(f'can\'t parse entities: unexpected end tag "{tag}"')
        _, start = self.open.pop()
        length = _units(self.text) - start
        if length:
            self.entities.append({"type": KINDS[tag], "offset": start, "length": length})

    def handle_data(self, data: str) -> None:
        self.text += data


def parse(html: str) -> tuple[str, list[dict[str, Any]]]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    if reader.open:
        raise Unparsable(f"can't parse entities: can't find end tag \"{reader.open[-1][0]}\"")
    return reader.text, sorted(reader.entities, key=lambda e: e["offset"])


def message_text(params: dict[str, Any]) -> dict[str, Any]:
    """A message's text as Telegram keeps it: HTML read into plain text and entities."""
    text = str(params["text"])
    if params.get("parse_mode") != "HTML":
        return {"text": text}
    try:
        plain, entities = parse(text)
    except Unparsable as error:
        raise Refused(f"Bad Request: {error}") from None
    return {"text": plain, **({"entities": entities} if entities else {})}
