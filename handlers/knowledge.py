"""The knowledge base: the directive's passages and the FAQ, searched the way people type on
phones: without diacritics, with typos, abbreviations and telex leftovers, or in English."""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import Any

from handlers import clauses, naming, reading
from handlers.campaign import Campaign
from handlers.coverage import as_one, asks_who, before_asking, share
from handlers.entries import Document, Entry, Match, Question, persons, title_words
from handlers.question import LETTERS, Reader, spelling, stop_words
from handlers.quoting import best_sentences, sentences, shortened

PAIR_WEIGHT = 0.2  # a compound the question shares, beside its two words, of its rarity
BESIDE = 0.3  # the words naming the directive, beside the one other word a question has


DAY = re.compile(  # a day: "29/9/2023", "ngày 2 tháng 1", "2 January 2024"
    r"\b\d{1,2}/\d{1,2}\b|ngày \d{1,2} tháng|\b\d{1,2} (?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\b"
)
NUMBER = re.compile(r"\d|\b[IVXLC]{2,}\b")  # "73/2023", "lần thứ XXII"
WHO_ASKED = frozenset({"who", "ai"})  # a question opening so asks who does something
FRAMING = frozenset({"theo", "according", "to", "in", "trong"})  # "theo chỉ thị thì ai ký"
ASIDE = 0.1  # a word only of why the question is asked ("em đang soạn kế hoạch"), of its weight
DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b(?:19|20)\d{2}\b")  # a date, or a year
PERIOD = re.compile(r" (?:19|20)\d\d (?:19|20)\d\d ")  # "2022 - 2025", as read
ORDERS = frozenset({"lenh", "command", "commands"})  # asked for by name: only a command gives it
COMMAND = re.compile(r"(?<![\w/])/[a-z]{2,}\b")  # "/xem", "/language"


def terms(words: list[str]) -> list[str]:
    """Syllables and neighbouring pairs ("dang ky"), function words left out."""
    stop = stop_words() | {"."}  # "." closes a text: no pair spans two
    content = [w for w in words if w not in stop]
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words) if a not in stop and b not in stop]
    return content + pairs


