"""Names a question or the knowledge base holds: bodies ("Báo Quảng Nam"), people ("Ông
Nguyễn Văn Tâm"), acronyms ("GRDP"), with the country's places and the campaign's own aside;
documents by number ("98/2023/NĐ-CP") and the campaign's own deadlines by date."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import datetime

from handlers.phrases import says_any
from handlers.reading import as_typed, syllables, syllables_of, tables
from handlers.text import fold

# a document by its number: "98/2023/NĐ-CP", "15/QĐ-UBND", "Nghị định số 98/2023"
CODE = re.compile(
    r"\b\d+/(?:\d{4}/)?(?-i:[A-ZĐ]{2,}(?:-[A-ZĐ]+)*)"
    r"|(?:nghị định|quyết định|chỉ thị|thông tư|nghị quyết|decree|decision|directive|circular)"
    r"\s+(?:số\s+|no\.?\s*)?\d+/\d{4}\b",
    re.IGNORECASE,
)
DAY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?\b")  # "31/12/2026", "31-12"
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# "1 December 2027", "December 1st": a day as English writes it
EN_DAY = re.compile(
    rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\b|\b({MONTHS})\s+(\d{{1,2}})\b"
)
HOUR = re.compile(r"\b(\d{1,2})(?::00|h00|h\b|\s*(?:giờ|gio)\b)", re.IGNORECASE)  # "17h", "17 giờ"
DUE = frozenset({"han", "deadline", "due"})  # "năm trước hạn": a time before a deadline
MANY = frozenset({"nhung", "cac", "nhieu", "may"})  # "những năm sau": years to come, any
# a district, town or city named with its capitals ("Huyện Bình Sơn", "Quận Hải Châu", "TP.
# Quy Nhơn"): the campaign's own units aside, another province's
LOCALITY = re.compile(
    r"(?<!\w)(?:[Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]hành phố|TP\.?)\s+"
    r"((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\wÀ-ỹ]*\s?){1,3})"
)
YEAR = re.compile(r"\b(19[5-9][0-9]|20[0-9]{2})\b")
PERIOD = re.compile(  # "2021 - 2025", "2022 2025", "2022 đến 2025"
    r"\b((?:19|20)\d\d)(?:\s*[-\u2013]\s*|\s+(?:đến |den |tới |toi |to )?)((?:19|20)\d\d)\b"
)
# "năm 24", "nam '25": a year typed short, not "năm 10 tháng" nor "năm 24/12"
K_YEAR = re.compile(r"\b2k([0-9]{2})\b", re.IGNORECASE)  # "2k23", as young people type 2023
SHORT_YEAR = re.compile(
    r"(?<!quảng )(?<!quang )(?<!việt )(?<!viet )(?<!hà )(?<!ha )"
    r"\b(năm|nam|year)\s+'?([0-9]{2})\b(?![/.:,-]?[0-9])(?!\s*(tháng|thang|ngày|ngay|giờ|gio))",
    re.IGNORECASE,
)


def names(texts: list[str], where: Sequence[str] = (), least: int = 2) -> list[str]:
    """The names of bodies in the knowledge base's Vietnamese, as a question reads them: runs
    of `least` words or more, each capitalised ("Báo Quảng Nam", "Sở Nội vụ" as "Sở Nội"), but
    not a place ("Quảng Nam" is where, not who), a sentence's first word, or acronyms alone."""
    found: set[str] = set()
    for text in texts:
        run: list[str] = []
        opening = True  # a sentence's first word is capitalised whatever it is
        for token in [*text.split(), "."]:
            word = token.strip("“”\"'()[]«»,.;:?!")
            named = word[:1].isupper() and not word.isupper() and word.isalpha() and not opening
            opening = token.endswith((".", "?", "!", ":"))
            if named:
                run.append(word)
                if token == word:
                    continue  # the name may go on; it ends at its punctuation
            if len(run) >= least:
                found.add(f" {' '.join(syllables(' '.join(run)))} ")
            run = []
    places = _places(tuple(where))  # "Sở Tài" of "Sở Tài chính" is a unit's too
    return sorted(name for name in found if not any(name in place for place in places))


def proper_words(text: str, language: str) -> list[str]:
    """Words typed as names, folded: acronyms ("GRDP") and, in English, capitalised words
    within a sentence ("the Director of …"); what the abbreviation table spells out aside."""
    found, opening = [], True
    for token in text.split():
        word = token.strip("“”\"'()[]«»,.;:?!")
        if word.isalpha() and len(word) >= 2:
            acronym = word.isupper()
            named = language == "en" and not opening and word[:1].isupper() and not acronym
            if (acronym or named) and fold(word) not in tables().abbreviations:
                found.append(fold(word))
        opening = token.endswith((".", "?", "!", ":"))
    return found


@functools.lru_cache(maxsize=8)
def _places(where: tuple[str, ...]) -> frozenset[str]:
    """The country's provinces and cities and the campaign's own places, as a question reads
    them (read once: every question looks for names)."""
    places = [name for _, name in tables().places] + list(where)
    return frozenset(f" {' '.join(syllables(name))} " for name in places)


def codes(text: str) -> list[str]:
    """The documents a question names by number ("Nghị định 98/2023/NĐ-CP", "658/QĐ-UBND")."""
    return [str(code) for code in CODE.findall(text)]


