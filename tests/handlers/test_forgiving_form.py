"""The pledge form forgives: a question typed at a step is answered, «quay lại» and «sửa câu 2»
go back, any target can be removed or changed in words, and «đăng ký tiếp» resumes."""

from __future__ import annotations

from harness import Bot, linked, register_everything
from test_answers import at_question

from storage.campaigns import find_unit
from storage.invites import create_invite


async def test_a_question_typed_at_a_text_step_is_answered_not_saved(bot: Bot) -> None:
    leader = await at_question(bot, "TAMKY", 7)
    await leader.say("cho tôi hỏi hạn chót đăng ký là ngày nào?")
    assert "31/12/2026" in leader.text and "(7/9)" in leader.last[-1].text
    await leader.say("dk xong có sửa được không")  # no question mark: the particle tells it
    assert "(7/9)" in leader.last[-1].text
    pledge = await bot.pledge("TAMKY")
    assert pledge is not None and "commitment" not in pledge.fields
    await leader.say("Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm 2024")
    assert "(8/9)" in leader.text
    await leader.say("0905123456")  # a phone number is not a person's name
    assert "Nội dung này không giống họ tên" in leader.text and "(8/9)" in leader.text
    await leader.say("Nguyễn Văn Thế")  # a name, though «thế» can end a question
    assert "(9/9)" in leader.text


async def test_any_target_is_removed_or_changed_in_words_and_targets_are_measured(
    quick_bot: Bot,
) -> None:
    leader = await at_question(quick_bot, "HOIAN", 6)
    await leader.say("Trồng 5.000 cây xanh trong năm\nTổ chức 12 hội nghị chuyên đề")
    await leader.say("xóa chỉ tiêu số 1")
    assert "Đã xóa mục 1: «Trồng 5.000 cây xanh trong năm»." in leader.text
    await leader.say("sửa 1: Tổ chức 15 hội nghị chuyên đề")
    assert "Đã sửa mục 1 thành «Tổ chức 15 hội nghị chuyên đề»." in leader.text
    await leader.say("xoá 5")
    assert "Không có mục số 5: danh sách có 1 mục." in leader.text
    for unmeasured in ("số 1", "100%", "làm tốt hơn"):
        await leader.say(unmeasured)
        assert "Chỉ tiêu phải đo được" in leader.text, unmeasured
    pledge = await quick_bot.pledge("HOIAN")
    assert pledge is not None and pledge.fields["targets"] == ["Tổ chức 15 hội nghị chuyên đề"]
    await leader.say("sửa câu 6")  # the list shown again starts on its own line
    assert "Đã có:\n   1. Tổ chức 15 hội nghị chuyên đề" in leader.text
    assert " \n" not in leader.text


async def test_back_goes_to_the_question_before_and_the_form_goes_on_after_it(
    bot: Bot,
) -> None:
    leader = await linked(bot, "DAILOC")
    await leader.say("/dangky")
    assert "← Quay lại" not in str(leader.last[-1].buttons)  # none at the first question
    await leader.tap("Cờ thi đua")
    await leader.say("3")
    assert "(3/9)" in leader.text
    await leader.say("quay lại")
    assert "(2/9)" in leader.text and "Hiện tại: 3" in leader.text
    await leader.say("4")
    assert "Đã lưu: 4" in leader.text and "(3/9)" in leader.text  # on from where it was
    await leader.tap("← Quay lại")
    assert "(2/9)" in leader.text
    await leader.tap("Giữ nguyên")
    assert "(3/9)" in leader.text
    await leader.say("sửa câu 1")
    assert "(1/9)" in leader.text
    await leader.tap("Bằng khen")
    assert "(3/9)" in leader.text
    await leader.say("sửa câu 7")
    assert "Chưa đến câu 7." in leader.text and "(3/9)" in leader.text
    pledge = await bot.pledge("DAILOC")
    assert pledge is not None
    assert pledge.fields == {"title": "bang_khen", "cstd_tinh": 4}


async def test_after_cancel_register_in_words_resumes(quick_bot: Bot) -> None:
    leader = await at_question(quick_bot, "NUITHANH", 3)
    await leader.say("/huy")
    assert "Đã dừng" in leader.text
    await leader.say("đăng ký tiếp")
    assert "(3/9)" in leader.text


async def test_a_question_named_at_the_summary_is_opened_and_it_comes_back(
    quick_bot: Bot,
) -> None:
    leader = await at_question(quick_bot, "SNV", 9)
    await leader.say("0905123456")
    await leader.say("sửa câu 4")
    assert "(4/9)" in leader.text and "Hiện tại: 0" in leader.text
    await leader.say("2")
    assert "Lao động tiên tiến: 2" in leader.text and "Xác nhận và gửi" in str(
        leader.last[-1].buttons
    )
    await leader.say("hạn chót là khi nào?")
    assert "31/12/2026" in leader.text
    assert leader.last[-1].text.startswith("Để gửi bản đăng ký")


