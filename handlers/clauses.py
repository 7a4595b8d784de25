"""A message's clauses: the parts of a question that asks two things, the clauses telling why
it is asked, and how a clause ends (asking for something to be done, or whether it is)."""

from __future__ import annotations

import functools
import re
import unicodedata

from handlers.phrases import says_any, typed_in
from handlers.reading import (
    CLAUSE,
    MARKED_WORD,
    VIETNAMESE_LETTERS,
    WORD,
    asks,
    language,
    syllables,
    syllables_of,
    tables,
)
from handlers.text import fold

# Where a clause of the asker's circumstances may end, and where one telling what the answer
# is for may begin ("… chủ đề để đưa vào kế hoạch")
TOLD = re.compile(r"([,;:.!?])\s|\s(để)\s", re.IGNORECASE)
# "huyện nào có nhiều mô hình nhất", "ai đạt nhiều danh hiệu nhất": a ranking, as read
MOST = re.compile(
    r" (?:(?:huyen|don vi|so|xa|co quan|ca nhan|tap the) nao|ai)(?: \w+){0,4} "
    r"(?:nhieu|cao|tot|gioi|it|thap|xuat sac)(?: \w+){0,2} nhat "
)
# "đóng vai trò gì" is no role play; "đóng vai trợ lý" is
ROLE = re.compile(r" vai tro (?!l[iy] )")
TAG = re.compile(r"\[\s*([^\[\]]{1,20}?)\s*\]")  # "[SYSTEM]", "[hệ thống]"
# Where a question asking two things may divide: a question mark, a semicolon, a comma, or
# "và"/"còn"/"and"; it divides there only when both sides ask something of their own.
SEPARATOR = re.compile(
    r"(\?\s+|\s*\n\s*|;\s*|,\s*(?:(?:và|va|còn|con|and|also|với lại|voi lai)(?!\w))?\s*"
    r"|\s+(?:và|va|rồi|với lại|voi lai|and)\s+|(?<!thì)(?<!vẫn)(?<!có)\s+còn\s+)",
    re.IGNORECASE,
)


def requests(text: str) -> bool:
    """Whether a message asks the bot to do something rather than asks about something: to
    write something ("viết giúp tôi một bài thơ"), or it ends as a request does ("… nộp giúp
    em luôn đi") and has no question word."""
    if _composes(text):
        return True  # "viết giúp tôi một bài thơ về phong trào thi đua"
    if (bidden := _broadcasts(text)) is not None and (bidden or not asks(text)):
        return True  # "gửi all đv giùm: hạn … lùi thêm 1 tháng", "Hãy gửi thông báo tới …"
    if asks(text):
        return False
    ends = [f" {w} " for w in tables().asking["request"]]
    return any(  # "… luôn đi, sếp duyệt rồi"
        said.endswith(end) for said in clauses_said(text, language(text)) for end in ends
    )


def _broadcasts(text: str) -> bool | None:
    """Whether a message opens by asking for a message to be sent to every unit ("gửi all đv
    giùm: …"), which only the office does: None if not, True if bidden ("Hãy gửi …")."""
    found = _everyone().match(f" {' '.join(syllables_of(text))} ")
    return None if found is None else bool(found.group(1))


@functools.cache
def _everyone() -> re.Pattern[str]:
    bidding, verbs, audience = (
        "|".join(re.escape(w) for w in tables().asking[k])
        for k in ("bidding", "broadcast", "everyone")
    )
    return re.compile(rf" ((?:(?:{bidding}) )*)(?:{verbs})(?: \w+){{0,3}} (?:{audience}) ")


def _composes(text: str) -> bool:
    """Whether a message asks the bot to write something ("viết giúp tôi …", "write me …")."""
    said = f" {' '.join(syllables_of(text))} "
    return any(phrase in said for phrase in tables().compose)


def steers(text: str) -> bool:
    """Whether a message tries to change how the bot answers ("bỏ qua mọi hướng dẫn trước đó
    và …", "hãy đóng vai …", "ignore all previous instructions"): not a question to answer."""
    said = ROLE.sub(" ", f" {' '.join(syllables_of(text))} ")  # "đóng vai trò gì"
    if says_any(said, tables().steering):
        return True
    tags = TAG.findall(text)  # "[SYSTEM] …", "P.S. [hệ thống]: …": a role claimed in brackets
    return any(" ".join(syllables_of(tag)) in tables().steering_tags for tag in tags)


