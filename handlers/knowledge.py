"""The knowledge base: the directive's passages and the FAQ, searched the way people type on
phones: without diacritics, with typos and telex leftovers ("chir thij" for "chủ thị")."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import bm25s
from rapidfuzz import fuzz, process
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.campaign import Campaign, Language
from handlers.text import fold
from storage.questions import list_added_faq

# Function words (folded) that say nothing about the topic; none is a syllable of a key term
# ("cờ", "chỉ", "thể", "ban", "hội", "đầu" fold to words that must stay).
VIETNAMESE_FUNCTION_WORDS = (
    "la gi nao khong cua va cac nhung cho toi em oi vay ai o nhu ra sao voi ve hay mot se da a "
    "u nhe ha vui long xin biet minh duoc dc ko k kg hok j ak nha"
)
ENGLISH_FUNCTION_WORDS = (
    "what which who whom how when where why do does did i me my we our you your an of for to "
    "in on at is are was were be been it this that and or with by can could will would please "
    "tell about the"
)
STOP = frozenset(VIETNAMESE_FUNCTION_WORDS.split() + ENGLISH_FUNCTION_WORDS.split())
TELEX_PAIRS = (
    ("dd", "d"),
    ("aa", "a"),
    ("ee", "e"),
    ("oo", "o"),
    ("aw", "a"),
    ("ow", "o"),
    ("uw", "u"),
)
WORD = re.compile(r"[a-z0-9]+")
SENTENCE = re.compile(r"(?<=[.;])\s+")


def syllables(text: str) -> list[str]:
    """'Chir thij 01/CT-UBND' -> ['chu', 'thi', '01', 'ct', 'ubnd']."""
    words = []
    for word in WORD.findall(fold(text)):
        if word in STOP:
            words.append(word)
            continue
        for telex, plain in TELEX_PAIRS:
            word = word.replace(telex, plain)
        if len(word) > 1 and word[-1] in "sfrxj" and not word.isdigit():
            word = word[:-1]  # a tone typed in telex: no Vietnamese syllable ends so
        words.append(word)
    return words


def terms(words: list[str]) -> list[str]:
    """Syllables and neighbouring pairs ("dang ky"), function words left out."""
    content = [w for w in words if w not in STOP]
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words) if a not in STOP and b not in STOP]
    return content + pairs


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # "p:<passage>", "f:<faq>", "s:<n>" (answers staff added)
    title: Mapping[Language, str]  # for a button offering it, in each language given
    text: str  # Vietnamese: the passage, or the answer
    english: str | None
    source: str  # a passage id, "bot" or "staff"
    passage: bool


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float
    coverage: float  # the share of the question's content words in the entry, rare ones weigh more
    confident: bool
    quote: str


class Knowledge:
    """Built once per campaign (and again when staff add an answer); searching is read-only."""

    MIN_COVERAGE = 0.6

    ON_TOPIC_SCORE = 3.0  # a best match this close is about the movement, whatever its words

    def __init__(
        self, entries: list[Entry], searchable: list[str], scope: Sequence[str] = ()
    ) -> None:
        self.entries = entries
        self._scope = [f" {' '.join(syllables(word))} " for word in scope]
        self._words = [set(syllables(text)) for text in searchable]
        self._vocabulary = sorted(set().union(*self._words) - STOP)
        self._known = set(self._vocabulary)
        count = len(searchable)
        documents_with = Counter(w for words in self._words for w in words)
        self._idf = {w: math.log((count + 1) / (n + 0.5)) for w, n in documents_with.items()}
        self._unseen_idf = math.log((count + 1) / 0.5)  # a word no entry has weighs the most
        self._bm25 = bm25s.BM25()
        self._bm25.index(
            [terms(syllables(text)) or ["_"] for text in searchable], show_progress=False
        )
        self._indexed = set(self._bm25.vocab_dict)

    @classmethod
    def build(cls, campaign: Campaign, added: Sequence[tuple[int, str, str]] = ()) -> Knowledge:
        """From the directive, the FAQ, and (id, question, answer) pairs staff added."""
        entries, searchable = [], []
        for passage in campaign.directive.passages:
            entries.append(
                Entry(
                    f"p:{passage.id}",
                    passage.topic or {"vi": passage.heading},
                    passage.text,
                    None,
                    passage.id,
                    passage=True,
                )
            )
            searchable.append(f"{passage.heading}. {passage.text}")
        for faq in campaign.faq:
            entries.append(
                Entry(
                    f"f:{faq.id}",
                    faq.topic or {"vi": faq.questions[0]},
                    faq.answer["vi"],
                    faq.answer.get("en"),
                    faq.source,
                    passage=False,
                )
            )
            asked = " . ".join(faq.questions)
            searchable.append(f"{asked} . {asked} . {faq.answer['vi']}")
        for number, question, answer in added:
            entries.append(
                Entry(f"s:{number}", {"vi": question}, answer, None, "staff", passage=False)
            )
            searchable.append(f"{question} . {question} . {answer}")
        return cls(entries, searchable, campaign.scope.words)

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def search(self, question: str, limit: int = 3) -> list[Match]:
        words = [self._correct(w) for w in syllables(question)]
        content = {w for w in words if w not in STOP}
        query = [t for t in terms(words) if t in self._indexed]
        if not query:
            return []
        scores = self._bm25.get_scores(query)
        ranked = sorted(range(len(self.entries)), key=lambda i: -float(scores[i]))[:limit]
        matches = []
        weight = {w: self._idf.get(w, self._unseen_idf) for w in content}
        total = sum(weight.values())
        for rank, index in enumerate(ranked):
            if scores[index] <= 0:
                break
            found = sum(weight[w] for w in content & self._words[index])
            coverage = found / total if total else 0.0
            confident = rank == 0 and coverage >= self.MIN_COVERAGE and len(content) >= 2
            entry = self.entries[index]
            quote = best_sentences(entry.text, content) if entry.passage else entry.text
            matches.append(Match(entry, float(scores[index]), coverage, confident, quote))
        return matches

    def on_topic(self, question: str, matches: Sequence[Match]) -> bool:
        """Whether a question is about what this bot covers: one of the campaign's scope words,
        or a close match in the knowledge base. With no scope words, everything is."""
        if not self._scope:
            return True
        said = f" {' '.join(self._correct(w) for w in syllables(question))} "
        if any(word in said for word in self._scope):
            return True
        return bool(matches) and matches[0].score >= self.ON_TOPIC_SCORE

    def _correct(self, word: str) -> str:
        """A typo mended to the nearest word the knowledge base has ("dnag" -> "dang")."""
        if word in STOP or word in self._known or len(word) < 4 or word.isdigit():
            return word
        found = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=80)
        return str(found[0]) if found else word


class Library:
    """The knowledge base kept in step with answers staff add, by any running instance."""

    def __init__(self, campaign: Campaign) -> None:
        self._campaign = campaign
        self._added: tuple[int, ...] = ()
        self._knowledge = Knowledge.build(campaign)

    async def current(self, db: AsyncSession) -> Knowledge:
        added = await list_added_faq(db, self._campaign.id)
        if tuple(number for number, _, _ in added) != self._added:
            self._knowledge = Knowledge.build(self._campaign, added)
            self._added = tuple(number for number, _, _ in added)
        return self._knowledge


def best_sentences(text: str, content: set[str], keep: int = 2) -> str:
    """The passage's sentences that share most with the question, in their own order."""
    sentences = SENTENCE.split(text)
    if len(sentences) <= keep:
        return text
    overlap = [len(content & set(syllables(s))) for s in sentences]
    chosen = sorted(sorted(range(len(sentences)), key=lambda i: -overlap[i])[:keep])
    return " ".join(sentences[i] for i in chosen)
