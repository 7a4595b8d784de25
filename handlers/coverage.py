"""How much of a question a text of the knowledge base holds: each word weighed, a body's
name weighing once, and the words a question asks about just before its question word; and
whether it asks who does something, whom a sentence's opening names."""

from __future__ import annotations

import re

from handlers import reading
from handlers.entries import Question

ASKING = frozenset({"gi", "dau"})  # asking what or where ("nào", "ai": which body, who)
LEADING = frozenset({"theo", "according", "to", "nhung", "cac"})  # "các sở nào": "sở nào"
PRAISED = re.compile(r" ai (?:\w+ )?duoc (?!giao|phan)")  # "ai (sẽ) được khen", not "được giao"
# "… phối hợp với những cơ quan nào": who is with whom, the sentence's opening among them
WITH_WHOM = re.compile(
    r" (?:voi|with) (?:(?:nhung|cac|which|what) )?(?:\w+ ){0,2}(?:nao|ai|whom) "
)


def asks_who(question: Question, context: frozenset[str]) -> bool:
    """Whether a question asks who does something ("Theo chỉ thị, những ai có trách nhiệm …",
    "các sở nào …", "… phối hợp với cơ quan nào"): the sentence's opening names them. Not
    who is done something to ("những ai được biểu dương"). `context`: the words naming the
    directive, said before what is asked."""
    asked = list(question.words)
    while asked and (asked[0] in context or asked[0] in LEADING):
        asked.pop(0)
    opening = f" {' '.join(asked[:3])} "  # "Ai có kế hoạch …": who does it, named first
    who = (
        any(opening.startswith(f" {w} ") for w in reading.tables().asking["who"])
        and " else " not in question.said
        and not PRAISED.match(opening)
    )
    return who or bool(WITH_WHOM.search(question.said))


def before_asking(question: Question) -> frozenset[str]:
    """The words a Vietnamese question asks about, just before its question word ("hướng vào"
    of "nội dung hướng vào cái gì"): the quote holds the clause that has them."""
    words = question.words
    if question.language == "en":  # "what theme did …": the word right after it
        what = next((n for n, w in enumerate(words) if w in ("what", "which")), len(words))
        return frozenset(words[what + 1 : what + 2]) & question.content
    at = next((n for n, w in enumerate(words) if w in ASKING), None)
    if at is None and words and words[-1] == "khong":  # "… theo từng chủ đề không"
        at = len(words) - 1
    at = words.index("hay") if at is None and "hay" in words else at  # "… chủ đề hay …"
    if at is None:
        return frozenset()
    kinds = reading.tables().classifiers  # "cái gì": what is asked is before "cái"
    found = [w for w in words[:at] if w in question.content and w not in kinds]
    return frozenset(found[-2:])


def as_one(
    weight: dict[str, float], words: tuple[str, ...], said: str, bodies: frozenset[str]
) -> dict[str, float]:
    """The weights with a body's name that the text says as the question does ("Sở Văn hóa,
    Thể thao và Du lịch") weighing as its heaviest word: naming the body a passage names is
    not asking what the passage tells of it."""
    run, n, weighed = LONG_RUN, 0, dict(weight)
    while n + run <= len(words):
        end = n + run
        named = " ".join(words[n : n + 2]) in bodies
        if not named or f" {' '.join(words[n:end])} " not in said:
            n += 1
            continue
        while end < len(words) and f" {' '.join(words[n : end + 1])} " in said:
            end += 1
        held = [w for w in dict.fromkeys(words[n:end]) if w in weighed]
        top = max((weighed[w] for w in held), default=0.0)
        total = sum(weighed[w] for w in held)
        for w in held:
            weighed[w] *= top / total if total else 1.0
        n = end
    return weighed


LONG_RUN = 4  # words in a row as a text has them, from a body's first word on: its name


def share(weight: dict[str, float], found: set[str] | frozenset[str]) -> float:
    total = sum(weight.values())
    return sum(weight.get(w, 0.0) for w in found) / total if total else 0.0