async def test_an_implausible_count_is_kept_or_changed_after_a_warning(quick_bot: Bot) -> None:
    leader = await at_question(quick_bot, "QUESON", 3)
    await leader.say("5.000 người")  # «người» after the number is fine
    await leader.say("45")
    assert "Đã lưu: 45" in leader.text
    assert (
        "Số 5.000 ở mục “Chiến sĩ thi đua cơ sở” lớn hơn số 45 ở mục “Lao động tiên tiến”"
        in leader.text
    )
    await leader.tap("Sửa lại")
    assert "(4/9)" in leader.text and "Hiện tại: 45" in leader.text
    await leader.say("6.000")
    assert "(5/9)" in leader.text  # plausible now: on to the next question
    await leader.say("quay lại")
    await leader.say("30")
    await leader.say("sửa lại")  # the button's words, typed
    assert "(4/9)" in leader.text and "Hiện tại: 30" in leader.text
    await leader.say("40")
    await leader.say("giữ số này")  # kept as typed: a warning, never a refusal
    assert "(5/9)" in leader.text
    pledge = await quick_bot.pledge("QUESON")
    assert pledge is not None and pledge.fields["ld_tien_tien"] == 40
    await leader.say("/huy")
    await leader.say("mười hai")
    assert "Đã lưu" not in leader.text


async def test_a_code_inside_a_sentence_links_and_a_used_own_code_says_so(quick_bot: Bot) -> None:
    async with quick_bot.app.db.transaction() as db:
        unit = await find_unit(db, quick_bot.app.campaign.id, "PHUNINH")
        assert unit is not None
        now = quick_bot.clock.now()
        await create_invite(
            db,
            "PK3QA7BW",
            unit_id=unit.id,
            role="leader",
            at=now,
            expires_at=now.replace(year=2027),
        )
    person, code = quick_bot.person(), "PK3Q-A7BW"
    await person.say("chào anh, mã của tôi là pk3q a7bw nhé")
    assert "Liên kết thành công! Tài khoản này đại diện cho UBND huyện Phú Ninh" in person.text
    await person.say(code)
    assert person.text == "Tài khoản này đã được liên kết với UBND huyện Phú Ninh bằng mã đó rồi."


async def test_a_phone_with_its_label_is_read_and_linking_says_where_the_pledge_stands(
    quick_bot: Bot,
) -> None:
    leader = await at_question(quick_bot, "DIENBAN", 9)
    await leader.say("sđt 0905.123.456")
    pledge = await quick_bot.pledge("DIENBAN")
    assert pledge is not None and pledge.fields["contact_phone"] == "0905123456"
    await leader.say("đồng ý")
    await leader.say("đồng ý")
    assert "đã được gửi lúc" in leader.text
    deputy = await linked(quick_bot, "DIENBAN")  # a second leader of a unit that submitted
    assert "Đơn vị đã gửi bản đăng ký lúc 09:00 ngày 20/11/2026" in deputy.text
    assert [label for label, _ in deputy.last[0].buttons] == ["Xem bản đăng ký"]
    await deputy.tap("Xem bản đăng ký")
    assert "Trạng thái: đã gửi lúc" in deputy.text


async def test_what_is_typed_after_an_edit_is_not_swallowed_by_the_summary(bot: Bot) -> None:
    leader = await linked(bot, "THANGBINH")
    await register_everything(leader)
    await leader.say("/xem")
    await leader.tap("Sửa một mục")
    await leader.say("đóng")  # at the menu: closes, nothing opened
    assert leader.text == "Đã xong. Gửi /xem để xem bản đăng ký bất cứ lúc nào."
    await leader.say("/xem")
    await leader.tap("Sửa một mục")
    await leader.say("chi tieu trong tam")
    await leader.say("xóa 2 chỉ tiêu cuối")  # a command not understood: never a target
    assert "Chưa lưu gì: gõ «xóa 2»" in leader.text
    await leader.say("phấn đấu đứng số 1 toàn tỉnh")  # a rank, not a figure
    assert "Chỉ tiêu phải đo được" in leader.text
    await leader.tap("Xong")  # the summary of a submitted pledge, left open
    await leader.say("han chot dk la bh")
    assert "17:00 ngày 31/12/2026" in leader.text
    await leader.say(await bot.invite("THANGBINH"))  # a code is read as a code
    assert "đã được liên kết" in leader.text or "Liên kết thành công" in leader.text
    pledge = await bot.pledge("THANGBINH")
    assert pledge is not None and len(pledge.fields["targets"]) == 2


async def test_a_yes_keeps_a_warned_count_and_a_question_at_a_count_is_answered(
    quick_bot: Bot,
) -> None:
    leader = await at_question(quick_bot, "NAMTRAMY", 3)
    await leader.say("ai ký chỉ thị")  # no question mark: a count is asked, this is a question
    assert "01/CT-UBND" in leader.text and "(3/9)" in leader.text
    await leader.say("9")
    await leader.say("5")  # fewer workers than grassroots fighters: a warning
    await leader.say("đúng rồi")
    assert "(5/9)" in leader.text
    pledge = await quick_bot.pledge("NAMTRAMY")
    assert pledge is not None and pledge.fields["ld_tien_tien"] == 5
