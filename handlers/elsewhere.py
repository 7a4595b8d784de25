"""What a question is about when it is not this directive: another province, district or
ministry, another year (by number or in words), a body that is none of the campaign's units,
where a unit is, or something else this bot does not cover."""

from __future__ import annotations

import functools
import itertools
import re

from handlers import naming, qa_data, reading
from handlers.campaign import Campaign
from handlers.entries import Question
from handlers.named_units import named_as, unit_names
from handlers.phrases import says_any
from handlers.text import fold, words
from handlers.types import Button, Context, Reply

# a movement's or a directive's own year ("phong trào thi đua năm 2023", "the 2023 movement"),
# whatever documents of that year the directive cites
MOVEMENT_YEAR = re.compile(
    r"(?i)(?:phong trào|thi đua năm|chỉ thị năm|movement of|campaign of) (\d{4})\b"
    r"|\b(\d{4}) (?:emulation )?(?:movement|campaign|directive)\b"
)
MONTH = re.compile(r"(?i)\b(?:tháng|thang)\s+\d{1,2}(?:/|\s+năm\s+|\s+nam\s+)(\d{4})\b")
FULL_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(\d{4})\b")  # "31/12/2026": a day, not a directive
# a report or a directive named by a subject of its own, as a question is read: "báo cáo sơ kết
# 6 tháng công tác cải cách hành chính", "chỉ thị của UBND tỉnh về phòng, chống thiên tai", "a
# report on land use"; not where "về" sends it somewhere ("báo cáo của xã gửi về huyện")
SUBJECT = re.compile(
    r" (?:(?:bao cao|so ket|tong ket|chi thi|report|directive)"
    r"(?:(?: cua(?: (?!gui |nop |chuyen )\S+){1,4}?)? (?:ve viec|ve|on|regarding)"
    r"|(?: \S+){0,4}? cong tac)"
    r"|ke hoach)"  # "kế hoạch chuyển đổi số": a plan's subject follows it
    r"(?P<subject>(?: \S+){1,8})"
)
# a decision, a resolution, a decree, a circular, a regulation or a law named by its subject
# ("quyết định khen thưởng tổng kết …"), as a question is read
DOCUMENT = re.compile(
    r" (?:quyet dinh|nghi quyet|nghi dinh|thong tu|quy che|luat|decision|resolution|decree)"
    r"(?P<subject>(?: \S+){1,8})"
)
# a movement named in quotes ("phong trào “Dân vận khéo”"): the campaign's is named in its words
QUOTED_MOVEMENT = re.compile(
    r"(?i)(?:phong trào|phong trao|cuộc vận động|cuoc van dong|movement|campaign)\s*"
    r"[“\"'\u2018«]([^”\"'\u2019»]{3,80})[”\"'\u2019»]"
)


def deadline_years(ctx: Context) -> set[int]:
    """The years the campaign's deadlines fall in: a year of its own, beside a deadline."""
    return {d.due.year for d in ctx.campaign.deadlines}


def _times(ctx: Context, text: str) -> set[int]:
    """The deadlines' years a question names as a day or a month ("trước 31/12/2026", "sang
    tháng 1/2027"): a time, not another year's directive."""
    days = {int(y) for y in [*FULL_DATE.findall(text), *MONTH.findall(text)]}
    return days & deadline_years(ctx)


def another_time(ctx: Context, read: Question) -> bool:
    """Whether a question is about another year than the campaign's, by number or in words
    ("năm ngoái"); a deadline it names has its own year ("hạn đăng ký năm 2027": not ours)."""
    named = qa_data.named(read, ctx.campaign)
    due = {d.due.year for d in named} if named else deadline_years(ctx)
    years = naming.years(read.text) - {ctx.campaign.scope.year} - due - _times(ctx, read.text)
    return bool(years) or naming.other_time(read.text) is not None


