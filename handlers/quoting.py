"""Quoting a passage: the sentence or two that hold the fact, about 300 characters at most,
cut between clauses and never inside quotation marks."""

from __future__ import annotations

import functools

from handlers import reading

QUOTE_LIMIT = 300  # characters of a quoted passage: the sentence or two that hold the fact
OPENING = 130  # characters of a sentence's opening kept, asked who does something
FEW = 40  # characters of a quote too short to hold a fact on its own


def sentences(text: str, lang: str = "vi") -> list[str]:
    """A text's sentences; a full stop or semicolon inside “quotation marks” ends none, nor
    one after a number ("số 01."), but for a year's in English ("… 2021 - 2025. The …")."""
    found, start, depth = [], 0, 0
    for n, char in enumerate(text):
        depth += (char == "“") - (char == "”")
        ends = char in ".;" and depth <= 0 and (n + 1 == len(text) or text[n + 1] == " ")
        after = text[n + 1 :].lstrip()[:1]
        if ends and (after.isdigit() or after.islower()):  # "Decree No. 73", "số 01. năm"
            ends = False
        last = (text[start:n].split() or [""])[-1]
        if ends and not (last.isdigit() and (len(last) <= 3 or lang != "en")):
            found.append(text[start : n + 1].strip())
            start = n + 1
    if text[start:].strip():
        found.append(text[start:].strip())
    return found


@functools.lru_cache(maxsize=4096)
def _words_of(text: str, lang: str = "vi") -> frozenset[str]:
    """A sentence's or clause's words (the same few are quoted again and again), read in its
    language ("Congress" is no Vietnamese word with a telex tone)."""
    return frozenset(reading.syllables(text, lang))


def clauses(text: str) -> list[str]:
    """A sentence's clauses, each with the comma or semicolon that ends it; none ends inside
    “quotation marks” or (brackets)."""
    found, start, depth = [], 0, 0
    for n, char in enumerate(text):
        depth += (char in "“(") - (char in "”)")
        if char in ",;" and depth <= 0 and text[n + 1 : n + 2] == " ":
            found.append(text[start : n + 1])
            start = n + 1
    found.append(text[start:])
    return found


def shortened(
    text: str,
    content: set[str],
    lang: str = "vi",
    *,
    who: bool = False,
    limit: int = QUOTE_LIMIT,
    anchor: frozenset[str] = frozenset(),
) -> str:
    """A sentence longer than `limit` cut to the run of its clauses that shares most with the
    question, marked "…" where it was cut; never inside quotation marks. Asked who does
    something (`who`), the sentence's opening, which names them, is kept before that run."""
    if len(text) <= limit:
        return text
    pieces = clauses(text)
    if who and len(pieces) > 2:  # "Ai có kế hoạch tuyên truyền …": "Sở Văn hóa …, Sở …"
        n, size = 1, len(pieces[0])
        while n < len(pieces) - 1 and size + len(pieces[n]) <= OPENING:
            size, n = size + len(pieces[n]), n + 1
        opening = "".join(pieces[:n]).strip().rstrip(",;")
        rest = shortened(
            "".join(pieces[n:]).strip(), content, lang, limit=limit - size, anchor=anchor
        )
        return f"{opening} {rest}" if rest.startswith("…") else f"{opening}, {rest}"
    shared = [len(content & _words_of(p, lang)) for p in pieces]
    # the clause with the words just before the question word ("hướng vào" of "… hướng vào
    # cái gì") is quoted, where one has them all
    anchored = [bool(anchor) and anchor <= _words_of(p, lang) for p in pieces]
    best, best_score = (0, 1), (False, -1, 0)
    for first in range(len(pieces)):
        last, size = first + 1, len(pieces[first])
        # a window of a few words ("Agencies …") says nothing: it takes the next clause
        while last < len(pieces) and (size + len(pieces[last]) <= limit or size < FEW):
            size += len(pieces[last])
            last += 1
        # as many of the question's words as fit, then what follows them ("biểu dương những
        # ai": the clauses after "biểu dương", not the bodies before it)
        lead = next((n - first for n in range(first, last) if shared[n]), last - first)
        if (score := (any(anchored[first:last]), sum(shared[first:last]), -lead)) > best_score:
            best, best_score = (first, last), score
    first, last = best
    quoted = "".join(pieces[first:last]).strip().rstrip(",;")
    return ("… " if first else "") + quoted + (" …" if last < len(pieces) else "")


def best_sentences(
    text: str,
    content: set[str],
    lang: str = "vi",
    *,
    who: bool = False,
    anchor: frozenset[str] = frozenset(),
) -> str:
    """The sentence of a passage that shares most with the question, and the next best when
    both fit in QUOTE_LIMIT, in their own order; a sentence is never cut."""
    pieces = sentences(text, lang)
    if len(pieces) <= 1:
        return shortened(text, content, lang, who=who, anchor=anchor)
    overlap = [len(content & _words_of(s, lang)) for s in pieces]
    ranked = sorted(range(len(pieces)), key=lambda i: (-overlap[i], len(pieces[i])))
    chosen = [ranked[0]]
    if len(pieces[ranked[0]]) + len(pieces[ranked[1]]) < QUOTE_LIMIT and overlap[ranked[1]]:
        chosen.append(ranked[1])
    chosen_text = " ".join(pieces[i] for i in sorted(chosen))
    return shortened(chosen_text, content, lang, who=who, anchor=anchor)
