"""A question as the knowledge base reads it: its language and words, typos mended against the
knowledge base's words, what it asks for (a thing, a count, a day, a choice, a premise checked),
the names it has that the knowledge base never says, and the words only telling why it is asked."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime

from rapidfuzz import fuzz, process

from handlers import clauses, naming, reading, sought
from handlers.entries import Question
from handlers.text import fold

TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
LETTERS = re.compile(r"\w+")
CITED = re.compile(
    r"(?:số|so)\s+\d{1,3}/CT-UBND(?:\s+(?:ngày|ngay)\s+\d{1,2}/\d{1,2}/\d{4})?"
    r"(?:\s+(?:của|cua)\s+(?:Chủ tịch|Chu tich)\s+(?:UBND|[ỦUu][ỷy] ban nhân dân|Uy ban nhan dan)"
    r"\s+(?:tỉnh|tinh)(?:\s+Qu[ảa]ng Nam)?)?",
    re.IGNORECASE,
)
QUOTED = re.compile(  # a title in quotation marks: 'Cả nước chung tay …', “…”
    r"(?<!\w)[\"'\u201c\u2018]([^\"'\u201c\u201d\u2018\u2019]{4,80})[\"'\u201d\u2019](?!\w)"
)
# a question ending so asks what its subject means: "… là gì", "… nghĩa là gì"
DEFINING = (" nghia la gi ", " la gi ", " la sao ", " la ai ", " mean ")
SPANS = frozenset({"nam", "ngay", "thang", "tuan"})  # counted in "bao nhiêu ngày", "mấy tháng"
ROMAN = re.compile(r"[ivxlc]{2,}")  # a congress's or a term's numeral: "XII", "XXII"
BODIES = (" bo ", " so ", " ban ", " hoi dong ", " uy ban ", " chinh phu ")  # a body's name
# "… à?", "… hả?", and typed bare in a message without marks ("… ban hanh ha")
CHECKED_BY_PARTICLE = re.compile(
    r"(?<!\w)(à|hả|hở|ư|hử)\s*\?*\s*$|^[\x00-\x7f]*(?<!\w)ha\s*\?*\s*$", re.IGNORECASE
)
AMOUNT = (" bao nhieu ", " how many ", " how much ")  # answered by a number
COUNTERS = frozenset({"cai", "chiec", "con"})  # "bao nhiêu cái": a count of anything
TITLE = re.compile(r"(?<=\w )([A-ZĐ]\w+) (\w+)")  # a capitalised word in a sentence, the next
# a document by its kind and number, as read: " chi thi so 01 ", " decree 73 "
DOCUMENT = re.compile(
    r" (chi thi|nghi dinh|quyet dinh|nghi quyet|thong tu|cong van|directive|decree|decision|"
    r"resolution|circular|dieu|khoan|article) (?:so |no )?(\d+)(?= )"  # "Điều 5": an article
)
OWN_NUMBER = re.compile(  # "chỉ thị số 01 năm 2024", "ct 01", "directive no 01 of 2024"
    r" (?P<kind>chi thi|ct|directive) (?:so |no )?(?P<n>\d+)(?: ct ubnd)?"
    r"(?: (?:nam|of|year) (?P<year>\d{4}))?(?P<this> nay)?(?= )"
)
OWN_CODE = re.compile(r" (?:chi thi|ct|directive) (?:so |no )?(?P<n>\d+) (?P<year>\d{4}) ")
OWN_BODY = re.compile(  # "sở chúng tôi", "cơ quan em", "our department"
    r" (?:so|co quan|don vi|ban|bao|dai|nganh|phong) (?:chung toi|chung em|toi|em|minh) "
    r"| our (?:department|agency|office|newspaper|station|unit|committee) "
)
DAY_ASKED = (
    " ngay nao ",
    " ngay may ",
    " what date ",
    " which date ",
    " which day ",
    " what day ",
)


def stop_words() -> frozenset[str]:
    return reading.tables().function_words


@functools.lru_cache(maxsize=65536)  # a word's spelling is asked for again and again
def spelling(word: str) -> str | None:
    """A word's Vietnamese spelling as a key where tone marks may sit on either vowel ('hoá' and
    'hóa' are one); None for a word typed without marks."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [TONES[c] for c in decomposed if c in TONES]
    rest = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
    if not tones and rest == fold(rest):
        return None  # no marks at all: nothing to tell apart
    return reading.one_i(rest) + "".join(tones)  # "ký" and "kí" are one