def elsewhere(ctx: Context, read: Question, *, data: bool) -> Reply | None:
    """A question about another province's movement (checked first) or another year's
    directive (checked after the deadlines: "hạn chót 2026" is this campaign's) is told what
    this bot covers, with a button to ask it about this directive instead."""
    scope = ctx.campaign.scope
    if ctx.conversation.data.get("here") == read.text:
        return None  # the person asked for this directive's answer
    if not data:
        own = fold(scope.place or "")
        if strange := naming.localities(read.text, unit_names(ctx.campaign)):  # "Quận Hải Châu"
            return _covered(ctx, read, strange[0])
        if not naming.places(read.text, read.language):
            return None  # most questions name no place: the units' names need no looking at
        text = f" {' '.join(words(read.text))} "
        for unit in ctx.campaign.units:  # "Quế Sơn là …" names no "Sơn La"; "Sở Y tế" is
            for name in (unit.name, *unit.aliases):  # named whole: "Bộ Y tế" is a ministry
                bare = re.escape(named_as(unit, name))
                text = re.sub(rf"(?<! bo) {bare} ", " , ", text)  # "Bộ Nội vụ": no unit
        others = [p for p in naming.places(text, read.language) if fold(p) != own]
        if read.checking or read.either:  # "… của Chính phủ hay Bộ Nội vụ?": the answer's own
            others = [p for p in others if not p.startswith("Bộ ")]  # body settles it
        if not others:
            return None
        topic = others[0]
    else:
        years = naming.years(read.text) - {scope.year} - _times(ctx, read.text)
        years = years if scope.year else set()
        if not years:  # "năm ngoái": another year, in words
            if (when := naming.other_time(read.text)) is None:
                return None
            return _covered(ctx, read, when)
        # "Nghị định … năm 2023": a document the directive cites; "kế hoạch 2026 - 2030" is not
        passages = " ".join(p.text for p in ctx.campaign.directive.passages)
        cited = naming.cited_years(passages, read.text)  # not "năm 2025" of "2021 - 2025"
        document = any(p in read.said for p in qa_data.asking()["document"])
        found = {int(y) for pair in MOVEMENT_YEAR.findall(read.text) for y in pair if y}
        movement = years & found  # "the 2023 movement"
        if document and (years & cited or read.checking) and not movement:  # "… 2026 - 2030 à?"
            return None
        shown = movement or (years - cited if document else years) or years  # "the 2023 movement"
        topic = ctx._("the year {year}").format(year=min(shown))
    return _covered(ctx, read, topic)


def another_subject(read: Question, campaign: Campaign) -> bool:
    """Whether a question names a report, a plan, a directive or a movement by a subject that
    is not the movement's ("báo cáo sơ kết 6 tháng công tác cải cách hành chính", "chỉ thị về
    phòng, chống thiên tai", "phong trào “Dân vận khéo”"): neither the campaign's dates nor the
    directive's words are its. A subject the directive names itself ("kế hoạch xây dựng và
    nhân rộng …") or in the movement's words ("công tác thi đua, khen thưởng", "về việc phát
    động phong trào") is this one, and one that only asks ("về việc gì", "về đâu") names none."""
    ours = qa_data.forms_of((*campaign.scope.context, *campaign.scope.words))
    told = _read_names(tuple(p.text for p in campaign.directive.passages))
    for name in QUOTED_MOVEMENT.findall(read.text):
        said = f" {' '.join(reading.syllables(name))} "
        if not any(word in said for word in ours):
            return True
    for found in SUBJECT.finditer(read.said):
        subject = found["subject"].split()
        if f" {subject[0]} " in qa_data.asking()["sent_to"]:  # "gửi về huyện", "nộp về đâu"
            continue
        said = f" {' '.join(subject)} "
        for word in ours:  # the movement's words kept whole ("thi đua" is no "thì")
            said = said.replace(word, " # ")
        subject = _subject(said.split())
        named = [w for w in subject if w not in _asking_only()]
        if "#" not in subject and named and f" {' '.join(named[:2])} " not in told:
            return True  # not one the directive cites ("Kế hoạch xây dựng và nhân rộng …")
    return _another_document(read, campaign)


def _another_document(read: Question, campaign: Campaign) -> bool:
    """Whether a question asks the number, the day or the signer of a decision, a resolution
    or a letter ("quyết định khen thưởng tổng kết năm 2024 số mấy, ký ngày nào?") that the
    directive does not cite by number: only those it cites so are told of."""
    asked = qa_data.asking()["document_asked"]
    if read.language != "vi" or not says_any(read.said, asked):
        return False
    directive = campaign.directive
    citing = _citing(tuple(p.text for p in directive.passages), directive.number)
    subjects, whole = (_read_names(tuple(c[part] for c in citing)) for part in (0, 1))
    for found in DOCUMENT.finditer(read.said):
        after = read.said[found.start("subject") :]  # asked of it: "… ký ngày nào", after it
        if not (at := [after.find(p) for p in asked if p in after]):
            continue
        words = after[: min(at)].split()  # "… số mấy", "… 658": no subject
        issuer = words[:1] == ["cua"]  # "… của HĐND tỉnh": who issued it, then what about
        subject = _subject(words[1:] if issuer else words)
        named = [w for w in subject if w not in _asking_only()]
        if named[:1] and named[0] in _digits():  # "quyết định sáu năm tám": 658, said
            continue
        pairs = [f" {a} {b} " for a, b in itertools.pairwise(named)] or [f" {w} " for w in named]
        cited = whole if issuer else subjects  # "quy chế phối hợp giữa UBND tỉnh và …" is
        if named and not any(pair in cited for pair in pairs):  # not of 658 "của UBND tỉnh"
            return True  # "khen thưởng tổng kết": none of its words is of a cited one
    return False


