"""Questions as leaders type them: abbreviations, English in a Vietnamese chat, two questions in
one, another province's or year's directive, and answers short enough for a phone."""

from __future__ import annotations

from harness import Bot
from test_qa import leader_with_a_draft

from handlers import reading


async def test_abbreviations_read_as_the_words_they_stand_for(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("dk xong co sua dc k")
    assert "Nguồn: hướng dẫn sử dụng Thi đua bot" in leader.text and "/xem" in leader.text
    await leader.say("han chot dk la bh vậyyy")
    assert "17:00 ngày 31/12/2026" in leader.text
    spelt = ["thi", "dua", "khen", "thuong", "nhu", "the", "nao", "gi"]
    assert reading.syllables("tđkt ntn gìiii") == spelt


async def test_a_data_intent_does_not_swallow_a_question_sharing_its_words(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Quá hạn rồi còn đăng ký được không?")
    assert "đề nghị Ban Thi đua - Khen thưởng (cơ quan thường trực thi đua) mở lại" in leader.text
    assert "31/12/2026" not in leader.text  # not the deadline's date
    stranger = quick_bot.person(direct=True)
    await stranger.say("Đơn vị tôi đăng ký chưa?")
    assert stranger.text.startswith("Tài khoản này chưa được liên kết với đơn vị nào")


async def test_two_questions_in_one_get_two_answers(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("hạn chót đăng ký khi nào và ai ký chỉ thị?")
    assert "«hạn chót đăng ký khi nào»\nĐăng ký thi đua: 17:00 ngày 31/12/2026" in leader.text
    assert "«ai ký chỉ thị»\nChủ tịch UBND tỉnh Quảng Nam ban hành Chỉ thị số 01/CT-UBND" in (
        leader.text
    )
    await leader.say("hạn nộp sơ kết là khi nào, còn giá vàng hôm nay bao nhiêu?")
    assert "Báo cáo sơ kết 6 tháng: 17:00 ngày 15/06/2027" in leader.text
    # nothing the office would answer either: said to be outside, not offered to the office
    assert "«giá vàng hôm nay bao nhiêu» có vẻ nằm ngoài những gì tôi có thể giúp" in leader.text


async def test_another_provinces_or_years_directive_is_named_and_asked_about(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Đà Nẵng giao sở nào tuyên truyền phong trào thi đua?")
    assert "có vẻ nói về Đà Nẵng" in leader.text and "Nguồn:" not in leader.text
    await leader.tap("Có, theo chỉ thị này")
    assert "Sở Văn hóa - Thể thao và Du lịch" in leader.text and "Nguồn:" in leader.text
    await leader.say("chỉ thị thi đua năm 2026 có chủ đề gì")
    assert "có vẻ nói về năm 2026" in leader.text
    await leader.say("Nghị định 73/2023 quy định gì?")  # a year the directive itself cites
    assert "73/2023/NĐ-CP" in leader.text and "có vẻ nói về" not in leader.text


async def test_an_answer_is_a_sentence_or_two_never_cut_inside_quotes(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    for question in (
        "Các đơn vị tổ chức phát động phong trào thi đua theo từng chủ đề ra sao?",
        "chỉ thị nói gì về các tầng lớp nhân dân và chiến sĩ lực lượng vũ trang",
        "nghị quyết đại hội đảng bộ tỉnh lần thứ mấy",
    ):
        await leader.say(question)
        quote = leader.text.split("\n\nNguồn:")[0]
        assert "Nguồn:" in leader.text, question
        assert len(quote) <= 320, (question, len(quote))
        assert quote.count("“") == quote.count("”"), quote


async def test_questions_in_other_words_than_the_directives(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Khẩu hiệu thi đua năm nay của tỉnh là gì anh nhỉ, em quên mất rồi")
    assert "Tập trung kiện toàn tổ chức bộ máy và cán bộ" in leader.text
    await leader.say("Chỉ thị có nhắc tới anh chị em công nhân không ạ?")
    assert "công nhân lao động" in leader.text and "Nguồn:" in leader.text
    await leader.say("What was the slogan for 2024?")
    assert "Tập trung kiện toàn" in leader.text and "Source:" in leader.text
    await leader.say("Bên em nộp giao ước chưa hay vẫn đang dở dang vậy anh?")
    assert "UBND huyện Quế Sơn. Trạng thái: bản nháp" in leader.text
    await leader.say("Chỉ thị được ký hôm nào, đầu năm hay cuối năm trước?")  # not a deadline
    assert "17:00 ngày 15/11/2027" not in leader.text
    await leader.say("Chỉ thị được ký hôm nào chị?")
    assert "02/01/2024" in leader.text and "Nguồn:" in leader.text


async def test_each_part_of_another_provinces_question_is_about_that_province(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Quảng Ngãi có chỉ thị thi đua năm 2024 không, ai ký ạ?")
    assert "có vẻ nói về Quảng Ngãi" in leader.text and "Nguồn:" not in leader.text


async def test_an_everyday_question_sharing_a_word_is_not_answered(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    for question in ("tỷ giá đô la hôm nay", "khen thưởng học sinh giỏi cho con tôi thế nào"):
        await leader.say(question)
        assert "Nguồn:" not in leader.text, question


async def test_a_deadline_asked_how_or_by_which_date(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("bc tong ket namm han chot ntn a")
    assert "Báo cáo tổng kết năm: 17:00 ngày 15/11/2027" in leader.text
    await leader.say("Until which date can we still sign up for the emulation pledge?")
    assert "Pledge registration: 5:00" in leader.text and "31 December 2026" in leader.text
    await leader.say("Đăng ký như thế nào, khi nào thì xong?")  # how to, not a date
    assert "Nguồn: lịch của phong trào" not in leader.text


async def test_english_is_answered_with_the_sentence_that_holds_the_fact(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("What was the theme of the 2024 emulation movement in the province?")
    assert "Tập trung kiện toàn tổ chức bộ máy" in leader.text and "Source:" in leader.text
    await leader.say("What is the official number of the 2024 emulation directive?")
    assert "01/CT-UBND" in leader.text and "Source:" in leader.text
    await leader.say("Who advises on the mid-year review?")
    answer = leader.text.split("\n\nSource:")[0]
    assert "Department of Home Affairs" in answer and len(answer) <= 360, answer


async def test_a_body_named_in_the_question_is_in_the_answer(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Báo Quảng Nam có được giao nhiệm vụ gì trong chỉ thị này không ạ?")
    answer = leader.text.split("\n\nNguồn:")[0]
    assert "Báo Quảng Nam" in answer and "tuyên truyền" in answer, answer
    knowledge = quick_bot.app.dispatcher.knowledge.ready()
    assert " bao quang nam " in knowledge.named(knowledge.read("báo quảng nam làm gì"))
    assert knowledge.named(knowledge.read("Quảng Nam làm gì")) == []  # where, not who


async def test_who_holds_an_office_now_is_not_guessed_from_the_directive(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Giám đốc Sở Nội vụ hiện giờ là ai thế?")
    assert "Nguồn:" not in leader.text
    await leader.say("Người đứng ra ký chỉ thị thi đua 2024 là ai thế ạ?")
    assert "Chủ tịch UBND tỉnh Quảng Nam" in leader.text and "Nguồn:" in leader.text


async def test_each_part_of_another_years_question_is_about_that_year(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Chỉ thị thi đua năm 2023 của tỉnh số mấy, ký ngày nào vậy?")
    assert "có vẻ nói về năm 2023" in leader.text and "Nguồn:" not in leader.text


async def test_progress_asked_in_a_clause_or_in_english_with_a_vietnamese_name(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("đv e (Quế Sơn) nộp giao ước chưa nhỉ, ktra giúp e")
    assert "UBND huyện Quế Sơn. Trạng thái: bản nháp" in leader.text
    await leader.say("Did Quế Sơn district send our pledge already or not yet? My boss is asking.")
    assert "UBND huyện Quế Sơn. Status: draft" in leader.text
    await leader.say(
        "Nộp giúp em bản giao ước luôn đi, sếp duyệt rồi."
    )  # a request, not a question
    assert "Trạng thái: bản nháp" not in leader.text


async def test_what_a_trial_found_asked_in_other_ways(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    for question in ("chỉ thị này ai ký", "chỉ thị này do ai ký vậy"):  # "này" asks nothing
        await leader.say(question)
        assert leader.text.startswith("Chủ tịch UBND tỉnh Quảng Nam ban hành"), question
    await leader.say("tiền thưởng lao động tiên tiến bao nhiêu")  # "tiền" is not "tiến"
    assert "Nguồn:" not in leader.text
    await leader.say("mã mời hết hạn thì làm sao")  # an invite code's, not the deadlines
    assert "Mã mời" in leader.text and "31/12/2026" not in leader.text
    await leader.say("ko bik dk o dau")
    assert "/dangky" in leader.text
    await leader.say("thời tiết Tam Kỳ hôm nay thế nào")  # a unit's town is not the movement
    assert "nằm ngoài" in leader.text and not leader.last[0].buttons
    await leader.say("chỉ thị thi đua năm 2025 chủ đề là gì")
    await leader.tap("Có, theo chỉ thị này")  # about this directive's year, not 2025's
    assert "Tập trung kiện toàn tổ chức bộ máy" in leader.text


async def test_a_count_of_something_the_directive_never_counts_is_not_guessed(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Năm 2024 tỉnh tặng tổng cộng bao nhiêu Cờ thi đua cho các đơn vị?")
    assert "Nguồn:" not in leader.text  # "cờ" is counted, and it is not "có"


async def test_a_leader_asking_how_another_unit_stands_is_shown_only_their_own(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Huyện Thăng Bình đã nộp giao ước thi đua chưa em?")
    assert "chỉ cho biết bản đăng ký của đơn vị mình" in leader.text
    assert "UBND huyện Thăng Bình" in leader.text
    assert "Quế Sơn" not in leader.text and "Nguồn:" not in leader.text
    await leader.say("huyen que son da nop giao uoc chua")  # its own unit, by name
    assert "UBND huyện Quế Sơn. Trạng thái: bản nháp" in leader.text


async def test_a_name_the_directive_never_says_is_not_answered_from_it(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Ông Nguyễn Văn Tâm có phải người ký chỉ thị 01 không?")
    assert "chưa chắc" in leader.text and "Nguồn:" not in leader.text
    await leader.say("Hạn nộp hồ sơ đề nghị Huân chương Lao động năm nay là ngày nào?")
    assert "31/12/2026" not in leader.text and "Nguồn:" not in leader.text
    await leader.say("Hạn chót nộp bản đăng ký online là ngày nào vậy?")  # no name: ours
    assert "Đăng ký thi đua: 17:00 ngày 31/12/2026" in leader.text
    await leader.say("Chủ tịch UBND tỉnh Quảng Nam ký chỉ thị ngày nào?")  # names it knows
    assert "02/01/2024" in leader.text and "Nguồn:" in leader.text


async def test_asked_to_keep_it_short_the_question_is_still_answered(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("chủ đề thi đua năm 2024 là j, nói ngắn thui e")
    assert "kiện toàn tổ chức bộ máy" in leader.text and "Nguồn:" in leader.text


async def test_what_the_directive_never_states_is_not_answered_from_a_passage_like_it(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    for question in (
        "Chỉ tiêu tăng trưởng GRDP năm 2024 mà Tỉnh ủy, HĐND tỉnh đề ra là bao nhiêu phần trăm?",
        "Kinh phí khen thưởng phong trào thi đua năm 2024 của tỉnh là mấy tỷ đồng?",
        "Sở Nội vụ phải báo cáo UBND tỉnh định kỳ bao nhiêu tháng một lần?",
        "Who was the Director of the Department of Home Affairs when the directive was issued?",
        "Who received the provincial emulation flag in Quang Nam for 2024?",
    ):
        await leader.say(question)
        assert "Nguồn:" not in leader.text and "Source:" not in leader.text, question
    await leader.say("Chỉ thị thi đua năm 2024 ra đời ngày mấy tháng mấy?")  # a date, not a count
    assert "02/01/2024" in leader.text and "Nguồn:" in leader.text
    await leader.say("Sở Nội vụ có nhiệm vụ gì theo chỉ thị?")
    assert "tham mưu" in leader.text and "Nguồn:" in leader.text
    await leader.say("pledge registration closes at what time?")  # English: "at", "what"
    assert "31 December 2026" in leader.text and "Source:" in leader.text


async def test_two_parts_one_answer_holds_are_answered_once(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("chi thi so may, ban hanh ngay nao")
    assert "01/CT-UBND" in leader.text and "02/01/2024" in leader.text
    assert leader.text.count("Nguồn:") == 1 and "«chi thi so may»" not in leader.text


async def test_an_english_question_about_the_units_own_pledge_gets_its_status(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Has my unit submitted its pledge?")
    assert "UBND huyện Quế Sơn. Status: draft" in leader.text


async def test_the_deadline_gone_by_asks_what_can_be_done_not_who_has_registered(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say("Lỡ qua hạn đăng ký rồi mà muốn sửa bản cam kết thì có cách nào không?")
    assert "đề nghị Ban Thi đua - Khen thưởng (cơ quan thường trực thi đua) mở lại" in leader.text
    assert "đơn vị khác" not in leader.text
    await leader.say("Chỉ thị ni ký bữa mô rứa?")  # Quảng Nam's "này", "hôm nào", "vậy"
    assert "02/01/2024" in leader.text and "Nguồn:" in leader.text


async def test_a_choice_the_directive_does_not_make_is_not_answered_as_if_it_did(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say(
        "Chỉ thị bảo định kỳ báo cáo UBND tỉnh, vậy là báo cáo theo tháng hay theo quý?"
    )
    assert "Nguồn:" not in leader.text
    await leader.say(
        "Tỉnh muốn các đơn vị phát động thi đua theo kiểu gì, "
        "làm chung chung hay chia theo chủ đề?"
    )
    assert "theo từng chủ đề" in leader.text and "Nguồn:" in leader.text


async def test_an_event_or_a_rule_is_not_taken_for_the_campaigns_deadlines(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say(
        "Hội nghị tổng kết phong trào thi đua của tỉnh năm 2024 tổ chức vào ngày nào?"
    )
    assert "15/11/2027" not in leader.text
    await leader.say("Lỡ trễ hạn đăng ký thì còn cách nào cứu không hay là thôi luôn?")
    assert "đơn vị khác" not in leader.text
    await leader.say("Báo cáo sơ kết 6 tháng thì phải gửi lên trước thời điểm nào?")
    assert "Báo cáo sơ kết 6 tháng: 17:00 ngày 15/06/2027" in leader.text
    await leader.say("qua han ma chua nop thi sao ad, bi j ko")
    assert "nằm ngoài" not in leader.text  # the movement's ground, not out of scope


async def test_the_campaigns_own_dates_are_not_another_years_directive(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    await leader.say(
        "Sau 17 giờ ngày 31/12/2026 mà đơn vị muốn sửa bản đăng ký thì còn sửa được không?"
    )
    assert "năm 2026" not in leader.text  # not told it is about another year's directive
    await leader.say("Có phải bên mình nộp bản đăng ký giao ước thi đua rồi không em?")
    assert "UBND huyện Quế Sơn. Trạng thái: bản nháp" in leader.text
