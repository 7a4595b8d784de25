"""A question the bot cannot answer, end to end over the web API: asker -> office -> asker,
then the office's answer becomes an FAQ entry that answers the next person."""

from __future__ import annotations

from harness import Bot, linked

QUESTION = "Kinh phí tổ chức hội nghị sơ kết lấy từ nguồn nào?"
ANSWER = "Kinh phí sơ kết lấy từ nguồn chi thường xuyên của đơn vị."


async def test_the_office_answers_and_the_answer_joins_the_faq(bot: Bot) -> None:
    asker, office = bot.person(), bot.admin()
    await asker.say(await bot.invite("DAILOC"))
    await asker.say(QUESTION)
    assert "Tôi chưa chắc có thể trả lời" in asker.text
    await asker.tap("Hỏi cơ quan thường trực")
    assert "đã được chuyển tới cơ quan thường trực thi đua" in asker.text

    await office.say("/cauhoi")
    assert "1 câu hỏi đang chờ trả lời:" in office.text and QUESTION in office.text
    await office.inbox()
    assert f"Câu hỏi #1 của UBND huyện Đại Lộc:\n«{QUESTION}»" in office.text
    await office.tap("Trả lời")
    assert "Nhập câu trả lời cho câu hỏi #1" in office.text
    await office.say(ANSWER)
    assert "Đã gửi tới người hỏi." in office.text

    await asker.inbox()
    assert asker.text == (
        f"Cơ quan thường trực thi đua trả lời câu hỏi «{QUESTION}» của anh/chị:\n{ANSWER}"
    )
    assert await asker.inbox() == []  # taken once

    await office.tap("Thêm vào hỏi đáp")
    assert "Đã thêm vào hỏi đáp" in office.text
    await office.say("/cauhoi")
    assert "Không có câu hỏi nào đang chờ trả lời." in office.text

    next_person = bot.person()
    await next_person.say("kinh phi hoi nghi so ket lay tu nguon nao")
    assert ANSWER in next_person.text
    assert "Nguồn: trả lời của cơ quan thường trực thi đua" in next_person.text


async def test_a_leader_cannot_answer_for_the_office(quick_bot: Bot) -> None:
    leader = quick_bot.person(direct=True)
    await leader.say(await quick_bot.invite("SYT"))
    await leader.press("qa:reply:1")
    assert "chỉ cơ quan thường trực thi đua mới trả lời" in leader.text
    await leader.say("/cauhoi")
    assert "chỉ dành cho cơ quan thường trực thi đua" in leader.text


async def test_questions_forwarded_are_limited_per_hour_and_none_is_lost(quick_bot: Bot) -> None:
    office = quick_bot.admin()
    await office.say("/trogiup")  # the office's account exists
    leader = await linked(quick_bot, "TAMKY")
    topics = ["hội trường", "xe đưa đón", "ăn trưa", "chỗ đỗ xe", "máy chiếu", "phông nền"]
    for n, topic in enumerate(topics, start=1):
        await leader.say(f"Ai lo {topic} cho hội nghị sơ kết?")
        await leader.tap("Hỏi cơ quan thường trực")
        if n < 6:
            assert "đã được chuyển tới cơ quan thường trực" in leader.text
        quick_bot.clock.advance(minutes=5)
    assert leader.text.startswith(
        "Trong một giờ qua anh/chị đã chuyển 5 câu hỏi tới cơ quan thường trực thi đua"
    )
    assert "bấm lại nút sau 10:00 ngày 20/11/2026" in leader.text  # the first, an hour on
    asked = [s.text for s in await office.inbox() if "Câu hỏi #" in s.text]
    assert len(asked) == 5 and "phông nền" not in "".join(asked)
    quick_bot.clock.advance(minutes=31)  # the first one is an hour old now
    await leader.tap("Hỏi cơ quan thường trực")
    assert "đã được chuyển tới cơ quan thường trực" in leader.text
    assert any("phông nền" in s.text for s in await office.inbox())


async def test_counts_in_english_agree_with_their_number(quick_bot: Bot) -> None:
    office = quick_bot.admin("english-office")
    await office.say("/ngonngu en")
    leader = await linked(quick_bot, "HOIAN")
    await leader.say("Ai lo hội trường cho hội nghị sơ kết?")
    await leader.tap("Hỏi cơ quan thường trực")
    await office.say("/questions")
    assert office.text.startswith("1 question waits for an answer:")


async def test_an_answer_added_on_one_instance_answers_on_another(bot: Bot) -> None:
    other = Bot(bot.settings, bot.clock)  # a second instance on the same database
    await other.start()
    try:
        asker, office = other.person(), bot.admin()
        await asker.say(await bot.invite("DAILOC"))
        await asker.say(QUESTION)  # the other instance has its knowledge base built now
        assert "Tôi chưa chắc có thể trả lời" in asker.text
        await asker.tap("Hỏi cơ quan thường trực")
        await office.inbox()
        await office.tap("Trả lời")
        await office.say(ANSWER)
        await office.tap("Thêm vào hỏi đáp")
        assert "Đã thêm vào hỏi đáp" in office.text

        await asker.say("kinh phi hoi nghi so ket lay tu nguon nao")  # looked up seconds ago
        assert "Tôi chưa chắc có thể trả lời" in asker.text
        bot.clock.advance(seconds=6)  # the other instance looks for added answers again
        await asker.say("kinh phi hoi nghi so ket lay tu nguon nao")
        assert ANSWER in asker.text
    finally:
        await other.stop()
