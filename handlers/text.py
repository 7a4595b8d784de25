"""Text folding for matching what people type on phones: case, diacritics and spacing ignored."""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[a-z0-9]+")
_UNIT_PREFIX = re.compile(r"^(ubnd |uy ban nhan dan )?(tinh |huyen |thi xa |thanh pho |so |ban )?")


# the combining marks (the tones and hats NFD takes apart) of the Basic Multilingual Plane go,
# and "đ" reads as "d"; text beyond that plane is folded mark by mark
_UNMARKED: dict[int, str | None] = {
    n: None for n in range(0x10000) if unicodedata.combining(chr(n))
}
_UNMARKED |= {ord("đ"): "d", ord("Đ"): "D"}
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def fold(text: str) -> str:
    """'Tập thể Lao động  xuất sắc' -> 'tap the lao dong xuat sac'."""
    return _folded(text) if len(text) <= 200 else _fold(text)


@functools.lru_cache(maxsize=16384)  # the same phrases, names and questions, again and again
def _folded(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    bare = unicodedata.normalize("NFD", text).translate(_UNMARKED)
    if _BEYOND_BMP.search(bare):
        bare = "".join(c for c in bare if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare).strip().lower()


def bare_unit(name: str) -> str:
    """A unit's name folded, without "UBND huyện" and the like: 'UBND huyện Quế Sơn' ->
    'que son'."""
    return _UNIT_PREFIX.sub("", fold(name))


def said(text: str) -> str:
    """A short reply as said, to look up among known phrases: 'Xong rồi!' -> 'xong roi'."""
    return fold(text).strip(" .!")


def words(text: str) -> list[str]:
    """'UBND huyện, thị xã' -> ['ubnd', 'huyen', 'thi', 'xa']: folded, punctuation gone."""
    return _WORDS.findall(fold(text))


def clean(text: str) -> str:
    """What a person typed, in NFC with runs of spaces collapsed (line breaks kept)."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return unicodedata.normalize("NFC", "\n".join(line for line in lines if line))


def whole_number(text: str, *, longest: int = 18) -> int | None:
    """'12' -> 12; None for anything else: '²', '①', '٣' (which `str.isdigit` accepts), a
    sign, spaces, or more digits than a database integer holds."""
    if not text or len(text) > longest or not text.isascii() or not text.isdigit():
        return None
    return int(text)
