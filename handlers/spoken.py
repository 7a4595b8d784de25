"""Numbers said in words, as speech-to-text on a phone writes them, read as figures: "chỉ thị
số một năm hai nghìn không trăm hai mươi bốn" is "chỉ thị số 1 năm 2024", "quyết định sáu
trăm năm mươi tám" is "quyết định 658", "directive zero one of twenty twenty four" is
"directive 01 of 2024". The words are data (locales/reading.yaml, `spoken_numbers`).

A lone number word is read as a figure only after a word that takes one ("số một", "tháng
sáu"): "một số đơn vị" and "có được không" keep their words. Vietnamese is read only when
written with its marks: without them "sau", "nam" and "tam" are other words. A year said in
full is the exception ("nam hai nghin khong tram hai muoi lam" is "nam 2025"): no other words
run so."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from handlers.reading import VIETNAMESE_LETTERS, language, tables

WORD = re.compile(r"[^\W\d_]+")
# "31 tháng 12 năm 2026", as a date is said, written as one is: "31/12/2026"
SAID_DATE = re.compile(r"\b([0-3]?\d) tháng ([01]?\d)(?: năm (\d{4}))?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Words:
    digits: dict[str, int]
    teens: dict[str, int]  # "mười" is 10 alone; English "twelve" is 12
    tens: dict[str, int]  # "mươi" multiplies the digit before it; English "twenty" is 20
    hundred: frozenset[str]
    thousand: frozenset[str]
    zero_tens: frozenset[str]  # "linh", "lẻ": no tens ("một trăm linh năm" is 105)
    heads: frozenset[str]

    def __contains__(self, word: str) -> bool:
        return (
            word in self.digits
            or word in self.teens
            or word in self.tens
            or (word in self.hundred | self.thousand | self.zero_tens)
        )


@functools.cache
def _words(lang: str) -> _Words:
    data = tables().spoken_numbers[lang]
    teens = {w: 10 for w in data.get("ten", [])} | data.get("teens", {})
    tens = data["tens"] if isinstance(data["tens"], dict) else {w: 10 for w in data["tens"]}
    return _Words(
        digits=data["digits"],
        teens=teens,
        tens=tens,
        hundred=frozenset(data["hundred"]),
        thousand=frozenset(data["thousand"]),
        zero_tens=frozenset(data.get("zero_tens", [])),
        heads=frozenset(data["heads"]),
    )


def numbers(text: str) -> str:
    """The text with its numbers said in words written in figures, and its dates said as
    dates are written."""
    return SAID_DATE.sub(_date, _figures(BARE_YEAR.sub(_bare_year, text)))


_BARE = {"khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5}
_BARE |= {"sau": 6, "bay": 7, "tam": 8, "chin": 9}
_DIGIT = "|".join(_BARE)
BARE_YEAR = re.compile(  # "hai nghin khong tram hai muoi tu", "hai ngan le nam", "hai nghin muoi"
    rf"\bhai (?:nghin|ngan) (?:khong tram )?(?:(?:linh|le) ({_DIGIT})|({_DIGIT}) muoi(?: "
    rf"({_DIGIT}))?|muoi(?: ({_DIGIT}))?)\b",
    re.IGNORECASE,
)


def _bare_year(said: re.Match[str]) -> str:
    zero_tens, tens, units, teens = (_BARE.get((g or "").lower()) for g in said.groups())
    if tens is not None:  # "hai mươi tư"
        return str(2000 + 10 * tens + (units or 0))
    if zero_tens is not None:  # "lẻ năm"
        return str(2000 + zero_tens)
    return str(2010 + (teens or 0))  # "mười", "mười ba"


def _date(said: re.Match[str]) -> str:
    day, month, year = said.groups()
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return said[0]
    return f"{day}/{month}/{year}" if year else f"{day}/{month}"


def _figures(text: str) -> str:
    if VIETNAMESE_LETTERS.search(text.lower()):
        lang = "vi"
    elif language(text) == "en":
        lang = "en"
    else:
        return text
    words = _words(lang)
    found = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
    out, at, i = [], 0, 0
    while i < len(found):
        run = [i]  # number words one after another, with only spaces between
        while (
            run[-1] + 1 < len(found)
            and found[run[-1]][2] in words
            and _joined(text[found[run[-1]][1] : found[run[-1] + 1][0]], lang)
            and not _year_next(found, run[-1] + 1, words)
        ):
            run.append(run[-1] + 1)
        if found[run[-1]][2] not in words:
            run.pop()
        said = [found[k][2] for k in run]
        joined = i and _joined(text[found[i - 1][1] : found[i][0]], lang)
        head = found[i - 1][2] if joined else ""  # "số một", not "ngày 12/01/2024 không"
        if lang == "vi" and said[:1] == ["năm"] and len(said) > 2 and said[1] not in words.tens:
            head, run, said = "năm", run[1:], said[1:]  # "năm hai nghìn …": the year
        while said and _spare(said, lang):
            run, said = run[:-1], said[:-1]  # "… có đúng không", "hai mươi năm" (years)
        figure = _figure(said, words, lang, after_head=head in words.heads or head == "năm")
        if figure is None:
            i = max(i + 1, run[-1] + 1) if run else i + 1
            continue
        start, end = found[run[0]][0], found[run[-1]][1]
        out += [text[at:start], figure]
        at, i = end, run[-1] + 1
    return "".join(out) + text[at:]


def _joined(between: str, lang: str) -> bool:
    """Whether two words are said together: a space, or in English a hyphen ("twenty-four")."""
    return bool(between) and (between.isspace() or (lang == "en" and between == "-"))


def _year_next(found: list[tuple[int, int, str]], at: int, words: _Words) -> bool:
    """ "năm" before a number that does not take it as a digit ("số một năm hai nghìn …",
    not "sáu trăm năm mươi"): the year of what follows, which starts a number of its own."""
    if found[at][2] != "năm" or at + 1 >= len(found):
        return False
    after = found[at + 1][2]
    return after in words and not (after in words.tens or after in words.hundred | words.thousand)


def _spare(said: list[str], lang: str) -> bool:
    """A last word that ends the question, not the number."""
    if lang != "vi" or len(said) < 2:
        return False
    return said[-1] == "không" or (said[-1] == "năm" and said[-2] in ("mươi", "mười", "trăm"))


def _figure(said: list[str], words: _Words, lang: str, *, after_head: bool) -> str | None:
    if not said or (len(said) == 1 and (not after_head or said[0] in ("năm", "không"))):
        return None  # "ngày tháng năm nào" asks for a date
    if all(w in words.digits for w in said):  # "hai không hai bốn", "không một": digit by digit
        short = lang == "vi" and len(said) == 2 and said[1] in ("mốt", "lăm", "tư")
        if len(said) >= 3 or said[0] in ("không", "zero", "oh") or after_head or short:
            return "".join(str(words.digits[w]) for w in said)
        return None
    if lang == "en" and (year := _english_year(said, words)) is not None:
        return year
    value = _value(said, words)
    return None if value is None else str(value)


def _value(said: list[str], words: _Words) -> int | None:
    """ "hai nghìn không trăm hai mươi bốn" is 2024, "ba mốt" 31, "seventy three" 73."""
    total = group = 0
    last = ""  # the place last filled: hundred, ten or unit
    i = 0
    while i < len(said):
        word, after = said[i], said[i + 1] if i + 1 < len(said) else ""
        if word in words.thousand:
            total, group, last = total + (group or 1) * 1000, 0, ""
        elif word in words.hundred:
            group, last = (group or 1) * 100, "hundred"
        elif word in words.teens and last not in ("ten", "unit"):
            group, last = group + words.teens[word], "ten"
        elif word in words.tens and word not in words.digits and last not in ("ten", "unit"):
            if words.tens[word] == 10:  # "mươi" needs its digit: "năm mươi"
                return None
            group, last = group + words.tens[word], "ten"
        elif word in words.zero_tens and last == "hundred":
            last = "ten"
        elif word in words.digits:
            digit = words.digits[word]
            if after in words.hundred:
                group, last, i = group + digit * 100, "hundred", i + 1
            elif after in words.tens and words.tens[after] == 10:  # "năm mươi"
                group, last, i = group + digit * 10, "ten", i + 1
            elif after in words.thousand:
                group += digit
            elif last == "unit":
                return None
            elif not last and after in words.digits:  # "ba mốt": thirty-one
                group, last, i = group + digit * 10 + words.digits[after], "unit", i + 1
            else:
                group, last = group + digit, "unit"
        else:
            return None
        i += 1
    return total + group


def _english_year(said: list[str], words: _Words) -> str | None:
    """ "twenty twenty four" is 2024, "nineteen ninety" 1990: two pairs of digits."""
    for cut in range(1, len(said)):
        first, second = _value(said[:cut], words), _value(said[cut:], words)
        if first is None or second is None or not 10 <= first <= 99:
            continue
        if said[cut] in ("oh", "zero") and len(said) - cut == 2 and said[-1] in words.digits:
            return f"{first}0{words.digits[said[-1]]}"  # "twenty oh five"
        if 10 <= second <= 99 and said[cut] not in words.digits:
            return f"{first}{second}"
    return None