class Reader:
    """Reads questions against the words of one knowledge base."""

    FOCUS_SALIENCE = 0.2  # a word asked for that is this telling must be in the answer

    def __init__(
        self,
        vocabulary: list[str],
        spellings: set[str],
        said: list[str],
        where: list[str],
        due: Sequence[datetime],
        context: frozenset[str] = frozenset(),
    ) -> None:
        self._context = context  # the words naming the directive: never what is asked for
        self._vocabulary, self._known = vocabulary, set(vocabulary)
        self._spellings, self._said, self._where, self._due = spellings, said, where, due
        self._where_words = {w for name in where for w in reading.syllables(name)}
        self._where_said = tuple(f" {' '.join(reading.syllables(name))} " for name in where)
        self._said_words = [frozenset(known.split()) for known in said]
        self._numbered = {  # the documents the knowledge base cites by number: ("chi thi", 1)
            (kind, int(number)) for known in said for kind, number in DOCUMENT.findall(known)
        }

    def read(self, text: str) -> Question:
        """The question's language and words, typos mended against the knowledge base."""
        text = naming.past_own(text, self._due)  # "sau 31/12" is "quá hạn"
        language = reading.language(text)
        words = reading.syllables(text, language)
        if language == "vi":
            words = [self._correct(w) for w in words]
        typed = [w for w in LETTERS.findall(text) if w.lower() not in reading.tables().fillers]
        keys = [(reading.one_i(fold(w)), spelling(w)) for w in typed]  # "kỳ" is read "ki"
        known = {folded for folded, key in keys if key is None or key in self._spellings}
        misread = frozenset(  # "phở", unless "phố" is typed too
            folded for folded, key in keys if key is not None and folded not in known
        )
        own = naming.own_dates(text, self._due)  # "sau 17 giờ ngày 31/12/2026": one it knows
        content = frozenset(
            w for w in sought.unasked(words) if w not in stop_words() and w not in own
        )
        aside = clauses.aside(text, language) & content
        # "… theo Chỉ thị số 01/CT-UBND của Chủ tịch UBND tỉnh": the directive, cited in full
        cited = {w for c in CITED.findall(text) for w in reading.syllables(c, language)}
        aside |= (frozenset(cited) | self._own_number(words)) & content
        if aside and OWN_BODY.search(f" {fold(text)} "):  # "Em là cán bộ Báo Quảng Nam, cơ
            # quan em có nhiệm vụ gì": the body the asker told of is the one asked about
            spoken = f" {' '.join(words)} "
            told = [
                *naming.names([text], self._where),
                *(n for n, at in zip(self._where, self._where_said, strict=True) if at in spoken),
            ]
            aside -= {w for name in told for w in reading.syllables(name)}
        aside = aside if len(content - aside) >= 2 else frozenset()  # else it is all there is
        said = f" {' '.join(words)} "
        focus = self._focus(words, language, typed, content, misread, aside)
        first = dict(reversed(keys))  # each folded word's spelling as first typed
        spelt = frozenset((w, key) for w in focus if (key := first.get(w)) is not None)
        counted = frozenset(  # "bao nhiêu tháng", "là mấy tỷ", but not "ngày mấy tháng mấy"
            w
            for w in focus
            if f" bao nhieu {w} " in said or (f" may {w} " in said and f" {w} may " not in said)
        )
        offered = sought.either(words) if language == "vi" else frozenset()
        amount, tallied = _amount(text, words)
        checking = any(f" {p} " in said for p in reading.tables().asking["checking"])
        checking = checking or CHECKED_BY_PARTICLE.search(text) is not None  # "… 2026 - 2030 à?"
        # "Bí thư Tỉnh ủy hay Chủ tịch HĐND tỉnh?": a choice offered, which the answer settles
        # "có phải Bí thư Tỉnh ủy ký không?": the premise checked, which the answer settles
        strangers = () if offered else tuple(self._strangers(text, language, misread, checking))
        # "Kính gửi Quý cơ quan, …": a name only of what the asker tells first asks nothing
        strangers = tuple(s for s in strangers if not set(s.strip(" *").split()) <= aside)
        if not checking:  # "chỉ thị 02 nói gì": another document than the directive cites,
            strangers += tuple(self._documents(words))  # though named before the question
        return Question(
            text,
            language,
            tuple(words),
            content,
            misread,
            focus,
            spelt,
            counted,
            offered,
            strangers,
            amount,
            tallied,
            any(p in said for p in DAY_ASKED),
            checking,
            aside,
            _defined(words, content),
            _two(text, language, words, content),
        )

    def _focus(
        self,
        words: list[str],
        language: str,
        typed: list[str],
        content: frozenset[str],
        misread: frozenset[str],
        aside: frozenset[str],
    ) -> frozenset[str]:
        """What a question asks for: its telling words beside the question words (a word
        told by its marks: "bao nhiêu cờ" is not "có", "Bí thư … là ai" not "bị"), not the
        directive's own name, nor a word of why it is asked; and the head of the subject of
        "… là gì" where the knowledge base never says it ("tiêu chuẩn … là gì")."""
        said = f" {' '.join(words)} "
        typed_as = dict(reversed([(fold(w), w.lower()) for w in typed if spelling(w)]))

        def telling(w: str) -> bool:
            if reading.salience(w, language) >= self.FOCUS_SALIENCE:
                return True
            marked = f" bao nhieu {w} " in said or w in misread
            return (
                marked
                and w in typed_as
                and (reading.salience_as_typed(typed_as[w]) >= self.FOCUS_SALIENCE)
            )

        framing = self._context if content - self._context else frozenset()  # "the directive"
        focus = frozenset(
            w for w in sought.focus(words) if w not in aside | framing and telling(w)
        )
        if " la gi " in said or " la ai " in said:
            subject = [w for w in words[: words.index("la")] if w in content - aside]
            # ("tên … là gì" asks for a name, which a title in quotation marks gives)
            focus |= frozenset(w for w in subject[:2] if w in misread and w != "ten")
        return focus

    def _strangers(
        self, text: str, language: str, misread: frozenset[str], checking: bool = False
    ) -> list[str]:
        """The names a question has that the knowledge base never says ("Ông Nguyễn Văn
        Tâm", the "Huân" of "Huân chương", the "Bí" of "Bí thư", not "bị": a capitalised word
        within a sentence), acronyms ("GRDP"), documents by number ("98/2023/NĐ-CP") and, in
        English, capitalised words ("the Director"), the campaign's places and units aside."""
        found = []
        if language == "vi":
            for name in naming.names([text], self._where, least=1):
                if checking and name.startswith(BODIES):  # "… do Bộ Nội vụ ban hành phải
                    continue  # không?": the body checked, which the answer's own settles
                if not any(name in said for said in self._said):
                    found.append(name)
                elif misread.intersection(name.split()) and not checking:
                    found.append(f"{name}*")  # told by its marks: no folded text holds it
        for title in TITLE.finditer(text):  # "Thủ tướng", not the "Thủ trưởng" the KB says
            place = any(f" {fold(title[0])} " in named for named in self._where_said)
            if title[1][1:].islower() and fold(title[2]) in misread and not checking and not place:
                found.append(f" {fold(title[0])}* ")
        for code in naming.codes(text):  # checked ("lần thứ XXI đúng không?"): the answer's
            said = f" {' '.join(reading.syllables(code, language))} "  # own number settles it
            if checking or self._own(said):  # "Chỉ thị 01/2024": the directive itself
                continue
            if not any(said in known for known in self._said):
                found.append(said)
        for title in QUOTED.finditer(text):  # "phong trào 'Cả nước chung tay …'": another one,
            # unless it is what is checked ("chủ đề là "…" phải không?"): the answer's settles it
            before = fold(text[: title.start()]).split()[-1:]
            if checking and before in (["la"], ["is"], ["was"]):
                continue
            quoted = reading.syllables(title[1], language)  # the directive quoted, if loosely,
            words = set(quoted)
            held = max((len(known & words) for known in self._said_words), default=0)
            if held < 0.75 * len(words):  # is no stranger: most of it is one entry's
                found.append(f" {' '.join(quoted)} ")
        for word in naming.proper_words(text, language):
            read = reading.syllables(word, language)
            if checking and ROMAN.fullmatch(fold(word)):  # "Đại hội XII đúng không?": the
                continue  # answer's own numeral settles it
            if not set(read) <= self._known | self._where_words:
                found.append(f" {word} ")
        return found

    def _own_number(self, words: list[str]) -> frozenset[str]:
        """The directive's own number and year where a question names it ("chỉ thị 01 năm
        2024 giao cho sở … việc gì", "ct01"): which document, not what is asked of it."""
        found: set[str] = set()
        for named in OWN_NUMBER.finditer(f" {' '.join(words)} "):
            kind = "chi thi" if named["kind"] == "ct" else named["kind"]
            if named["this"]:  # "chỉ thị 01 này do ai ký": the directive itself is asked about
                continue
            if set(kind.split()) <= self._context and (kind, int(named["n"])) in self._numbered:
                found |= {named["n"], *([named["year"]] if named["year"] else [])}
        return frozenset(found)

    def _own(self, said: str) -> bool:
        """Whether a document named by number and year is the directive ("Chỉ thị 01/2024"): a
        text of the knowledge base cites its number so, in that year."""
        if (named := OWN_CODE.fullmatch(said)) is None:
            return False
        number, year = f" {named['n']} ct ubnd ", f" {named['year']} "
        return any(number in known and year in known for known in self._said)

    def _documents(self, words: list[str]) -> list[str]:
        """The documents a question names by a number the knowledge base never cites for
        them ("chỉ thị 02", "nghị định 98"); years aside ("chỉ thị 2025" is another year's)."""
        said = f" {' '.join(words)} "
        return [
            f" {kind} {number} "
            for kind, number in DOCUMENT.findall(said)
            if int(number) < 1900 and (kind, int(number)) not in self._numbered
        ]

    def _correct(self, word: str) -> str:
        """A typo mended to the nearest word the knowledge base has ("dnag" -> "dang"); a
        Vietnamese word the knowledge base lacks ("huân", "phần") stays itself."""
        if word in stop_words() or word in self._known or len(word) < 4 or word.isdigit():
            return word
        if word in reading.frequencies("vi"):  # a word of the language, not a typo: "phan"
            return word
        found = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=80)
        return str(found[0]) if found else word