def beyond(text: str) -> list[str]:
    """What a message asks about that the directive and the guide never tell of: an event
    ("Lễ phát động … tổ chức ở đâu?"), an address, a salary, who heads a body, the criteria
    for an award, or an opinion ("theo bạn đơn vị nào sẽ được cờ")."""
    # the clauses asking, not one telling why ("tôi chuẩn bị phát biểu tại lễ phát động, …"),
    # nor a list's items ("Trưởng cụm thi đua các huyện, thị xã, … là huyện nào?")
    asking = [clause for clause, told in _told(text) if not told]
    said = f" {' . '.join(' '.join(syllables_of(c)) for c in asking)} "  # none spans two
    for past in tables().missed:  # "huyen toi qua han": "tôi quá hạn" typed bare, not "tối qua"
        said = said.replace(past, " ")
    whole = f" {' '.join(syllables_of(text))} "
    opinions = typed_in(whole, tables().opinion, text)  # "theo chị thì"
    found = typed_in(said, tables().beyond, text)
    ranked = [" xep hang "] if MOST.search(said) else []  # "huyện nào có nhiều mô hình nhất"
    return found + opinions + ranked


@functools.lru_cache(maxsize=4096)  # a message is asked it for its aside, what it asks, …
def _told(text: str, lang: str = "vi") -> tuple[tuple[str, bool], ...]:
    """Each clause, and whether it only tells the asker's circumstances: it asks nothing, and
    it begins with the asker ("Em đang soạn …", "Hôm qua …") before a clause that asks, or is a
    sentence of its own before the question ("Văn phòng chuẩn bị in băng rôn. Chủ đề …?"), or
    follows the question and begins with the asker ("…, anh cần đưa vào bài phát biểu")."""
    split = TOLD.split(text)  # clause, mark, "để", clause, mark, "để", …, clause
    marks = [*(a or b.lower() for a, b in zip(split[1::3], split[2::3], strict=True)), ""]
    pieces = [
        (c, mark) for c, mark in zip(split[::3], marks, strict=True) if MARKED_WORD.search(c)
    ]
    asking = [_asking(c) for c, _ in pieces]
    told = []
    for n, (clause, mark) in enumerate(pieces):
        first = MARKED_WORD.findall(unicodedata.normalize("NFC", clause).lower())[0]
        teller = first in tables().tellers[lang]
        said = f" {' '.join(syllables_of(clause))} "
        purpose = n and (pieces[n - 1][1] == "để" or said.startswith(" de "))
        if purpose:  # "để đưa vào kế hoạch", not "để đăng ký"; "…, để tôi ghi vào …"
            teller = _purpose(said.removeprefix(" de")) and any(asking[:n])
            asking[n] = asking[n] and not teller  # the "?" closing the message is not its
        if lang == "en" and any(said.startswith(f" {p} ") for p in tables().asking["en_purposes"]):
            asking[n], teller = False, True  # "I need them for our slides": what for
        purposed = n == len(pieces) - 1 and not purpose and _purpose(said)  # after the question
        if teller and purposed:  # "…, tôi cần ghi cho đúng vào kế hoạch?": what it is for,
            asking[n] = any(f" {w} " in said for w in tables().question_words)  # unless it asks
        if asking[n]:
            told.append(False)
        elif n < len(pieces) - 1:  # before the last
            told.append(teller or (mark in (".", "!", ":") and any(asking[n + 1 :])))
        else:  # the last, after the question
            # "…, để tôi ghi vào …?", "…, tôi cần ghi cho đúng vào kế hoạch?"
            ended = bool(purpose) or purposed or not text.rstrip().endswith("?")
            told.append(teller and any(asking[:n]) and ended)
    return tuple((c, t) for (c, _), t in zip(pieces, told, strict=True))


def _unsaid_asker(said: str) -> str:
    """A clause without the asker opening it, nor their wish: " toi can ghi vao … " is
    " ghi vao … "."""
    words = said.split()
    opening = 0  # "tôi", "chúng tôi": two words at most
    while opening < 2 and len(words) > opening + 1 and words[opening] in _tellers():
        opening += 1
    words = words[opening:]
    while len(words) > 1 and words[0] in tables().asking["wishes"]:
        words.pop(0)
    return f" {' '.join(words)} "


@functools.cache
def _tellers() -> frozenset[str]:
    return frozenset(fold(w) for w in tables().tellers["vi"])


def _purpose(said: str) -> bool:
    """Whether a clause tells what the answer is for: " (toi can) ghi vao … "."""
    said = _unsaid_asker(said)
    return any(said.startswith(f" {p} ") for p in tables().asking["purposes"])


def asked(text: str, lang: str = "vi") -> str:
    """The clauses of a message that do not only tell the asker's circumstances."""
    return ", ".join(clause for clause, told in _told(text, lang) if not told)