def _subject(words: list[str]) -> list[str]:
    """A subject's words, up to where it ends: "… 6 tháng", "… năm 2024" are a time, "… số
    mấy" asks, and neither is a subject."""
    ends = qa_data.asking()["subject_ends"]
    return list(itertools.takewhile(lambda w: f" {w} " not in ends and not w.isdigit(), words))


@functools.cache
def _digits() -> frozenset[str]:
    return frozenset(fold(w) for w in reading.tables().spoken_numbers["vi"]["digits"])


@functools.cache
def _citing(passages: tuple[str, ...], own: str) -> tuple[tuple[str, str], ...]:
    """The clauses that cite a document by number, up to its number and to the end of its
    citation: "… Kế hoạch “Xây dựng, … điển hình tiên tiến” … (Quyết định số 658/QĐ-UBND",
    then "… ngày 03/4/2023 của UBND tỉnh" (who issued it), not what follows; not the
    directive's own (`own`), which names its issuer."""
    clauses = []
    for text in passages:
        for code in naming.CODE.finditer(text):
            if own in code[0]:
                continue
            start = max(text.rfind(".", 0, code.start()), text.rfind(";", 0, code.start())) + 1
            ends = [at for mark in ").;," if (at := text.find(mark, code.end())) >= 0]
            clauses.append((text[start : code.end()], text[start : min(ends, default=len(text))]))
    return tuple(clauses)


@functools.cache
def _asking_only() -> frozenset[str]:
    """The words of a subject that only asks which ("về việc gì", "công tác nào")."""
    tables = reading.tables()
    asking = {w for phrase in tables.question_words for w in phrase.split()}
    return frozenset(tables.function_words | tables.classifiers | asking)


def _covered(ctx: Context, read: Question, topic: str) -> Reply:
    """What this bot covers, told to a question about something else (`topic`), with a button
    to ask it about this directive instead."""
    ctx.conversation.put(question=read.text[:2000])
    directive = ctx.campaign.directive
    text = ctx._(
        "I answer questions about Directive {number} of {date} ({issuer}) and its emulation "
        "movement. Your question seems to be about {topic}, which I do not cover. Shall I "
        "answer it about this directive?"
    ).format(
        number=directive.number, date=ctx.day(directive.date), issuer=directive.issuer, topic=topic
    )
    return Reply(text, buttons=(Button(ctx._("Yes, about this directive"), "qa:here"),))


def out_of_scope(ctx: Context) -> Reply:
    """A question about something else: said plainly, not guessed at nor sent to the office."""
    return Reply(
        ctx._(
            "That seems to be outside what I can help with. I answer questions about the "
            "emulation movement: the directive, the deadlines, your unit's pledge and how to use "
            "this bot. /help shows what you can do."
        )
    )


def bodies_beyond(named: list[str], campaign: Campaign) -> list[str]:
    """The bodies a question names ("ban tuyen", "bao quang nam") that are none of the
    campaign's units, nor its province: their own dates are not the campaign's."""
    units = _read_names((*unit_names(campaign), campaign.scope.place or ""))
    return [n for n in named if n.strip() and n not in units]


@functools.cache
def _read_names(names: tuple[str, ...]) -> str:
    """Names or texts as a question is read ("Tam Kỳ": " tam ki "), apart: the campaign's
    units and place, or the directive's passages."""
    return " | ".join(f" {' '.join(reading.syllables(name, 'vi'))} " for name in names)


def asks_where_of(question: Question, campaign: Campaign) -> bool:
    """A question asking only where a unit or a place is ("Sở Nội vụ ở đâu?", "Hội An thuộc
    tỉnh nào?"): the directive never says, whichever passage names it."""
    where = [p for p in qa_data.asking()["where"] if p in question.said]
    if not where:
        return False
    asked = {w for p in where for w in p.split()}
    named = _name_words((*unit_names(campaign), campaign.scope.place or ""))
    return bool(question.content) and question.content <= named | asked


@functools.cache
def _name_words(names: tuple[str, ...]) -> frozenset[str]:
    """The words of the campaign's units and place, as a question is read ("Tam Kỳ": "ki")."""
    return frozenset(_read_names(names).split()) - {"|"}
