"""Whether a question, or a part of one, is one to answer from an entry the knowledge base
found for it."""

from __future__ import annotations

from handlers import clauses, qa_data, reading
from handlers.entries import Match, Question
from handlers.knowledge import Knowledge


def answerable(text: str, match: Match) -> bool:
    """Whether a question the entry matches is one to answer from it: not a request to do or
    write something, nor about what the directive never tells of ("hội nghị tổng kết tổ chức
    ở đâu"), unless the entry tells of it (an answer the office added)."""
    if clauses.requests(text):
        return False
    if "%" in text and "%" not in match.entry.text:  # "không được quá 15% …": a rate it lacks
        return False
    if not qa_data.counts_as_said(text, match.entry):  # "Nghị định 73 có 14 điều à?"
        return False
    if not (matters := clauses.beyond(text)):
        return True
    entry = match.entry  # an answer the office added holds the question it answers
    told = reading.syllables_of(" ".join([entry.text, entry.english or "", *entry.title.values()]))
    said = f" {' '.join(told)} "
    return all(matter in said for matter in matters)


def asked_alone(knowledge: Knowledge, first: Question, later: Question) -> bool:
    """Whether a brief later part's answer is of what the first part is about too ("lm sao de
    lk nhom, can ma j k": the invite code), not asked of a subject the knowledge base lacks
    ("máy không mở được file báo cáo, sửa sao?" is no pledge to edit)."""
    if not (alone := knowledge.search(later)):
        return False
    both = knowledge.search(knowledge.read(f"{first.text}, {later.text}"))[:1]
    return any(m.entry is alone[0].entry for m in knowledge.search(first)[:3] + both)
