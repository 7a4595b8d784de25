"""Questions typed by voice: numbers and dates said in words are read as figures, and the
words that only sound like numbers are left as they are."""

from __future__ import annotations

import pytest
from harness import Bot
from hypothesis import given
from hypothesis import strategies as st
from test_qa import leader_with_a_draft

from handlers import reading
from handlers.spoken import numbers


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("chỉ thị số một năm hai nghìn không trăm hai mươi bốn", "chỉ thị số 1 năm 2024"),
        ("chủ đề năm hai không hai bốn là gì", "chủ đề năm 2024 là gì"),
        ("quyết định sáu trăm năm mươi tám", "quyết định 658"),
        ("nghị định bảy mươi ba", "nghị định 73"),
        ("hạn là ba mốt tháng mười hai phải không", "hạn là 31/12 phải không"),
        ("ngày mười lăm tháng sáu năm hai nghìn không trăm hai mươi bảy", "ngày 15/6/2027"),
        ("chỉ thị số không một", "chỉ thị số 01"),
        ("một trăm linh năm", "105"),
        (
            "giai đoạn hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm ba mươi",
            "giai đoạn 2026 đến 2030",
        ),
        ("who signed directive zero one of twenty twenty four", "who signed directive 01 of 2024"),
        ("is decree seventy-three from twenty twenty three", "is decree 73 from 2023"),
        ("what is directive number one about", "what is directive number 1 about"),
        # a year said in full reads as one without marks too
        ("chu de nam hai nghin khong tram hai muoi tu", "chu de nam 2024"),
        ("chi thi nam hai ngan khong tram hai muoi lam so may", "chi thi nam 2025 so may"),
        ("nam hai nghin le chin", "nam 2009"),
        ("Nam Hai Nghin Muoi Ba", "Nam 2013"),
    ],
)
def test_numbers_said_in_words_are_read_as_figures(said: str, read: str) -> None:
    assert numbers(said) == read


@pytest.mark.parametrize(
    "said",
    [
        "ngày tháng năm nào ban hành",  # a date asked for, not May
        "một số đơn vị chưa nộp có được không",  # "some", and the question's "không"
        "hai năm nữa thì sao",  # two years
        "sơ kết sáu tháng nộp khi nào",
        "tư nhân có phải đăng ký không",
        "năm nay hạn là ngày 31/12/2026 không",
        "chi thi so mot nam hai nghin",  # without marks: "sau", "nam", "tam" are other words
        "no one knows which one",
    ],
)
def test_words_that_only_sound_like_numbers_are_kept(said: str) -> None:
    assert numbers(said) == said


NUMBER_WORDS = [
    "một",
    "hai",
    "ba",
    "bốn",
    "tư",
    "năm",
    "lăm",
    "mốt",
    "không",
    "mười",
    "mươi",
    "trăm",
    "nghìn",
    "linh",
    "số",
    "tháng",
    "ngày",
    "twenty",
    "oh",
    "zero",
    "one",
    "hundred",
    "thousand",
    "number",
    "-",
    "/",
    "12",
    "?",
    "đơn vị",
]


@given(st.lists(st.sampled_from(NUMBER_WORDS), max_size=12), st.sampled_from([" ", "-", ""]))
def test_any_run_of_number_words_is_read_without_failing(words: list[str], between: str) -> None:
    read = numbers(between.join(words))
    assert isinstance(read, str)


async def test_a_voice_typed_question_is_answered_from_the_directive(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say(
        "à cho tôi hỏi cái chỉ thị số một năm hai nghìn không trăm hai mươi bốn ấy là ai ký vậy"
    )
    assert "Chủ tịch" in leader.text and "Nguồn:" in leader.text
    await leader.say("quyết định sáu trăm năm mươi tám là về cái kế hoạch gì vậy")
    assert "nhân rộng mô hình, điển hình tiên tiến" in leader.text
    await leader.say(
        "nếu qua ngày ba mốt tháng mười hai rồi thì bản đăng ký còn sửa được nữa không"
    )
    assert "Sau hạn đăng ký, bản đăng ký bị khóa" in leader.text
    await leader.say("um who signed directive zero one of twenty twenty four")
    assert "Chairman" in leader.text and "Source:" in leader.text


async def test_another_year_said_in_words_is_another_years(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("hạn nộp báo cáo tổng kết thi đua năm hai không hai ba là ngày nào")
    assert "15/11/2027" not in leader.text and "Nguồn:" not in leader.text


def test_a_document_typed_with_its_number_glued_is_spelt_out() -> None:
    assert reading.syllables("ct01 nđ73 qđ658") == [
        "chi", "thi", "01", "nghi", "dinh", "73", "quyet", "dinh", "658",
    ]  # fmt: skip
