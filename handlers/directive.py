"""The campaign file's knowledge: the directive's passages and the curated questions and
answers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from handlers.schema import Key, Localized, Name, Strict


class Passage(Strict):
    id: Key
    heading: Name
    topic: Localized | None = None  # a button offering it; the heading when not given
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    english: str | None = None  # the passage in English, quoted to English readers
    section: Name | None = None  # the directive's own section this comes from, where it has one


class Directive(Strict):
    number: Name
    date: date
    issuer: Name
    title: Name
    theme: Name
    # What the campaign's text is, where it is not the directive's own wording: a news report
    # about it ("bản tin “…”"). Cited with every answer from it.
    report: Localized | None = None
    passages: list[Passage] = Field(min_length=1)


class FaqEntry(Strict):
    """A curated answer: the ways people ask, the answer, and where it comes from."""

    id: Key
    questions: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]] = (
        Field(min_length=1)
    )
    answer: Localized
    source: Key  # a passage id of the directive, or "bot" for how the bot works
    topic: Localized | None = None  # a button offering it; the first question when not given
    # the asker's own data said before the answer: "account", the unit and role of this chat;
    # "pledge": the guide to seeing the unit's pledge, asked which command shows its status
    shows: Literal["account", "pledge"] | None = None


class Scope(Strict):
    """What the bot answers about. A question with none of these words, and no close match in
    the knowledge base, is about something else: it is neither answered from the directive nor
    offered to the office. `year` and `place` are the directive's own (a question about
    another year's or another province's directive is told what this bot covers); `context`,
    the words that name the directive."""

    words: list[Name] = []
    year: int | None = None
    place: Name | None = None
    # the words that name the directive itself ("chỉ thị", "thi đua"): nearly every question
    # has them, so they are not what it asks about when it has other words
    context: list[Name] = []
