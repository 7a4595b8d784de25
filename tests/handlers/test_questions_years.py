"""Another year's directive, movement or deadline: years in words, a deadline's own year, a
movement's year the directive also cites, and a month of a deadline's year, which is a time."""

from __future__ import annotations

from harness import Bot
from test_qa import leader_with_a_draft
from test_questions_inbox import says_nothing_sure


async def test_another_year_in_words_is_not_this_directives(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    other = "Câu hỏi của anh/chị có vẻ nói về {when}, nội dung này tôi không có."
    for asked, when in (
        ("Năm ngoái hạn đăng ký giao ước là ngày nào?", "năm ngoái"),
        ("dk thi dua nam toi han chot la bao gio", "năm tới"),  # typed bare
        ("Kỳ trước hạn nộp báo cáo tổng kết là hôm nào?", "kỳ trước"),
    ):
        await leader.say(asked)
        assert other.format(when=when) in leader.text, asked
    await leader.say("What was the registration deadline last year?")
    assert "last year" in leader.text and "Source:" not in leader.text
    # a report due before a day, years to come, a word that only folds alike: this directive's
    await leader.say("Báo cáo tổng kết năm trước ngày nào phải nộp?")
    assert "15/11/2027" in leader.text
    await leader.say("Chỉ thị giao kế hoạch cho năm 2024 và những năm sau, đúng không?")
    assert "Nguồn:" in leader.text
    await leader.say("Hạn đăng ký chốt mấy giờ, để em nhắc anh Chủ tịch ký trước giờ đó?")
    assert "17:00" in leader.text  # "ký trước", not "kỳ trước"


async def test_the_directives_year_asked_of_anything_else(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await says_nothing_sure(
        leader,
        "Năm 2024 có bao nhiêu ngày?",  # a count of days the answer never gives
        "Năm 2024 là năm con gì?",
        "Tăng trưởng kinh tế Quảng Nam 2024 là bao nhiêu?",
        "Đại hội XXII của Đảng bộ tỉnh bầu ai làm bí thư?",
        "Ai được Cờ thi đua năm 2024?",
        "What happened in Quang Nam in 2024?",
    )
    await leader.say("Kế hoạch điển hình tiên tiến ban hành theo quyết định số mấy, ngày nào?")
    assert "658/QĐ-UBND" in leader.text and "03/4/2023" in leader.text  # "ngày nào": which
    await leader.say("Còn bao nhiêu ngày nữa hết hạn đăng ký?")
    assert "còn 41 ngày" in leader.text


async def test_a_deadlines_year_is_its_own(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    other = "Câu hỏi của anh/chị có vẻ nói về năm {year}, nội dung này tôi không có."
    for asked, year in (
        ("Hạn đăng ký thi đua năm 2027 là khi nào?", 2027),  # registration closes in 2026
        ("Báo cáo sơ kết năm 2026 hạn bao giờ?", 2026),  # the mid-year report is 2027's
    ):
        await leader.say(asked)
        assert other.format(year=year) in leader.text, asked
    await leader.say("Hạn đăng ký thi đua năm 2026 là khi nào?")
    assert "31/12/2026" in leader.text and "Nguồn:" in leader.text
    await leader.say("Báo cáo tổng kết năm 2027 hạn khi nào?")
    assert "15/11/2027" in leader.text and "Nguồn:" in leader.text


async def test_a_movements_year_is_named_even_when_the_directive_cites_it(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    english = "seems to be about the year 2023, which I do not cover"
    for asked, told in (
        ("Did the 2023 movement cite the same decrees as this year, or different ones?", english),
        (
            "Which decree did Quang Nam's 2023 emulation directive cite on protecting officials?",
            english,
        ),
        (
            "Chỉ thị phát động thi đua năm 2023 của UBND tỉnh ký ngày nào để ghi vào phần căn cứ?",
            "Câu hỏi của anh/chị có vẻ nói về năm 2023, nội dung này tôi không có.",
        ),
    ):
        await leader.say(asked)
        assert told in leader.text, asked


async def test_a_month_of_a_deadlines_year_is_a_time_not_another_year(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Nếu sang tháng 1/2027 mới thấy giao ước sai thì còn tự sửa được không?")
    assert "có vẻ nói về năm 2027" not in leader.text
    await leader.say("Chỉ thị thi đua tháng 3/2025 nói gì?")
    assert "có vẻ nói về năm 2025" in leader.text
    await says_nothing_sure(leader, "phu cap thi dua bao nhieu", "Bạn có phải người thật không?")


async def test_next_year_said_with_a_deadlines_own_year_is_that_deadlines(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Sang năm 2027 thì báo cáo sơ kết 6 tháng phải nộp vào ngày nào?")
    assert "15/06/2027" in leader.text
    await leader.say("Sang năm chủ đề thi đua là gì?")  # "next year" in words alone
    assert "có vẻ nói về" in leader.text and "Nguồn:" not in leader.text
