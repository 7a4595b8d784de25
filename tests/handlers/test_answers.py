"""Every wrong answer gets a clear re-ask, and nothing already typed is lost."""

from __future__ import annotations

import pytest
from harness import Bot, Chat


async def at_question(bot: Bot, unit: str, number: int) -> Chat:
    """A linked leader (talking straight to the dispatcher) who has reached question `number`."""
    leader = bot.person(direct=True)
    await leader.say(await bot.invite(unit))
    await leader.say("/dangky")
    answers = ["1", "0", "0", "0"]
    for answer in answers[: number - 1]:
        await leader.say(answer)
    if number > 5:
        await leader.say("1")
        await leader.tap("Xong")
    if number > 6:
        await leader.say("Giải quyết 100% hồ sơ đúng hạn")
        await leader.tap("Xong")
    if number > 7:
        await leader.say("Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ")
    if number > 8:
        await leader.say("Trần Thị Bình")
    assert f"({number}/9)" in leader.text, leader.text
    return leader


async def test_a_title_can_be_pressed_typed_by_number_or_by_name_without_diacritics(
    quick_bot: Bot,
) -> None:
    leader = await at_question(quick_bot, "SYT", 1)
    await leader.say("giấy khen")
    assert "Vui lòng chọn một trong các phương án dưới đây." in leader.text
    assert "(1/9)" in leader.text and len(leader.last[0].buttons) == 4
    await leader.say("tap the lao dong tien tien")
    assert "Đã lưu: Tập thể lao động tiên tiến" in leader.text
    pledge = await quick_bot.pledge("SYT")
    assert pledge is not None and pledge.fields["title"] == "tt_tien_tien"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("mười", "Vui lòng nhập một số nguyên, ví dụ 0, 5 hoặc 12."),
        ("-3", "Số lượng không được âm. Vui lòng nhập từ 0 trở lên."),
        ("2,5", "Vui lòng nhập số nguyên, không có phần thập phân."),
        ("1500", "1.500 vượt quá mức tối đa 1.000 cho mục này."),
    ],
)
async def test_a_wrong_count_is_asked_again_and_nothing_is_saved(
    quick_bot: Bot, typed: str, problem: str
) -> None:
    leader = await at_question(quick_bot, "SXD", 2)
    await leader.say(typed)
    assert problem in leader.text and "(2/9)" in leader.text
    pledge = await quick_bot.pledge("SXD")
    assert pledge is not None and "cstd_tinh" not in pledge.fields
    assert pledge.fields["title"] == "co_ubnd"  # the earlier answer is still there


@pytest.mark.parametrize(("typed", "saved"), [("không", 0), ("12", 12), ("1 000", 1000)])
async def test_counts_accept_words_and_grouped_digits(
    quick_bot: Bot, typed: str, saved: int
) -> None:
    leader = await at_question(quick_bot, "SCT", 2)
    await leader.say(typed)
    assert "(3/9)" in leader.text
    pledge = await quick_bot.pledge("SCT")
    assert pledge is not None and pledge.fields["cstd_tinh"] == saved


async def test_movements_need_at_least_one_and_numbers_toggle_them(quick_bot: Bot) -> None:
    leader = await at_question(quick_bot, "STC", 5)
    await leader.tap("Xong")
    assert "Vui lòng chọn ít nhất một mục." in leader.text
    await leader.say("2, 4")
    await leader.say("4")
    assert "Đã có: Xây dựng và nhân rộng mô hình, điển hình tiên tiến" in leader.text
    assert "Chung sức xây dựng nông thôn mới" not in leader.text.split("Đã có:")[1]
    await leader.tap("Xong")
    assert leader.text.startswith("Đã lưu: Xây dựng và nhân rộng mô hình, điển hình tiên tiến")
    pledge = await quick_bot.pledge("STC")
    assert pledge is not None and pledge.fields["movements"] == ["dien_hinh"]


