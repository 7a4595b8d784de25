"""Questions about the directive, through the real dispatcher: accuracy on the question set,
no confident answer off the topic, sources quoted, and the not-sure path."""

from __future__ import annotations

from harness import Bot, Chat
from qa_questions import ENGLISH, OFF_TOPIC, VIETNAMESE

NOT_SURE = "Tôi chưa chắc có thể trả lời"
OUT_OF_SCOPE = "Câu này có vẻ nằm ngoài những gì tôi có thể giúp."


async def leader_with_a_draft(bot: Bot, locale: str = "vi") -> Chat:
    leader = bot.person(direct=True, locale=locale)
    await leader.say(await bot.invite("QUESON"))
    await leader.say("/dangky")
    await leader.say("1")
    await leader.say("/huy")
    return leader


async def test_the_question_set_is_answered_accurately_and_off_topic_never_confidently(
    quick_bot: Bot,
) -> None:
    leader = await leader_with_a_draft(quick_bot)
    english = quick_bot.person(direct=True, locale="en")
    wrong = []
    for person, cases in ((leader, VIETNAMESE), (english, ENGLISH)):
        for question, fact in cases:
            await person.say(question)
            if fact not in person.text:
                wrong.append(f"{question!r}: {person.text[:120]!r}")
    asked = len(VIETNAMESE) + len(ENGLISH)
    assert asked >= 60
    accuracy = 1 - len(wrong) / asked
    assert accuracy >= 0.9, "\n".join(wrong)

    confident = []
    for question in OFF_TOPIC:  # said to be out of scope: not answered, not sent to the office
        await leader.say(question)
        offered = [payload for reply in leader.last for _, payload in reply.buttons]
        said_so = OUT_OF_SCOPE in leader.text or "That seems to be outside" in leader.text
        if not said_so or "Nguồn:" in leader.text or offered:
            confident.append(f"{question!r}: {leader.text[:120]!r} {offered}")
    assert confident == []
    for elsewhere in ("đăng ký xe máy ở đâu", "khen thưởng học sinh giỏi cho con tôi thế nào"):
        await leader.say(elsewhere)  # "đăng ký", "khen thưởng" alone are not this movement's
        assert OUT_OF_SCOPE in leader.text and not leader.last[0].buttons, elsewhere


async def test_an_answer_quotes_its_source(quick_bot: Bot) -> None:
    person = quick_bot.person(direct=True)
    await person.say("/hoi ai phu trach tuyen truyen")
    assert person.text.endswith(
        "Nguồn: Chỉ thị số 01/CT-UBND ngày 02/01/2024 của Chủ tịch Ủy ban nhân dân tỉnh Quảng "
        "Nam, theo bản tin “Phát động phong trào thi đua yêu nước năm 2024”"
    )  # the campaign's text is a report about the directive: cited as one, with no "part"
    await person.say("lam sao de dang ky giao uoc thi dua")
    assert "Nguồn: hướng dẫn sử dụng Thi đua bot" in person.text


async def test_the_answer_is_in_the_language_the_question_is_asked_in(quick_bot: Bot) -> None:
    person = quick_bot.person(direct=True, locale="en")
    await person.say("/ask Năm 2024 Chủ tịch UBND tỉnh yêu cầu chính quyền các cấp phối hợp gì?")
    assert person.text.startswith("«") and "Nguồn: Chỉ thị số 01/CT-UBND" in person.text
    await person.say("/ask bieu duong guong nguoi tot viec tot")  # Vietnamese without marks
    assert "Nguồn:" in person.text
    vietnamese = quick_bot.person(direct=True)  # a Vietnamese chat asking in English
    await vietnamese.say("Which Party congress resolutions are mentioned?")
    assert vietnamese.text.startswith("From the directive, in translation:\n")
    assert "13th National Party Congress" in vietnamese.text
    assert "Source: Directive 01/CT-UBND of 2 January 2024" in vietnamese.text
    await vietnamese.say("Who is in charge of publicising the movement?")
    assert "Culture, Sports and Tourism" in vietnamese.text  # the FAQ's own English answer
    await vietnamese.say("chủ đề thi đua năm nay là gì")
    assert "Nguồn:" in vietnamese.text  # and back in Vietnamese


async def test_not_sure_offers_close_topics_and_the_office(quick_bot: Bot) -> None:
    person = quick_bot.person(direct=True)
    await person.say("/hoi kinh phi to chuc hoi nghi so ket lay tu dau")
    assert "Khi tài khoản đã liên kết với đơn vị (gửi mã mời)" in person.text
    assert "Hỏi cơ quan" not in str(person.last[0].buttons)  # not for anyone at all
    await person.press("qa:forward")  # forged
    assert "Câu hỏi chỉ được chuyển tới cơ quan thường trực thi đua từ tài khoản đã liên kết" in (
        person.text
    )
    await person.say(await quick_bot.invite("SNV"))
    await person.say("/hoi kinh phi to chuc hoi nghi so ket lay tu dau")
    assert NOT_SURE in person.text
    labels = [label for label, _ in person.last[0].buttons]
    assert labels[-1] == "Hỏi cơ quan thường trực thi đua" and len(labels) >= 2
    topic = person.last[0].buttons[0][1]
    await person.press(topic)
    assert "Nguồn:" in person.text


async def test_english_readers_get_topic_buttons_in_english(quick_bot: Bot) -> None:
    reader = quick_bot.person(direct=True, locale="en")
    await reader.say("/ask how is the conference for the review funded")
    assert "I am not sure I can answer that from the directive" in reader.text
    labels = [label for label, _ in reader.last[0].buttons]
    english = {t["en"] for t in topics(quick_bot)}
    assert labels and all(label in english for label in labels), labels
    vietnamese = quick_bot.person(direct=True)
    await vietnamese.say("/hoi kinh phi to chuc hoi nghi so ket lay tu dau")
    shown = [label for label, _ in vietnamese.last[0].buttons]
    assert shown and all(label in {t["vi"] for t in topics(quick_bot)} for label in shown)


def topics(bot: Bot) -> list[dict[str, str]]:
    campaign = bot.app.campaign
    passages = [p.topic for p in campaign.directive.passages if p.topic]
    return [dict(t) for t in [*passages, *(f.topic for f in campaign.faq if f.topic)]]


async def test_ask_without_a_question_shows_how(quick_bot: Bot) -> None:
    person = quick_bot.person(direct=True)
    await person.say("/hoi")
    assert "/hoi hạn chót đăng ký thi đua là khi nào?" in person.text
    await person.say("xin chào")
    assert person.text.startswith("Xin chào!")  # a greeting is not a question
    assert "Nguồn:" not in person.text
