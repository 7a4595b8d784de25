"""Linking a chat to a unit: right, wrong, expired and used codes, and slowing down guessers."""

from __future__ import annotations

import pytest
from harness import Bot, Clock
from sqlalchemy import select

from handlers.invites import looks_like_code
from storage.campaigns import find_unit
from storage.invites import create_invite
from storage.models import Account, Invite


async def test_a_bare_code_or_start_with_a_code_links_the_chat(quick_bot: Bot) -> None:
    first, second = quick_bot.person(direct=True), quick_bot.person(direct=True)
    await first.say((await quick_bot.invite("SNV")).lower())
    assert "Liên kết thành công! Tài khoản này đại diện cho Sở Nội vụ" in first.text
    await second.say("/start " + await quick_bot.invite("CAT", role="staff"))
    assert "Công an tỉnh với vai trò cán bộ cơ quan thường trực thi đua" in second.text
    async with quick_bot.app.db.transaction() as session:
        people = select(Account).where(Account.user_id.in_([first.name, second.name]))
        roles = {a.role for a in await session.scalars(people)}
        codes = list(await session.scalars(select(Invite.code_hash)))
    assert roles == {"leader", "staff"}
    assert all(len(h) == 64 and "-" not in h for h in codes)  # only hashes are stored


async def test_a_person_without_a_unit_cannot_register(quick_bot: Bot) -> None:
    stranger = quick_bot.person(direct=True)
    await stranger.say("/dangky")
    assert "chưa được liên kết với đơn vị nào" in stranger.text
    await stranger.say("/xem")
    assert "chưa được liên kết với đơn vị nào" in stranger.text


async def test_a_used_code_links_nobody_else(quick_bot: Bot) -> None:
    code = await quick_bot.invite("TAMKY")
    await quick_bot.person(direct=True).say(code)
    late = quick_bot.person(direct=True)
    await late.say(code)
    assert "Mã này đã được sử dụng" in late.text
    await late.say("/dangky")
    assert "chưa được liên kết" in late.text


async def test_an_expired_code_is_refused(quick_bot: Bot, clock: Clock) -> None:
    code = await quick_bot.invite("HOIAN", days=1)
    clock.advance(days=1, seconds=1)
    person = quick_bot.person(direct=True)
    await person.say(code)
    assert "Mã này đã hết hạn lúc 09:00 ngày 21/11/2026" in person.text


async def test_repeated_wrong_codes_have_to_wait_longer_each_time(
    quick_bot: Bot, clock: Clock
) -> None:
    guesser = quick_bot.person(direct=True)
    for _ in range(2):
        await guesser.say("AAAA-BBBB")
        assert guesser.text == "Mã chưa đúng. Vui lòng kiểm tra lại và gửi lại."
    await guesser.say("AAAA-CCCC")
    assert "có thể thử lại sau 09:01 ngày 20/11/2026" in guesser.text
    good = await quick_bot.invite("SYT")
    await guesser.say(good)  # even a right code waits: the wait is not a hint
    assert "nhập sai mã nhiều lần. Vui lòng thử lại sau 09:01" in guesser.text
    clock.advance(minutes=1)
    await guesser.say("AAAA-DDDD")
    assert "có thể thử lại sau 09:03 ngày 20/11/2026" in guesser.text
    clock.advance(minutes=2)
    await guesser.say(good)
    assert "Liên kết thành công" in guesser.text


async def test_free_text_that_is_not_a_code_gets_help_not_a_penalty(quick_bot: Bot) -> None:
    person = quick_bot.person(direct=True)
    await person.say("xin chào")
    assert person.text.startswith("Xin chào! Tôi giúp anh/chị về phong trào thi đua")
    assert ("Trợ giúp", "cmd:help") in person.last[0].buttons
    async with quick_bot.app.db.transaction() as session:
        account = await session.scalar(select(Account).where(Account.user_id == person.name))
    assert account is not None and account.link_failures == 0


@pytest.mark.parametrize(
    ("typed", "linked", "is_code"),
    [
        ("abcd efgh", False, False),  # two words, as "danh sach" is
        ("ABCD EFGH", True, False),  # capitals are how many officials type words: "DANH SACH"
        ("DANH SACH", False, False),
        ("bang khen", False, False),  # an option of the pledge, not a code
        ("abcd-efgh", True, True),
        ("abcd efgh", True, False),  # linked: as likely two words ("danh sach")
        ("danh sach", True, False),
        ("tinh hinh", True, False),  # no code has an I
        ("ABCD-EFGH", True, True),
        ("ABCDEFGH", True, False),  # linked: a word in capitals
        ("abcdefgh", False, True),  # not linked yet: their likeliest message is the code
        ("abcdefgh", True, False),  # linked: an eight-letter word is just a word
        ("xinchao2", False, False),  # I and O are in no code: a greeting
        ("xinchao2", True, False),  # linked: I and O are in no code
        ("abcdefg2", True, True),
        ("xin chao", False, False),
        ("dang ky ngay", False, False),
        ("ABCD-EFG", False, False),
    ],
)
def test_what_counts_as_an_invite_code(typed: str, linked: bool, is_code: bool) -> None:
    assert looks_like_code(typed, linked=linked) is is_code


async def test_words_that_might_be_a_code_cost_a_newcomer_nothing(quick_bot: Bot) -> None:
    person = quick_bot.person()
    for words in ("danh sach", "DANH SACH", "Bang Khen", "tai khoan", "cam on ban", "danh sach"):
        await person.say(words)
        assert "Mã chưa đúng" not in person.text and "sai mã" not in person.text, words
    await person.say(await quick_bot.invite("SNV"))  # not locked out by the words
    assert "Liên kết thành công" in person.text


async def test_a_code_of_letters_typed_in_lower_case_as_one_word_links(quick_bot: Bot) -> None:
    async with quick_bot.app.db.transaction() as session:
        unit = await find_unit(session, quick_bot.app.campaign.id, "SYT")
        assert unit is not None
        await create_invite(
            session,
            "KMNPQRST",
            unit_id=unit.id,
            role="leader",
            at=quick_bot.clock.now(),
            expires_at=quick_bot.clock.now().replace(year=2027),
        )
    person = quick_bot.person(direct=True)
    await person.say("kmnpqrst")
    assert "Liên kết thành công! Tài khoản này đại diện cho Sở Y tế" in person.text