def own_dates(text: str, due: Sequence[datetime]) -> set[str]:
    """The numbers of the campaign's own deadlines a question names ("31/12/2026", "17
    giờ"): the bot knows those dates, though no passage says them, so they are not a
    stranger's date that no entry answers for."""
    found: set[str] = set()
    days = {(d.day, d.month, d.year) for d in due}
    for match in DAY.finditer(text):
        day, month, year = (int(n) if n else None for n in match.groups())
        if any((day, month) == (d, m) and year in (None, y) for d, m, y in days):
            found.update(n for n in match.groups() if n)
    if found:
        found.update(n for n in HOUR.findall(text) if int(n) in {d.hour for d in due})
        found.update(f"{n}h" for n in list(found))  # "17h" reads as one word
    return found


def days(text: str) -> set[tuple[int, int]]:
    """The days a text names, as (day, month): "30/07/2027", "30-7", "1 December 2027"."""
    found = {(int(d), int(m)) for d, m, _ in DAY.findall(text)}
    for day, month, month_first, day_after in EN_DAY.findall(text):
        name = (month or month_first).lower()
        found.add((int(day or day_after), MONTHS.split("|").index(name) + 1))
    return {(d, m) for d, m in found if 1 <= d <= 31 and 1 <= m <= 12}


# "sau 31/12", "qua ngày 31/12/2026", "after 31/12": past a day, said before it
PAST_DAY = re.compile(r"\b(?:sau|qua|quá|after|past)\s+(?:(?:ngày|ngay)\s+)?(?=\d)", re.IGNORECASE)


def past_own(text: str, due: Sequence[datetime]) -> str:
    """ "sau 31/12 mà chưa gửi" is "quá hạn": one of the campaign's own deadlines gone by. A
    text read so before is left as it is."""
    for match in reversed(list(PAST_DAY.finditer(text))):
        said = text[: match.start()].endswith("quá hạn ")
        if not said and own_dates(text[match.end() : match.end() + 10], due):
            text = f"{text[: match.start()]}quá hạn {text[match.start() :]}"
    return text


def whole_years(text: str) -> str:
    """A year typed with two digits written in full: "chủ đề năm 24" and "2k24" are of 2024."""
    return SHORT_YEAR.sub(r"\1 20\2", K_YEAR.sub(r"20\1", text))


def years(text: str) -> set[int]:
    return {int(y) for y in YEAR.findall(text)}


def cited_years(cited: str, asked: str) -> set[int]:
    """The years a text cites as a question says them: a year it has alone ("Nghị định
    73/2023"), or one of its periods ("2021 - 2025") asked as a period; a year it has only as
    a period's end, asked alone ("năm 2025"), is another year's."""
    alone = years(PERIOD.sub(" ", cited))
    ranged = {int(y) for pair in PERIOD.findall(cited) for y in pair}
    return alone | (ranged & {int(y) for pair in PERIOD.findall(asked) for y in pair})


def other_time(text: str) -> str | None:
    """Another year than the directive's, named in words ("năm ngoái", "kỳ trước", "next
    year"), as typed; not "trước" a date follows within the question ("tổng kết năm trước ngày
    15/11" is a report due before a day), nor years to come ("những năm sau")."""
    said = f" {' '.join(syllables_of(text))} "
    for phrase, name in tables().other_times:
        at = said.find(phrase)
        if at < 0 or not as_typed(phrase, text):
            continue
        after = said[at + len(phrase) :].split(" ", 1)[0]
        before = said[:at].rsplit(" ", 1)[-1]
        dated = after in tables().date_words or after in DUE or after.isdigit()
        if before in MANY or (dated and before and phrase in (" nam truoc ", " ky truoc ")):
            continue  # "những năm sau"; "tổng kết năm trước ngày 15/11", not "Năm trước hạn …"
        if YEAR.fullmatch(after):
            continue  # "sang năm 2027": the year said settles which year it is
        return name
    return None


def places(text: str, lang: str = "vi") -> list[str]:
    """The provinces and cities a question names ("Đà Nẵng" for "da nang")."""
    said = f" {' '.join(syllables(text, lang))} "  # as read: "ĐN" is "da nang"
    typed = f" {' '.join(syllables_of(text))} "  # as typed: "Bình Định ra" is no "đề ra"
    if not (says_any(said, _place_names()) or says_any(typed, _place_names())):
        return []  # most questions name none: one pass finds that
    return [
        name for folded, name in tables().places if _named(folded, said) or _named(folded, typed)
    ]


@functools.cache
def _place_names() -> tuple[str, ...]:
    """The places' names as said (" da nang "), to look for in one pass."""
    return tuple(folded for folded, _ in tables().places)


def _named(folded: str, said: str) -> bool:
    """Whether a place's or a ministry's name is said: "Bộ Y tế", not the "cán bộ y tế"."""
    at = said.find(folded)
    while at >= 0:
        if not (folded.startswith(" bo ") and said[:at].endswith(" can")):
            return True
        at = said.find(folded, at + 1)
    return False


def localities(text: str, units: Sequence[str]) -> list[str]:
    """The districts, towns and cities a question names with their capitals that are none of
    the campaign's units ("Huyện Bình Sơn đăng ký chưa?" is another province's)."""
    known = _known(tuple(units))
    found = []
    for match in LOCALITY.finditer(text):
        name = " ".join(syllables_of(match[1]))
        if name and not any(f" {name} " in f" {k} " or f" {k} " in f" {name} " for k in known):
            found.append(match[0].strip())
    return found


@functools.lru_cache(maxsize=8)
def _known(units: tuple[str, ...]) -> frozenset[str]:
    """The campaign's unit names as read, worked out once per campaign."""
    return frozenset(" ".join(syllables_of(u)) for u in units)
