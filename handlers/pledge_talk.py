"""What people type at a pledge step that is not the answer: a question, "quay lại", "sửa câu
2", "xóa 1" at the targets, "ok" at the summary. Pure reading of the text; the steps act."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.text import fold, said, whole_number

# A question in Vietnamese starts with an asking phrase or ends with a question particle.
_OPENERS = (
    "cho toi hoi",
    "cho hoi",
    "xin hoi",
    "toi muon hoi",
    "hoi ",
    "lam sao",
    "lam the nao",
    "tai sao",
    "vi sao",
    "bao gio",
    "khi nao",
    "the nao",
    "co phai",
    "what ",
    "when ",
    "how ",
    "why ",
    "who ",
    "can i ",
    "is it ",
)
_PARTICLES = (  # not "thế", "a": names end so ("Nguyễn Văn Thế")
    "khong",
    "ko",
    "chua",
    "gi",
    "nao",
    "vay",
    "nhi",
    "bao nhieu",
    "o dau",
    "the nao",
    "duoc khong",
)
_BACK = {"quay lai", "tro lai", "lui lai", "cau truoc", "back", "go back", "previous"}
_GOTO = re.compile(
    r"^(?:sua|doi|xem lai|quay lai|ve|edit|change|back to)\s+(?:cau|question)\s*(\d{1,2})$"
)
_DELETE = ("xoa", "bo", "delete", "remove")
_CHANGE = ("sua", "doi", "edit", "change")
_FILLER = {"chi", "tieu", "so", "muc", "thu", "target", "number", "no"}
CONFIRM = {
    "ok",
    "oke",
    "okay",
    "dong y",
    "gui",
    "gui di",
    "nop",
    "xac nhan",
    "xac nhan va gui",
    "co",
    "yes",
    "confirm",
    "send",
    "submit",
}


def reads_as_question(text: str) -> bool:
    """'cho tôi hỏi hạn chót là ngày nào?', 'sửa được không': a question, not an answer."""
    if "?" in text:
        return True
    folded = said(text)
    if folded.startswith(_OPENERS):
        return True
    if any(c.isdigit() for c in folded):  # "trùng tu 3 ngôi chùa": a target, not a question
        return False
    return any(folded.endswith(" " + particle) for particle in _PARTICLES)


def is_back(text: str) -> bool:
    return said(text) in _BACK


def goto_question(text: str) -> int | None:
    """'sửa câu 2', 'quay lại câu 1' -> 2, 1."""
    found = _GOTO.match(said(text))
    return int(found.group(1)) if found else None


@dataclass(frozen=True)
class ListEdit:
    """'xóa 2' (new is None), 'sửa 2: Trồng 6.000 cây' (new holds the text as typed)."""

    number: int
    new: str | None = None


def commands_a_list(text: str) -> bool:
    """'xóa hết', 'sửa 1:', 'xóa 2 chỉ tiêu cuối': a list command, even one not understood
    ('Bổ sung…', 'Sửa chữa 20 km đường' are targets)."""
    tokens = [fold(t).strip(":.,") for t in text.split()]
    if len(tokens) < 2 or tokens[0] not in (*_DELETE, *_CHANGE):
        return False
    return tokens[1].isdigit() or tokens[1] in (*_FILLER, "het", "tat", "all", "cuoi", "last")


def list_edit(text: str) -> ListEdit | None:
    """A command in words at a list step: delete or change item N."""
    tokens = text.split()
    if not tokens or fold(tokens[0]) not in (*_DELETE, *_CHANGE):
        return None
    rest = tokens[1:]
    while rest and fold(rest[0]).strip(":") in _FILLER:
        rest = rest[1:]
    if not rest or (number := whole_number(rest[0].strip(":.,"))) is None or number < 1:
        return None
    rest = rest[1:]
    if fold(tokens[0]) in _DELETE:
        return ListEdit(number) if not rest else None
    if rest and rest[0].lower() in (":", "-", "=", "thành", "thanh", "là", "to"):  # not «Tổ»
        rest = rest[1:]
    new = " ".join(rest).lstrip(":- ").strip()
    return ListEdit(number, new) if new else None


_RANK = re.compile(  # a place in a ranking, not a figure: "top 3", "đứng số 1 toàn tỉnh"
    r"\b(?:top|hang)\s*\d+\b|\b(?:dung|xep|la)\s+(?:thu|hang|so)\s*\d+\b"
    r"|\bso\s*\d+\s*(?:$|toan|cua|khoi|cum|trong)"
)
_YEAR = re.compile(r"\b(19|20)[0-9]{2}\b")
_DONE = {"xong", "xong roi", "da xong", "het", "het roi", "done", "finish", "finished"}


_KEEP = {"giu", "giu so nay", "giu nguyen", "giu lai", "keep", "keep it", "keep this number"}
_KEEP |= {"dung", "dung roi", "dung vay", "chinh xac", "ok", "oke", "yes", "correct", "right"}
_AGAIN = {"sua lai", "doi lai", "nhap lai", "change it", "change"}


def keep_or_again(text: str) -> str | None:
    """'giữ số này' is «Keep it», 'sửa lại' «Change it», typed rather than pressed."""
    reply = said(text)
    return "keep" if reply in _KEEP else "again" if reply in _AGAIN else None


_CLOSE = {"dong", "dong lai", "thoat", "huy", "close", "exit", "quit", "thoi"}


def closes(text: str) -> bool:
    """'đóng', 'thoát', 'thôi': leave the menu, nothing changed."""
    return said(text) in _CLOSE


def is_done(text: str) -> bool:
    """'xong', 'xong rồi', 'done': the list or the picks are complete."""
    return said(text) in _DONE


def is_measured(value: str) -> bool:
    """A figure with something it measures: '100% hồ sơ đúng hạn', not 'số 1' or '100%'; a
    year is not a figure ('Hoàn thành xuất sắc nhiệm vụ năm 2024')."""
    value = _RANK.sub("", _YEAR.sub("", fold(value)))  # "đứng số 1", "top 3": a rank
    if not any(c.isdigit() for c in value):
        return False
    measured = [w for w in fold(value).split() if sum(c.isalpha() for c in w) >= 2]
    return len([w for w in measured if w not in _FILLER]) >= 2


def confirms(text: str) -> bool:
    return said(text) in CONFIRM