async def test_targets_must_be_measurable_and_the_good_ones_of_a_batch_are_kept(
    quick_bot: Bot,
) -> None:
    leader = await at_question(quick_bot, "STP", 6)
    await leader.say("Giải quyết 100% hồ sơ đúng hạn")
    await leader.say("/huy")  # leave and come back: the target typed before is still there
    await leader.say("/dangky")
    await leader.say(
        "Làm tốt công tác tuyên truyền\nTổ chức 12 hội nghị phổ biến pháp luật\n5 cây"
    )
    text = leader.text
    assert "«Làm tốt công tác tuyên truyền»: Chỉ tiêu phải đo được" in text
    assert "«5 cây»: Nội dung quá ngắn: vui lòng nhập ít nhất 10 ký tự." in text
    assert "1. Giải quyết 100% hồ sơ đúng hạn" in text
    assert "2. Tổ chức 12 hội nghị phổ biến pháp luật" in text
    await leader.tap("Xóa mục vừa nhập")
    assert "2. Tổ chức" not in leader.text
    pledge = await quick_bot.pledge("STP")
    assert pledge is not None and pledge.fields["targets"] == ["Giải quyết 100% hồ sơ đúng hạn"]


async def test_no_more_than_ten_targets(quick_bot: Bot) -> None:
    leader = await at_question(quick_bot, "SKHCN", 6)
    await leader.say("\n".join(f"Hoàn thành đề tài số {n} đúng hạn" for n in range(1, 12)))
    assert "Chỉ được nhập tối đa 10 mục; «Hoàn thành đề tài số 11 đúng hạn» chưa được thêm." in (
        leader.text
    )
    pledge = await quick_bot.pledge("SKHCN")
    assert pledge is not None and len(pledge.fields["targets"]) == 10


async def test_a_too_long_commitment_is_given_back_to_be_shortened(quick_bot: Bot) -> None:
    leader = await at_question(quick_bot, "SGTVT", 7)
    long_text = "Cam kết " + "hoàn thành nhiệm vụ được giao, " * 40
    await leader.say(long_text)
    assert "Nội dung quá dài (1.247 ký tự; tối đa 1.000) nên chưa được lưu." in leader.text
    assert long_text.strip() in leader.text
    assert "(7/9)" in leader.text


@pytest.mark.parametrize("typed", ["12345", "0123 456 789", "số máy bàn", "090512345678"])
async def test_a_phone_that_is_not_vietnamese_is_asked_again(quick_bot: Bot, typed: str) -> None:
    leader = await at_question(quick_bot, "SNGV", 9)
    await leader.say(typed)
    assert "Số điện thoại chưa hợp lệ." in leader.text and "(9/9)" in leader.text


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("0905.123.456", "0905123456"),
        ("84 935 111 222", "0935111222"),
        ("0235 3812 345", "02353812345"),
    ],
)
async def test_phones_are_kept_in_one_form(quick_bot: Bot, typed: str, saved: str) -> None:
    leader = await at_question(quick_bot, "SYT", 9)
    await leader.say(typed)
    assert "Xác nhận và gửi" in leader.last[0].buttons[0][0]
    pledge = await quick_bot.pledge("SYT")
    assert pledge is not None and pledge.fields["contact_phone"] == saved


async def test_a_name_too_short_is_asked_again(quick_bot: Bot) -> None:
    leader = await at_question(quick_bot, "BDT", 8)
    await leader.say("A")
    assert "Nội dung quá ngắn: vui lòng nhập ít nhất 2 ký tự." in leader.text
    assert "(8/9)" in leader.text


async def test_free_text_at_the_summary_is_understood_not_a_wall_of_text(quick_bot: Bot) -> None:
    leader = await at_question(quick_bot, "TTT", 9)
    await leader.say("0905123456")
    await leader.say("abc xyz")  # one line with the two buttons, not the whole pledge again
    assert leader.text == (
        "Để gửi bản đăng ký, bấm «Xác nhận và gửi»; muốn sửa, bấm «Sửa một mục»."
    )
    assert [label for label, _ in leader.last[0].buttons] == [
        "✅ Xác nhận và gửi",
        "✏️ Sửa một mục",
    ]
    await leader.say("ok")  # means confirm: asked once to be sure
    assert leader.text == "Gửi bản đăng ký tới cơ quan thường trực thi đua ngay bây giờ?"
    pledge = await quick_bot.pledge("TTT")
    assert pledge is not None and pledge.status == "draft"
    await leader.say("đồng ý")
    assert "đã được gửi lúc" in leader.text


async def test_the_buttons_words_typed_at_the_summary_press_it(quick_bot: Bot) -> None:
    leader = await at_question(quick_bot, "TTT", 9)
    await leader.say("0905123456")
    await leader.say("xac nhan va gui")  # the button's words typed count as pressing it
    assert "đã được gửi lúc" in leader.text