def _amount(text: str, words: list[str]) -> tuple[bool, frozenset[str]]:
    """Whether a question asks how many or how much, and the things it counts: "điều" in "bao
    nhiêu điều", "lần" in "mấy lần", "member" in "how many members" (not "mấy giờ", nor "cái"
    of "bao nhiêu cái", which counts anything)."""
    said = f" {' '.join(words)} "
    # "mấy lần", not the "máy" it folds to, nor "Mấy sở …" (those) or "lần thứ mấy"
    how_many = re.search(r"(?<!thứ)(?<=\w) mấy\b", text.lower()) is not None
    dates = reading.tables().date_words | {"gio"}  # "ngày mấy tháng mấy", "mấy giờ"
    if reading.VIETNAMESE_LETTERS.search(text) is None:  # "can may nam lien tuc": "mấy năm"
        how_many = how_many or re.search(r"(?<=\w) may (?:nam|lan|thang|tuan) ", said) is not None
    amount = any(p in said for p in AMOUNT) or how_many
    modifiers = reading.tables().asking["modifiers"]  # "how many key targets": targets
    words = [w for n, w in enumerate(words) if w not in modifiers or n + 1 == len(words)]
    tallied = frozenset(
        words[n + 1]
        for n in range(len(words) - 1)
        if (
            words[n - 1 : n + 1] in (["bao", "nhieu"], ["how", "many"])
            # "lần thứ mấy", "quyết định số mấy anh": which one, not how many
            or (how_many and words[n] == "may" and n > 0 and words[n - 1] not in ("thu", "so"))
        )
        and words[n + 1] not in stop_words() | COUNTERS
        # "mấy năm liền", "bao nhiêu ngày" count; "ngày mấy tháng mấy", "mấy giờ" ask which
        and (words[n + 1] not in dates or (words[n + 1] in SPANS and words[n - 1] not in dates))
        and words[n + 2 : n + 3] not in (["nao"], ["may"])  # "số mấy, ngày nào": which day
    )
    return amount, tallied


def _defined(words: list[str], content: frozenset[str]) -> frozenset[str]:
    """What a question asks the meaning of, when that is all it asks ("Kinh tế là gì?",
    "Đảng là gì?", "what is an economy?"): an entry must be about it, not merely say it."""
    said = f" {' '.join(words)} "
    for asking in DEFINING:
        if said.endswith(asking):
            subject = said[: -len(asking)].split()
            if subject and subject[0] in ("what", "whats"):
                subject = subject[1:]
            # "Quyết định 658 là gì": a document by number; "lệnh trợ giúp là gì": a command
            numbered = any(w.isdigit() or w in reading.tables().command_words for w in subject)
            core = frozenset(subject) & content  # "Thủ đô Việt Nam": the place aside
            if 0 < len(subject) <= 4 and core and not numbered:
                return core
    return frozenset()


def _two(text: str, language: str, words: list[str], content: frozenset[str]) -> str:
    """The two words of a short Vietnamese question typed bare that says nothing else ("ty
    so", "mat ngu thi sao"): a compound of its own unless the knowledge base has it."""
    if language != "vi" or len(content) != 2 or len(words) > 4:
        return ""
    if reading.VIETNAMESE_LETTERS.search(text):
        return ""
    return " ".join(w for w in words if w in content)
