"""What the knowledge base holds and finds: its entries and the documents searched for them,
a question as read once, and a match."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from handlers import reading
from handlers.campaign import Language


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # "p:<passage>", "f:<faq>", "s:<n>" (answers staff added)
    title: Mapping[Language, str]  # for a button offering it, in each language given
    text: str  # Vietnamese: the passage, or the answer
    english: str | None  # the FAQ's English answer, or the passage in English
    source: str  # a passage id, "bot" or "staff"
    passage: bool
    shows: str | None = None  # the asker's own data said first: "account" (FaqEntry.shows)


@dataclass(frozen=True, slots=True)
class Document:
    """What is searched: a FAQ entry whole, or one sentence of a passage under its heading (so
    a question finds the sentence that holds its fact), or a passage's English."""

    entry: int  # its index in Knowledge.entries
    texts: tuple[tuple[str, str | None], ...]  # with their language (None: told by reading)
    quote: str | None = None  # the sentence it stands for


@dataclass(frozen=True, slots=True)
class Question:
    """A question as read once: its language, its words, and what it says."""

    text: str
    language: str
    words: tuple[str, ...]  # folded, abbreviations spelt out, typos mended
    content: frozenset[str]  # the words that carry meaning
    misread: frozenset[str]  # typed with marks the knowledge base never has ("phở" ≠ "phố")
    focus: frozenset[str] = frozenset()  # what is asked for: "tiền" in "bao nhiêu tiền?"
    spelt: frozenset[tuple[str, str]] = frozenset()  # those typed with marks: ("tien", "tiên2")
    counted: frozenset[str] = frozenset()  # asked for as a count: "tháng" in "bao nhiêu tháng"
    either: frozenset[str] = frozenset()  # one of them asked for: "tháng hay quý"
    strangers: tuple[str, ...] = ()  # names the knowledge base never says: " nguyen van tam "
    amount: bool = False  # asks how many or how much: "bao nhiêu tiền", "how many members"
    tallied: frozenset[str] = frozenset()  # what is counted: "điều" in "bao nhiêu điều"
    day: bool = False  # asks for a day ("ngày nào"), which a year alone does not give
    checking: bool = False  # checks what it says ("có phải … không"): the answer settles it
    aside: frozenset[str] = frozenset()  # said only in telling why it is asked: "soạn kế hoạch"
    defined: frozenset[str] = frozenset()  # asked what it is, alone: "kinh tế" in "Kinh tế là gì?"
    two: str = ""  # the two words alone of a short question typed bare: "ty so", "mat ngu"

    @property
    def said(self) -> str:
        """The words with a space at each end, for phrase tests (' dang ky ')."""
        return f" {' '.join(self.words)} "


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float
    coverage: float  # the share of the question's content words in the entry, rare ones weigh more
    strict: float  # the same, with the words the knowledge base lacks weighing in full
    confident: bool
    # what answers it, in the question's language where it has it (best match only): worked
    # out when asked, as most matches are never quoted
    quoting: Callable[[], str] = field(default=str, repr=False, compare=False)

    @property
    def quote(self) -> str:
        return self.quoting()


def persons(question: Question) -> list[str]:
    """The names a question has that the knowledge base never says, of people ("ông …")."""
    said = question.said
    return [
        name
        for name in question.strangers
        if any(f" {who} {name.strip(' *')} " in said for who in ("ong", "ba", "mr", "ms"))
    ]


def title_words(entry: Entry) -> set[str]:
    """The words of an entry's topic, in each language: a word alone may ask for it."""
    return {w for lang, title in entry.title.items() for w in reading.syllables(title, lang)}