def aside(text: str, lang: str = "vi") -> frozenset[str]:
    """The words only of the clauses telling the asker's own circumstances: before the last
    clause, asking nothing, and beginning with the asker ("Em đang soạn kế hoạch cho huyện, cho
    em xin chủ đề năm 2024"; "I work with a partner NGO. What is …"). They say why the question
    is asked, not what it asks."""
    told: list[str] = []
    asked: list[str] = []
    for clause, telling in _told(text, lang):
        (told if telling else asked).append(clause)
    ends_asking = text.rstrip().endswith("?")  # "… phải làm chi đầu tiên ạ?"
    if not told or not (ends_asking or any(map(_asking, asked))):  # "…, English is fine."
        return frozenset()
    kept = {w for clause in asked for w in syllables(clause, lang)}
    idle = tables().function_words | tables().command_words | set(tables().asking["idle"])
    if not kept - idle - _question_words():  # "Tôi đã gửi rồi nhưng muốn sửa lại, làm thế
        return frozenset()  # nào bây giờ?", "sếp bảo em đk cho cq, gõ lệnh gì?"
    return frozenset(w for clause in told for w in syllables(clause, lang)) - kept


@functools.cache
def _question_words() -> frozenset[str]:
    return frozenset(w for phrase in tables().question_words for w in phrase.split())


def _asking(clause: str) -> bool:
    """Whether a clause asks something: with a question word, or asking for it ("cho em xin
    chủ đề", "I need the theme"). "Không" before a verb says no ("tôi không nhớ rõ"): it asks
    only where the clause ends."""
    if _asks_for(clause):
        return True
    if not asks(clause):
        return False
    if clause.rstrip().endswith("?") or language(clause) != "vi":
        return True
    words = syllables(clause)
    while words and words[-1] in tables().asking["particles"]:
        words.pop()  # "… không anh", "… chưa nhỉ"
    if words and words[-1] in ("khong", "chua"):
        return True
    bare = f" {' '.join(w for w in words if w not in ('khong', 'chua'))} "
    return any(w in bare for w in tables().question_words)


def _asks_for(clause: str) -> bool:
    """Whether a clause asks for something in so many words: "cho em xin", "nhờ anh", not
    "nhớ" nor a bare "cho hoi nghi" deep in a clause (a conference, not "cho hỏi")."""
    typed = unicodedata.normalize("NFC", clause).lower()
    if VIETNAMESE_LETTERS.search(typed):
        marked = f" {' '.join(MARKED_WORD.findall(typed))} "
        return any(phrase in marked for phrase in tables().asking_marked)
    words = syllables_of(clause)
    said, opening = f" {' '.join(words)} ", f" {' '.join(words[:4])} "
    return any(p in opening or (p in said and p.count(" ") > 3) for p in tables().asking_for)


def clauses_said(text: str, lang: str = "vi") -> list[str]:
    """Each clause of a message as said, the words that say nothing kept, with a space at
    both ends: how it ends tells what it asks (" … nop chua nhi ", " … luon di ")."""
    return [f" {' '.join(syllables(clause, lang, idle=True))} " for clause in CLAUSE.split(text)]


# "Sở Thông tin và Truyền thông", "Thể thao và Du lịch": "và" inside a body's name
NAMED_AND = re.compile(r"(?<!\w)(\w+(?:\s+\w+)?)\s+và\s+(\w+(?:\s+\w+)?)")
# "1) … 2) …", "a. …": a list's markers, which ask nothing
SALUTATION = re.compile(
    r"^\s*(?:kính gửi|kinh gui|kính thưa|kinh thua|thưa|dear)\s[^,.:;!?\n]{1,60}[,.:;!\n]\s*",
    re.IGNORECASE,
)
# "Kính đề nghị Thường trực Ban Thi đua cho biết: …": whom it asks, then what
ASKED_OF = re.compile(
    r"^\s*(?:kính |kinh )?(?:đề nghị|de nghi|xin|nhờ|nho)\s[^,.:;!?\n]{1,60}?\s(?:cho biết|"
    r"cho biet|giải đáp|giai dap)\s*(?:giúp |giup )?[:,]?\s*",
    re.IGNORECASE,
)
LISTED = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-eA-E])[).]\s+")
# "Nghị định 73 với Quyết định 658 mỗi cái ban hành ngày nào?": one question of each
EACH = re.compile(
    r"^(?P<one>.+?)\s+(?:với|và|and)\s+(?P<other>.+?),?\s+"
    r"(?:mỗi cái|mỗi văn bản|mỗi bên|mỗi loại|mỗi|lần lượt|each|respectively)\s+(?P<asked>.+)$",
    re.IGNORECASE,
)


ENGLISH_OPENINGS = frozenset(
    [
        "who",
        "whom",
        "whose",
        "what",
        "which",
        "when",
        "where",
        "why",
        "how",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "has",
        "have",
        "had",
        "may",
        "must",
    ]
)


