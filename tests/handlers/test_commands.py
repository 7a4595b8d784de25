"""Commands at any moment, mid-flow too: help, language, cancel, unknown commands, roles."""

from __future__ import annotations

from harness import Bot, Chat


async def leader_at_question_two(bot: Bot, *, locale: str = "vi") -> Chat:
    leader = bot.person(direct=True, locale=locale)
    await leader.say(await bot.invite("NUITHANH"))
    await leader.say("/register")
    await leader.tap("Cờ thi đua" if locale == "vi" else "Emulation Flag")
    return leader


async def test_help_in_the_middle_of_a_flow_answers_and_asks_the_question_again(
    quick_bot: Bot,
) -> None:
    leader = await leader_at_question_two(quick_bot)
    await leader.say("/trogiup")
    assert "/dangky /register — đăng ký hoặc tiếp tục đăng ký thi đua" in leader.text
    assert "/unlock" not in leader.text  # a leader is not shown the admin commands
    assert leader.last[-1].text.startswith("(2/9)")
    await leader.say("7")
    assert "Đã lưu: 7" in leader.text


async def test_admins_see_their_commands_and_leaders_are_refused_them(quick_bot: Bot) -> None:
    admin = quick_bot.admin(direct=True)
    await admin.say("/help")
    assert (
        "/mokhoa /unlock MÃ_ĐƠN_VỊ [ĐỢT_BÁO_CÁO] [SỐ_NGÀY]" in admin.text
        and "/donvi /units" in admin.text
    )
    await admin.say("/donvi")
    assert "54 đơn vị:" in admin.text and "TAMKY — UBND thành phố Tam Kỳ" in admin.text
    await admin.say("/mokhoa KHONGCO")
    assert "Không tìm thấy khối, cụm hay đơn vị nào có tên “KHONGCO”" in admin.text
    await admin.say("/mokhoa TAMKY 400")
    assert "Số ngày phải là số nguyên từ 1 đến 90." in admin.text
    leader = await leader_at_question_two(quick_bot)
    await leader.say("/mokhoa TAMKY")
    assert "chỉ dành cho cơ quan thường trực thi đua" in leader.text
    assert leader.last[-1].text.startswith("(2/9)")


async def test_switching_language_mid_flow_asks_again_in_the_new_language(quick_bot: Bot) -> None:
    leader = await leader_at_question_two(quick_bot)
    await leader.say("/ngonngu")
    await leader.tap("English")
    assert "From now on I will write in English." in leader.text
    assert "(2/9) How many individuals does your unit register" in leader.text
    await leader.say("-1")
    assert "The number cannot be negative. Please type 0 or more." in leader.text
    await leader.say("/language vi")
    assert "Từ giờ tôi sẽ trả lời bằng tiếng Việt." in leader.text


async def test_english_speakers_get_english_dates_and_numbers(quick_bot: Bot) -> None:
    leader = await leader_at_question_two(quick_bot, locale="en-US")
    assert "Saved: Emulation Flag of the Provincial People's Committee" in leader.text
    await leader.say("1200")
    assert "1,200 is more than the 1,000 this field allows." in leader.text
    await leader.say("/cancel")
    await leader.say("/register")
    assert "Registration closes at 5:00\u202fPM, 31 December 2026 (41 days left)." in leader.text


async def test_cancel_keeps_the_draft_and_register_resumes_it(quick_bot: Bot) -> None:
    leader = await leader_at_question_two(quick_bot)
    await leader.say("/huy")
    assert leader.text == "Đã dừng. Các câu trả lời vẫn được giữ nguyên; gửi /dangky để tiếp tục."
    await leader.say("5")  # outside a flow a number is not an answer
    assert "tôi chưa hiểu" in leader.text
    await leader.say("/huy")
    assert leader.text == "Không có thao tác nào đang thực hiện để hủy."
    await leader.say("/xem")
    assert "Trạng thái: bản nháp, đã trả lời 1/9 câu, chưa nộp." in leader.text
    await leader.tap("Tiếp tục đăng ký")
    assert "tiếp tục từ chỗ đang dừng" in leader.text and "(2/9)" in leader.text


async def test_an_unknown_command_is_named_and_the_question_asked_again(quick_bot: Bot) -> None:
    leader = await leader_at_question_two(quick_bot)
    await leader.say("/thongke")
    assert "Tôi không có lệnh /thongke." in leader.text
    assert leader.last[-1].text.startswith("(2/9)")


async def test_an_old_button_outside_any_flow_says_it_has_expired(quick_bot: Bot) -> None:
    person = quick_bot.person(direct=True)
    await person.press("opt:co_ubnd")
    assert "Nút này không còn hiệu lực." in person.text


async def test_start_without_a_code_tells_a_linked_leader_the_next_step(quick_bot: Bot) -> None:
    leader = await leader_at_question_two(quick_bot)
    await leader.say("/huy")
    await leader.say("/start")
    assert "Tài khoản này đại diện cho UBND huyện Núi Thành với vai trò lãnh đạo đơn vị" in (
        leader.text
    )
    assert [label for label, _ in leader.last[0].buttons] == [
        "Đăng ký thi đua",
        "Xem bản đăng ký",
        "Trợ giúp",
    ]
