"""How a question is read: its language, its words, its parts, what it asks for."""

from __future__ import annotations

import pytest

from handlers import reading


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Who signs the directive?", "en"),
        ("What is Decision 658/QĐ-UBND about?", "en"),  # a document's number is not a word
        ("is our unit's pledge registered already?", "en"),
        ("cac don vi to chuc the nao", "vi"),  # "to", "the" are syllables too
        ("han chot dang ky", "vi"),
        ("Chủ đề thi đua năm 2024 là gì?", "vi"),
        ("ok", "vi"),
    ],
)
def test_the_language_is_told_from_the_question(text: str, language: str) -> None:
    assert reading.language(text) == language


def test_words_are_read_as_typed_on_phones() -> None:
    assert reading.syllables("chir thij") == ["chi", "thi"]  # telex leftovers
    assert reading.syllables("ký kí lý quý tuy") == ["ki", "ki", "li", "quy", "tuy"]
    assert reading.syllables("dk xong co sua dc k") == [
        *("dang", "ki", "xong", "co", "sua", "duoc", "khong"),
    ]
    assert reading.syllables("gìiii z") == ["gi", "vay"]
    assert reading.syllables("registered pledges", "en") == reading.syllables(
        "register pledge", "en"
    )


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("hạn chót khi nào và ai ký chỉ thị?", ["hạn chót khi nào", "ai ký chỉ thị"]),
        (
            "Chỉ thị ban hành ngày nào, chủ đề là gì?",
            ["Chỉ thị ban hành ngày nào", "chủ đề là gì"],
        ),
        ("Sở Văn hóa, Thể thao và Du lịch làm gì?", ["Sở Văn hóa, Thể thao và Du lịch làm gì?"]),
        ("What are the number and the date of the directive?", None),
        ("khi nào và ở đâu nộp", None),  # too short to be two questions
    ],
)
def test_two_questions_divide_and_one_does_not(text: str, pieces: list[str] | None) -> None:
    assert reading.parts(text) == (pieces or [text])


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Đạt Chiến sĩ thi đua thì được thưởng bao nhiêu tiền?", ["tien"]),
        ("Chủ tịch UBND tỉnh hiện nay tên là gì?", ["ten"]),
        ("Nghị quyết Đại hội Đảng là khóa mấy?", ["khoa"]),
        ("bên nào phụ trách tuyên truyền", []),  # "bên" only classifies
        ("Ai ký chỉ thị", []),
    ],
)
def test_what_a_question_asks_for(text: str, asked: list[str]) -> None:
    assert reading.focus(reading.syllables(text)) == asked


def test_places_and_years_named() -> None:
    assert reading.places("da nang giao so nao tuyen truyen") == ["Đà Nẵng"]
    assert reading.places("Hội An, Tam Kỳ") == []
    assert reading.years("chỉ thị năm 2023, nghị định 73/2023") == {2023}