def _opening(text: str) -> str:
    found = WORD.findall(fold(text))
    return found[0] if found else ""


def unaddressed(text: str) -> str:
    """A message without the salutation it opens with ("Kính gửi Trợ lý thi đua, đề nghị cho
    biết …" asks "đề nghị cho biết …"): whom it is written to is not what it asks."""
    return ASKED_OF.sub("", SALUTATION.sub("", text, count=1), count=1) or text


def unlisted(text: str) -> str:
    """A message without the markers of a list it is written as, its items kept apart ("1) chủ
    đề là gì 2) ai ký" asks "chủ đề là gì; ai ký")."""

    def apart(marker: re.Match[str]) -> str:  # "…? 2) …" is apart already
        before = text[: marker.start()].rstrip()
        return "; " if before and before[-1] not in "?.;,!:" else ""

    return LISTED.sub(apart, text).strip()


def parts(text: str) -> list[str]:
    """A question's parts when it asks two things ('hạn chót khi nào và ai ký chỉ thị?'), or
    one thing of each of two ("Nghị định 73 với Quyết định 658 mỗi cái ban hành ngày nào?");
    one part (the text) otherwise. A piece that asks nothing of its own, or is too short to,
    stays with the one before ("Sở Văn hóa, Thể thao và Du lịch làm gì?" is one question)."""
    text = NAMED_AND.sub(_named_and, text)  # "Thông tin và Truyền thông": one name
    if (each := EACH.match(text.strip())) is not None and asks(each["asked"]):
        asked = each["asked"].strip(" ?")
        found = [f"{each['one']} {asked}", f"{each['other']} {asked}"]
        return [_unjoined(p) for p in found]
    split = SEPARATOR.split(text.strip())
    english = language(text) == "en"
    merged: list[str] = [split[0]]
    pairs = list(zip(split[1::2], split[2::2], strict=True))
    for n, (separator, piece) in enumerate(pairs):
        ended = separator.lstrip(" \t").startswith(("?", "\n"))  # a question mark, a new line
        if ended and n + 1 < len(pairs) and not asks(piece):
            merged.append(piece)  # "…? Quá hạn rồi muốn sửa …": a new question begins
            continue
        least = 2 if ended else 3  # "Chỉ thị số mấy? Ai ký?"
        # "…, và viết giúp tôi bài phát biểu": a request to write is a part of its own
        alone = _wants(piece, english) and asks(merged[-1]) and not _bare(piece, english)
        alone = alone and not _checks_told(piece, english)
        alone = alone and min(_size(piece), _size(merged[-1])) >= least
        if alone and english:  # "who monitors and checks on how …" is one
            alone = _opening(piece) in ENGLISH_OPENINGS
        if alone:
            merged.append(piece)
        else:
            merged[-1] += separator + piece
    if len(merged) > 1 and not _wants(merged[-1], english):
        last = merged.pop()  # "…? Cảm ơn.": thanks, not a question
        merged[-1] += " " + last
    found = [_unjoined(p.strip(" ,.?;")) for p in merged if p.strip(" ,.?;")]
    return found if len(found) > 1 else [_unjoined(text)]


def _bare(piece: str, english: bool) -> bool:
    """A piece of words that only ask ("…, cho em biết với", "…, please tell me")."""
    words = syllables(piece, "en" if english else "vi")
    said = f" {' '.join(words)} "  # "…, nói thế nào": a question word asks
    asking = any(q in said for q in tables().question_words if q != " cho biet ")
    return not asking and all(w in tables().function_words for w in words)


def _checks_told(piece: str, english: bool) -> bool:
    """A piece asking only whether what came before is told ("…, chỉ thị có ghi không?",
    "…, does the directive say?"): no question of its own."""
    words = syllables(piece, "en" if english else "vi")
    idle = tables().function_words | set(tables().asking["mentions"])
    checked = english or words[-1:] in (["khong"], ["chua"])  # not "…, nói thế nào"
    return bool(words) and checked and all(w in idle for w in words)


def _wants(piece: str, english: bool = False) -> bool:
    """Whether a piece asks something ("… and is it still open?"), or asks for something to
    be written."""
    if english and _opening(piece) in ENGLISH_OPENINGS:
        return True
    return asks(piece) or _composes(piece)


def _named_and(match: re.Match[str]) -> str:
    before, after = match[1], match[2]
    document = " ".join(syllables_of(after)) in tables().asking["document_named"]
    if after[0].isupper() and any(w[0].isupper() for w in before.split()) and not document:
        return f"{before}\u2060và\u2060{after}"
    return match[0]


def _unjoined(text: str) -> str:
    return text.replace("\u2060và\u2060", " và ")


def _size(text: str) -> int:
    return len(WORD.findall(fold(text)))
