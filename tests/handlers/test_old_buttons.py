"""A button on an older message belongs to its own question: pressed later, it changes that
answer (saying so) or says it has expired, and never answers the question open now."""

from __future__ import annotations

from harness import Bot, linked


async def test_an_old_count_button_changes_its_own_question_not_the_open_one(bot: Bot) -> None:
    leader = await linked(bot, "TAMKY")
    await leader.say("/dangky")
    await leader.tap("Cờ thi đua")
    question_two = leader.last
    await leader.say("3")  # question 2 answered; question 3 is open
    assert "(3/9)" in leader.text
    leader.last = question_two
    await leader.tap("0")  # the «0» of question 2, pressed on its old message
    assert "Đã sửa câu 2 (Chiến sĩ thi đua cấp tỉnh): 3 → 0." in leader.text
    assert "(3/9)" in leader.text  # question 3 is still the one open
    pledge = await bot.pledge("TAMKY")
    assert pledge is not None and pledge.fields["cstd_tinh"] == 0
    assert "cstd_co_so" not in pledge.fields  # question 3 got nothing
    leader.last = question_two
    await leader.tap("0")
    assert "Câu 2 đã có câu trả lời này: 0." in leader.text


async def test_an_old_done_button_has_expired(quick_bot: Bot) -> None:
    leader = await linked(quick_bot, "HOIAN")
    await leader.say("/dangky")
    await leader.tap("Cờ thi đua")
    for count in ("3", "25", "1.200"):
        await leader.say(count)
    await leader.tap("Kiện toàn")
    movements = leader.last
    await leader.tap("Xong")
    await leader.say("Giải quyết 100% hồ sơ đúng hạn")  # the first target: the list stays open
    leader.last = movements
    await leader.tap("Xong")  # the movements' «Xong» does not close the targets
    assert "Nút này thuộc một câu hỏi trước và không còn dùng được" in leader.text
    assert "(6/9)" in leader.text
    pledge = await quick_bot.pledge("HOIAN")
    assert pledge is not None and pledge.fields["targets"] == ["Giải quyết 100% hồ sơ đúng hạn"]


async def test_an_old_choice_pressed_at_the_summary_changes_it_there(quick_bot: Bot) -> None:
    leader = await linked(quick_bot, "DAILOC")
    await leader.say("/dangky")
    first = leader.last
    await leader.tap("Cờ thi đua")
    for answer in ("3", "25", "1.200"):
        await leader.say(answer)
    await leader.tap("Kiện toàn")
    await leader.tap("Xong")
    await leader.say("Trồng 5.000 cây xanh trong năm")
    await leader.tap("Xong")
    await leader.say("Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ năm 2024")
    await leader.say("Nguyễn Văn An")
    await leader.say("0905 123 456")
    assert "đã trả lời 9/9 câu" in leader.text
    leader.last = first
    await leader.tap("Bằng khen")
    assert (
        "Đã sửa câu 1 (Danh hiệu tập thể đăng ký): Cờ thi đua của UBND tỉnh → Bằng khen của "
        "Chủ tịch UBND tỉnh." in leader.text
    )
    assert "Danh hiệu tập thể đăng ký: Bằng khen của Chủ tịch UBND tỉnh" in leader.text


async def test_an_old_count_button_warns_as_a_typed_count_does(quick_bot: Bot) -> None:
    leader = await linked(quick_bot, "NUITHANH")
    await leader.say("/dangky")
    await leader.tap("Cờ thi đua")
    await leader.say("0")
    await leader.say("4")
    workers = leader.last  # question 4, Lao động tiên tiến
    await leader.say("30")
    await leader.tap("Kiện toàn")
    await leader.tap("Xong")
    leader.last = workers
    await leader.tap("0")  # its old «0»: fewer workers than grassroots fighters
    assert "Đã sửa câu 4 (Lao động tiên tiến): 30 → 0." in leader.text
    assert "lớn hơn số 0" in leader.text and "«sửa câu 4»" in leader.text