class Knowledge:
    """Built once per campaign (and again when staff add an answer); searching is read-only."""

    MIN_COVERAGE = 0.5

    def __init__(
        self,
        entries: list[Entry],
        documents: list[Document],
        scope: Sequence[str] = (),
        where: Sequence[str] = (),
        context: Sequence[str] = (),
        units: Sequence[str] = (),
        due: Sequence[datetime] = (),
    ) -> None:
        import bm25s  # numpy comes with it: only a running bot needs it, not the command line

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # its import sets DEBUG
        self.entries, self._documents = entries, documents
        self._scope = sorted(  # each as a Vietnamese and as an English question reads it
            {f" {' '.join(reading.syllables(w, lang))} " for w in scope for lang in ("vi", "en")}
        )
        tokens = [[w for text, lang in d.texts for w in _read(text, lang)] for d in documents]
        self._words = [set(words) - {"."} for words in tokens]
        self._dated = [any(DATE.search(t) for t, _ in d.texts) for d in documents]
        self._numbered = [any(NUMBER.search(t) for t, _ in d.texts) for d in documents]
        self._commanded = [any(COMMAND.search(t) for t, _ in d.texts) for d in documents]
        # each entry's topic (a passage's heading), in each language: what it is about
        self._topics = [title_words(entries[d.entry]) for d in documents]
        self._titled = [  # a FAQ entry's topic: a word alone may ask for it
            set() if entries[d.entry].passage else self._topics[i] for i, d in enumerate(documents)
        ]
        self._days = [any(DAY.search(t) for t, _ in d.texts) for d in documents]
        self._asked = {  # a way of asking written in the FAQ, asked as it is: that entry
            " ".join(reading.syllables(text, reading.language(text))): d.entry
            for d in documents
            if not self.entries[d.entry].passage
            for text, lang in d.texts
            if lang is None
        }
        self._said = [f" {' '.join(words)} " for words in tokens]
        self._context = frozenset(  # the words naming the directive itself, in every question
            w
            for phrase in context
            for lang in ("vi", "en")
            for w in reading.syllables(phrase, lang)
        )
        self._leading = self._context | FRAMING  # "theo chỉ thị thì …" before what is asked
        self._names = naming.names(
            [t for d in documents for t, lang in d.texts if lang != "en"], where
        )
        self._where = [*where, *units]  # named in a question, they are known, not strangers
        self._nameless = [  # the guide's answers naming no body cannot say who
            entries[d.entry].source == "bot" and not any(name in said for name in self._names)
            for d, said in zip(documents, self._said, strict=True)
        ]
        self._bodies = frozenset(  # how the names of bodies begin: "so van", "bao quang"
            " ".join(begin)
            for name in [*units, *self._names]
            if not self._context.intersection(begin := reading.syllables(name)[:2])
        )
        self._place = frozenset(w for place in where for w in reading.syllables(place, "en"))
        self._vocabulary = sorted(set().union(*self._words) - stop_words())
        self._marks = [  # each document's words as spelt with their marks ("tiến", not "tiền")
            {key for text, _ in d.texts for w in LETTERS.findall(text) if (key := spelling(w))}
            for d in documents
        ]
        self._spellings = set().union(*self._marks)
        self._reader = Reader(
            self._vocabulary, self._spellings, self._said, self._where, due, self._context
        )
        reading.frequencies("vi"), reading.frequencies("en")  # loaded now, not at a question
        count = len(documents)
        self._pairs = [{t for t in terms(words) if " " in t} for words in tokens]
        documents_with = Counter(w for words in self._words for w in words)
        documents_with.update(p for pairs in self._pairs for p in pairs)
        self._idf = {w: math.log((count + 1) / (n + 0.5)) for w, n in documents_with.items()}
        self._unseen_idf = math.log((count + 1) / 0.5)  # a word no entry has weighs the most
        self._bm25: Any = bm25s.BM25()
        self._bm25.index([terms(words) or ["_"] for words in tokens], show_progress=False)
        self._indexed = set(self._bm25.vocab_dict)

    @classmethod
    def build(cls, campaign: Campaign, added: Sequence[tuple[int, str, str]] = ()) -> Knowledge:
        """From the directive, the FAQ, and (id, question, answer) pairs staff added."""
        entries: list[Entry] = []
        documents: list[Document] = []
        for passage in campaign.directive.passages:
            at = len(entries)
            entries.append(
                Entry(
                    f"p:{passage.id}",
                    passage.topic or {"vi": passage.heading},
                    passage.text,
                    passage.english,
                    passage.id,
                    passage=True,
                )
            )
            for sentence in sentences(passage.text):
                heading = (passage.heading, "vi")
                documents.append(Document(at, (heading, (sentence, "vi")), quote=sentence))
            title = (passage.topic or {}).get("en", "")
            for sentence in sentences(passage.english or "", "en"):  # under its English topic
                documents.append(Document(at, ((title, "en"), (sentence, "en")), quote=sentence))
        for faq in campaign.faq:
            documents.append(
                Document(
                    len(entries),
                    (
                        *((q, None) for q in faq.questions * 2),  # the ways of asking weigh double
                        *((text, language) for language, text in faq.answer.items()),
                    ),
                )
            )
            entries.append(
                Entry(
                    f"f:{faq.id}",
                    faq.topic or {"vi": faq.questions[0]},
                    faq.answer["vi"],
                    faq.answer.get("en"),
                    faq.source,
                    passage=False,
                    shows=faq.shows,
                )
            )
        for number, question, answer in added:
            texts: tuple[tuple[str, str | None], ...] = ((question, None),) * 2 + ((answer, None),)
            documents.append(Document(len(entries), texts))
            entries.append(
                Entry(f"s:{number}", {"vi": question}, answer, None, "staff", passage=False)
            )
        where = [campaign.scope.place] if campaign.scope.place else []
        scope = campaign.scope  # "Tam Kỳ" alone is a place: unit names are not its words
        units = [name for u in campaign.units for name in (u.name, *u.aliases)]
        due = [deadline.due for deadline in campaign.deadlines]
        return cls(entries, documents, scope.words, where, scope.context, units, due)

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def read(self, text: str) -> Question:
        """The question's language and words, typos mended against the knowledge base."""
        return self._reader.read(text)

    def search(self, question: Question | str, limit: int = 3) -> list[Match]:
        if isinstance(question, str):
            question = self.read(question)
        misread, content = question.misread, question.content
        query = [
            t
            for t in terms(list(question.words))
            if t in self._indexed and not misread.intersection(t.split())
        ]
        bare = list(itertools.dropwhile(self._leading.__contains__, question.words))
        exact = self._asked.get(" ".join(question.words) or "-", self._asked.get(" ".join(bare)))
        if not query:  # "Bạn là ai?": words that tell nothing alone, asked as the FAQ has them
            return [] if exact is None else [self._asked_whole(exact, question)]
        aside = question.aside
        told = [  # nor the words of why it is asked ("em đang soạn kế hoạch")
            t
            for t in query
            if not self._context.intersection(t.split()) and not aside.issuperset(t.split())
        ]
        # "chỉ thị … chủ đề là gì" asks for the theme; "ai ký chỉ thị" has nothing else to go by
        scores = self._bm25.get_scores(told if len(told) >= 2 else query)
        rest = [t for t in query if t not in told]
        if len(told) == 1 and rest:  # "which newspaper … the directive": the newspaper, mostly
            scores = self._bm25.get_scores(told) + BESIDE * self._bm25.get_scores(rest)
        ranked: list[int] = []
        taken: set[int] = set()

        def order(i: int) -> tuple[bool, float]:
            return (self._documents[i].entry != exact, -float(scores[i]))

        for index in sorted(range(len(self._documents)), key=order):
            if (entry_at := self._documents[index].entry) not in taken:
                ranked.append(index)  # an entry's best document stands for it
                taken.add(entry_at)
                if len(ranked) == max(limit, 6):  # the best six, to find what is asked
                    break
        # "the directive", "the emulation movement": rare in English at large, but the framing
        # of nearly every question here (in Vietnamese, their syllables are common already)
        english = question.language == "en" and content - self._context
        framing = self._context | self._place if english else frozenset()  # "… in Quang Nam"
        # a year checked that no entry has ("giai đoạn 2026 - 2030 à?") is the premise the
        # answer's own years settle, not what is asked about
        years = {w for w in content if naming.YEAR.fullmatch(w) and w not in self._idf}
        checked = years if question.checking else set()
        part = {w: ASIDE if w in aside | checked or w in framing else 1.0 for w in content}
        weight = {w: self._weight(w, question) * part[w] for w in content}
        strictly = {w: self._weight(w, question, strict=True) * part[w] for w in content}
        ranked = [i for i in ranked if scores[i] > 0 or self._documents[i].entry == exact]
        pairs = {  # the knowledge base's compounds the question has ("chủ đề"): held whole
            p for p in terms(list(question.words)) if " " in p and p in self._idf
        }
        weight.update({p: self._idf[p] * PAIR_WEIGHT for p in pairs})  # not in `strictly`

        covered = {
            i: ((content - misread) & self._words[i]) | (pairs & self._pairs[i]) for i in ranked
        }

        # "… không phải giao cho Sở Thông tin và Truyền thông à?": a body named may be wrong
        # "có phải Phó Chủ tịch ký không?": the answer's own signer settles it, not a person's
        # name ("ông Nguyễn Văn Tâm"), which no answer can
        named = persons(question) if question.checking else self.named(question)

        foreign = any(w not in self._idf and not w.isdigit() for w in content - self._place)

        loose = bool(question.two) and question.two not in self._idf  # "ty so": no compound

        def answers(i: int) -> bool:
            """Whether it holds what is asked for ("bao nhiêu tiền": is "tiền" there?) and the
            bodies named ("Báo Quảng Nam"), with enough of the question's words."""
            # a date in it answers "ngày nào", not "bao nhiêu tháng" (a count)
            dates = reading.tables().date_words - question.counted if self._dated[i] else set()
            # a command in it answers "lệnh gì", "what command"
            commands = reading.tables().command_words if self._commanded[i] else set()
            asked = question.focus - dates - commands
            holds = asked <= self._words[i] | self._pairs[i] and not asked & misread
            holds = holds and all(k in self._marks[i] for w, k in question.spelt if w in asked)
            holds = holds and all(name in self._said[i] for name in named)
            holds = holds and (not question.either or bool(question.either & self._words[i]))
            holds = holds and (not question.amount or self._numbered[i] or bool(question.tallied))
            holds = holds and all(self._counts(i, w) for w in question.tallied)  # "một lần"
            holds = holds and (not question.day or self._days[i])  # not "năm 2025"
            holds = holds and (self._commanded[i] or not content & ORDERS)  # "lệnh … là gì"
            holds = holds and not (self._nameless[i] and WHO_ASKED.intersection(question.words))
            alone = len(content) > 1 or content <= self._titled[i]  # "what is its theme"
            alone = alone and (not loose or content <= self._topics[i])
            # "Kinh tế là gì?": an entry about it, not one saying "kinh tế - xã hội"
            alone = alone and question.defined <= self._topics[i]
            weighed = weight  # "Sở Văn hóa, … có tổ chức giải marathon không": a body's
            if foreign:  # name weighs once
                weighed = as_one(weight, question.words, self._said[i], self._bodies)
            held = share(weighed, covered[i])
            return holds and held >= self.MIN_COVERAGE and alone

        if ranked and self._documents[ranked[0]].entry != exact and not answers(ranked[0]):
            # one further down may hold what is asked: the one holding most of the question
            ranked.sort(key=lambda i: (not answers(i), -share(weight, covered[i])))
        elif ranked and self._documents[ranked[0]].entry != exact:
            # "the theme of the movement": the entry about the theme, not one saying the word;
            # "who must register": the entry about who does, as much of the question held
            asked = question.focus | ({question.words[0]} & WHO_ASKED)
            if asked and not asked <= self._titled[ranked[0]]:
                top = share(weight, covered[ranked[0]])
                about = [
                    i
                    for i in ranked[1:]
                    if asked <= self._titled[i]
                    and answers(i)
                    and (question.focus or share(weight, covered[i]) >= top)
                ]
                ranked = about[:1] + [i for i in ranked if i not in about[:1]]
            # "chỉ thị này để làm gì": one scoring nearly as well that holds far more of the
            # question (all of it, not a word shared with a guide's "để làm tiếp")
            top = ranked[0]
            fuller = [
                i
                for i in ranked[1:3]
                if scores[i] >= NEARLY * scores[top]
                and share(weight, covered[i]) >= share(weight, covered[top]) + FULLER
                and answers(i)
            ]
            ranked = fuller[:1] + [i for i in ranked if i not in fuller[:1]]
        matches = []
        for rank, index in enumerate(ranked[:limit]):
            document = self._documents[index]
            confident = rank == 0 and (answers(index) or document.entry == exact)
            entry = self.entries[document.entry]
            quote = partial(self.quote, entry, question, document.quote) if rank == 0 else str
            coverage, strict = share(weight, covered[index]), share(strictly, covered[index])
            matches.append(Match(entry, float(scores[index]), coverage, strict, confident, quote))
        return matches

    def _asked_whole(self, at: int, question: Question) -> Match:
        entry = self.entries[at]
        return Match(entry, 1.0, 1.0, 1.0, True, partial(self.quote, entry, question))

    def named(self, question: Question) -> list[str]:
        """The bodies of the knowledge base a question names, the longest where one holds
        another ("Báo Quảng Nam", not "Quảng Nam"), and the names it has that the knowledge
        base never says ("Ông Nguyễn Văn Tâm"), which no entry can answer for."""
        found = [name for name in self._names if name in question.said]
        found = [name for name in found if not any(name in other != name for other in found)]
        if question.aside:  # "Em là phóng viên Báo Quảng Nam, …": who asks, not what about
            asked = clauses.asked(question.text, question.language)
            asked = f" {' '.join(reading.syllables(asked, question.language))} "
            found = [name for name in found if name in asked]
        return found + list(question.strangers)

    def _counts(self, i: int, word: str) -> bool:
        """Whether a document counts what is asked for: "10 chỉ tiêu", "5 năm", "lần thứ XXII"."""
        if word == "nam" and PERIOD.search(self._said[i]):  # "mấy năm": "2022 - 2025" too
            return True
        counted = rf" (?:\d+|(?!vi )[ivxlc]{{2,}}|{reading.number_words()}) {re.escape(word)} "
        return re.search(counted, self._said[i]) is not None  # "mỗi mã dùng một lần" too

    def _weight(self, word: str, question: Question, *, strict: bool = False) -> float:
        """Rare words weigh more, in the knowledge base and in the language at large; a word the
        knowledge base lacks weighs its rarity half as much again ("phở" in full, "nhắc"
        little), or, strictly, once."""
        salience = reading.salience(word, question.language)
        if word in question.misread or word not in self._idf:
            return self._unseen_idf * (salience if strict else salience**1.5)
        return self._idf[word] * salience

    def quote(self, entry: Entry, question: Question, sentence: str | None = None) -> str:
        """What answers the question from an entry: the FAQ's answer, or the passage's sentence
        that holds it (found, or the one sharing most with the question), in English where
        the question is and the entry has it."""
        english = question.language == "en" and entry.english
        text = entry.english if english and entry.english else entry.text
        if not entry.passage:
            return text
        language = "en" if english else "vi"
        who = asks_who(question, self._context)
        anchor = before_asking(question)
        if sentence is not None and (sentence in text):  # the sentence, in the language asked
            return shortened(sentence, set(question.content), language, who=who, anchor=anchor)
        return best_sentences(text, set(question.content), language, who=who, anchor=anchor)

    def on_topic(self, question: Question, matches: Sequence[Match]) -> bool:
        """Whether a question is about what this bot covers: one of the campaign's scope words,
        or a close match in the knowledge base. With no scope words, everything is."""
        if not self._scope or any(word in question.said for word in self._scope):
            return True
        best = matches[0] if matches else None
        # with none of the movement's words, what the knowledge base lacks counts in full
        return best is not None and best.confident and best.strict >= self.MIN_COVERAGE


NEARLY, FULLER = 0.9, 0.3  # a score this near the best's, holding this much more of the question


def _read(text: str, language: str | None) -> list[str]:
    """A text of the knowledge base as words, in the language it is written in, closed by a
    full stop so that no pair of words spans two texts."""
    return [*reading.syllables(text, language or reading.language(text)), "."]
