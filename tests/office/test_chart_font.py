"""The chart's font has every Vietnamese letter; a chart of them draws with no glyph missing."""

from __future__ import annotations

import io
import unicodedata
import warnings

from matplotlib.ft2font import FT2Font
from PIL import Image

from handlers.office.reports.chart import ChartWords, font_file, render, size
from handlers.office.reports.standing import Counts

VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền sắc hỏi ngã nặng
LETTERS = {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} | {"đ"}
EVERY = "".join(sorted(LETTERS | {c.upper() for c in LETTERS}))


def test_every_vietnamese_letter_is_in_the_font() -> None:
    assert len(EVERY) == 2 * (12 * 6 + 1)
    charmap = FT2Font(str(font_file())).get_charmap()
    assert [c for c in EVERY if ord(c) not in charmap] == []


def test_a_chart_of_every_letter_draws_without_a_missing_glyph() -> None:
    words = ChartWords(
        title="Tình hình đăng ký thi đua " + EVERY[:60],
        subtitle=EVERY[60:120],
        due=EVERY[120:],
        stages={"submitted": "Đã gửi", "draft": "Bản nháp", "not_started": "Chưa bắt đầu"},
        axis="Số đơn vị",
        groups=[(f"Khối {EVERY[n : n + 20]}", Counts(n, 1, 2)) for n in range(0, 140, 20)],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font"
        png = render(words)
    assert Image.open(io.BytesIO(png)).size == size(7)
