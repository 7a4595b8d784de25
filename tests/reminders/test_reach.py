"""Who a reminder reaches over the real channels: another linked chat when Zalo OA's window has
closed, the office's digest for units nobody can reach, a last look before sending, and two
instances on one PostgreSQL sending each reminder once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from clockwork import vn
from fakes.telegram_api import FakeTelegram
from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import FakeZaloOA
from harness import Bot, Clock, linked, make_settings, register_everything
from sqlalchemy import func, select
from telegram_people import TelegramUser, telegram_bot
from zalo_people import zalo_bot

from storage import pledges
from storage.campaigns import find_unit
from storage.models import Outbox, Reminder


async def draft_with_contact(bot: Bot, unit_code: str, name: str, phone: str) -> None:
    async with bot.app.db.transaction() as session:
        unit = await find_unit(session, bot.app.campaign.id, unit_code)
        assert unit is not None
        pledge = await pledges.open_pledge(session, unit.id, bot.app.campaign.id, bot.clock.now())
        pledge.fields = {"contact_name": name, "contact_phone": phone}


async def test_outside_zalo_oas_window_the_reminder_takes_the_other_chat_or_the_digest_says_so(
    database_url: str,
    clock: Clock,
    telegram_api: FakeTelegram,
    zalo_oa_api: FakeZaloOA,
) -> None:
    clock.set(vn(2026, 12, 8, 9))
    async with zalo_bot(
        database_url,
        clock,
        oa=zalo_oa_api,
        telegram_bot_token=telegram_api.token,
        telegram_api_base_url=telegram_api.api_url,
        bot_admins=("telegram:42",),
    ) as bot:
        office = TelegramUser(telegram_api, 42)
        await office.say("/start")
        colleague = TelegramUser(telegram_api, 101)
        await colleague.say(await bot.invite("TAMKY"))
        await zalo_oa_api.user_says("oa-tamky", await bot.invite("TAMKY"))
        await zalo_oa_api.user_says("oa-hoian", await bot.invite("HOIAN"))
        assert "Liên kết thành công" in zalo_oa_api.texts("oa-hoian")[-1]
        await draft_with_contact(bot, "HOIAN", "Trần Thị Bình", "0905111222")
        sent_before = {u: len(zalo_oa_api.texts(u)) for u in ("oa-tamky", "oa-hoian")}

        clock.set(vn(2026, 12, 17, 7, 0))  # nine days later: both OA chats are silent
        await bot.app.reminders.tick()
        clock.set(vn(2026, 12, 17, 8, 0))
        await bot.app.reminders.tick()

        reminder = await telegram_api.wait_for(101, "⏰ Nhắc hạn: Đăng ký thi đua")
        assert "UBND thành phố Tam Kỳ: chưa bắt đầu đăng ký." in reminder
        digest = await telegram_api.wait_for(42, "📋 Báo cáo buổi sáng")
        assert "Đã gửi: 0 · Bản nháp: 1 · Chưa bắt đầu: " in digest
        assert "Không liên lạc được qua chat" in digest
        assert "• UBND thành phố Hội An: người liên hệ Trần Thị Bình, 0905 111 222" in digest
        assert "Tam Kỳ: người liên hệ" not in digest  # reached on Telegram
        await asyncio.sleep(0.3)
        assert {u: len(zalo_oa_api.texts(u)) for u in sent_before} == sent_before


async def test_the_digest_lists_pending_units_by_group_and_can_be_switched_off(
    quick_bot: Bot,
) -> None:
    bot = quick_bot
    bot.clock.set(vn(2026, 12, 16, 9))
    office = bot.admin()
    await office.say("/start")
    await linked(bot, "TAMKY")
    done = await linked(bot, "SNV")
    await register_everything(done)
    await bot.app.reminders.tick()

    bot.clock.set(vn(2026, 12, 17, 8))
    await bot.app.reminders.tick()
    (digest,) = await office.inbox()
    lines = digest.text.splitlines()
    assert lines[0] == "📋 Báo cáo buổi sáng, 17/12/2026"
    assert "Đăng ký thi đua (hạn 17:00 ngày 31/12/2026, còn 14 ngày)" in lines
    assert any(line.startswith("Đã gửi: 1 · Bản nháp: 0 · Chưa bắt đầu: ") for line in lines)
    assert any(
        line.startswith("• Cụm thi đua các huyện, thị xã, thành phố đồng bằng (")
        and "UBND thành phố Tam Kỳ" in line
        for line in lines
    )
    assert "Sở Nội vụ" not in digest.text  # it has submitted
    assert "Trong đó 52 đơn vị chưa có ai liên kết với bot nên không nhận được lời nhắc" in (
        digest.text
    )

    bot.clock.set(vn(2026, 12, 17, 12))
    await bot.app.reminders.tick()
    assert await office.inbox() == []  # once a day
    await office.say("/baocaongay off")
    assert "Đã tắt báo cáo buổi sáng" in office.text
    bot.clock.set(vn(2026, 12, 18, 8))
    await bot.app.reminders.tick()
    assert await office.inbox() == []
    await office.say("/digest on")
    bot.clock.set(vn(2026, 12, 19, 8))
    await bot.app.reminders.tick()
    assert len(await office.inbox()) == 1


async def test_reminders_shows_the_next_steps_and_what_was_sent(quick_bot: Bot) -> None:
    bot = quick_bot
    bot.clock.set(vn(2026, 12, 16, 9))
    office = bot.admin()
    leader = await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    bot.clock.set(vn(2026, 12, 17, 8))
    await bot.app.reminders.tick()
    assert len(await leader.inbox()) == 1

    await office.say("/lichnhac")
    text = office.text
    assert text.startswith("🗓 Lịch nhắc hạn: gửi lúc 08:00, không gửi từ 21:00 đến 07:00.")
    assert "Đăng ký thi đua, hạn 17:00 ngày 31/12/2026" in text
    assert "  • 08:00 ngày 24/12/2026 (7 ngày trước hạn): 1 đơn vị" in text
    not_reminded = (
        "  Không nhận được nhắc: 0 đơn vị không liên lạc được qua chat, 53 đơn vị chưa có"
    )
    assert not_reminded in text
    assert "• Đăng ký thi đua, 14 ngày trước hạn: Web 1" in text
    assert office.last[-1].text == "Báo cáo buổi sáng đang bật. Gửi /baocaongay tat để tắt."
    await office.tap("Tắt")
    assert "Đã tắt báo cáo buổi sáng" in office.text
    await office.say("/baocaongay sớm hơn")
    assert office.text.startswith("Bot chưa hiểu «sớm hơn».")
    await office.tap("Bật")
    assert "Đã bật báo cáo buổi sáng" in office.text
    await leader.say("/lichnhac")
    assert "chỉ dành cho cơ quan thường trực thi đua" in leader.text


async def test_a_unit_that_submits_while_its_reminder_waits_does_not_get_it(
    sqlite_url: str, clock: Clock, telegram_api: FakeTelegram
) -> None:
    clock.set(vn(2026, 12, 16, 9))
    async with telegram_bot(telegram_api, sqlite_url, clock, "polling") as bot:
        on_telegram = TelegramUser(telegram_api, 101)
        await on_telegram.say(await bot.invite("TAMKY"))
        on_web = await linked(bot, "TAMKY")
        await bot.app.reminders.tick()

        telegram_api.fail("sendMessage", 429, retry_after=2)  # the reminder waits its turn
        clock.set(vn(2026, 12, 17, 8))
        await bot.app.reminders.tick()
        await asyncio.sleep(0.3)
        assert (await on_web.inbox())[0].text.startswith("⏰ Nhắc hạn")
        await register_everything(on_web)  # meanwhile, the unit submits
        await asyncio.sleep(3)
        assert not any("Nhắc hạn" in t for t in on_telegram.texts)
        async with bot.app.db.transaction() as session:
            statuses = list(
                await session.scalars(select(Outbox.status).where(Outbox.reminder_id.is_not(None)))
            )
        assert sorted(statuses) == ["cancelled", "sent"]


async def test_two_instances_on_one_postgresql_send_each_reminder_once(
    database_url: str, clock: Clock
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several instances share a PostgreSQL database; SQLite is one process's file")
    clock.set(vn(2026, 12, 16, 9))
    first = Bot(make_settings(database_url), clock)
    second = Bot(make_settings(database_url), clock)
    await first.start()
    await second.start()
    try:
        units = ["TAMKY", "HOIAN", "SNV", "STC", "SYT", "DAILOC", "DUYXUYEN", "NUITHANH"]
        leaders = [await linked(first if i % 2 else second, code) for i, code in enumerate(units)]
        await asyncio.gather(first.app.reminders.tick(), second.app.reminders.tick())
        for minute in range(-2, 3):  # both tick every minute around the step, at once
            clock.set(vn(2026, 12, 17, 8) + timedelta(minutes=minute))
            await asyncio.gather(first.app.reminders.tick(), second.app.reminders.tick())
        clock.set(vn(2026, 12, 17, 8, 3))
        await asyncio.gather(*(first.restart(), second.restart()))
        await asyncio.gather(first.app.reminders.tick(), second.app.reminders.tick())

        for leader in leaders:
            got = await leader.inbox()
            assert [s.text.splitlines()[0] for s in got] == ["⏰ Nhắc hạn: Đăng ký thi đua"]
        async with first.app.db.transaction() as session:
            claims = await session.scalar(select(func.count(Reminder.id)))
            queued = await session.scalar(select(func.count(Outbox.id)))
        assert (claims, queued) == (len(units), len(units))
    finally:
        await first.stop()
        await second.stop()


async def test_on_zalo_bot_without_buttons_a_reminders_choices_are_numbered(
    sqlite_url: str, clock: Clock, zalo_bot_api: FakeZaloBot
) -> None:
    clock.set(vn(2026, 12, 16, 9))
    async with zalo_bot(sqlite_url, clock, bot=zalo_bot_api) as bot:
        await zalo_bot_api.user_says("zb-1", await bot.invite("TAMKY"))
        await zalo_bot_api.user_says("zb-1", "nhắc lại sau")
        assert zalo_bot_api.texts("zb-1")[-1] == "Chưa có lời nhắc nào để hẹn lại."
        await bot.app.reminders.tick()
        clock.set(vn(2026, 12, 17, 8))
        await bot.app.reminders.tick()
        reminder = (await wait_for_text(zalo_bot_api, "zb-1", "Nhắc hạn")).splitlines()
        assert reminder[0] == "⏰ Nhắc hạn: Đăng ký thi đua"
        assert reminder[-4:] == [
            "1. 📝 Đăng ký",
            "2. 🔔 Nhắc lại sau",
            "",
            "Vui lòng trả lời bằng số thứ tự của lựa chọn.",
        ]
        clock.set(vn(2026, 12, 17, 9))
        await zalo_bot_api.user_says("zb-1", "2")
        assert (
            "sẽ nhắc lại về «Đăng ký thi đua» lúc 09:00 ngày 18/12/2026"
            in (zalo_bot_api.texts("zb-1")[-1])
        )

        clock.set(vn(2026, 12, 24, 8))  # the next step; then «1» opens the form
        await bot.app.reminders.tick()
        await wait_for_text(zalo_bot_api, "zb-1", "còn 7 ngày")
        await zalo_bot_api.user_says("zb-1", "1")
        assert "(1/9)" in zalo_bot_api.texts("zb-1")[-1]


async def test_on_zalo_oa_a_tapped_reminder_button_does_what_it_says(
    sqlite_url: str, clock: Clock, zalo_oa_api: FakeZaloOA
) -> None:
    clock.set(vn(2026, 12, 16, 9))
    async with zalo_bot(sqlite_url, clock, oa=zalo_oa_api) as bot:
        await zalo_oa_api.user_says("oa-1", await bot.invite("TAMKY"))
        await bot.app.reminders.tick()
        clock.set(vn(2026, 12, 17, 8))
        await bot.app.reminders.tick()
        await wait_for_text(zalo_oa_api, "oa-1", "Nhắc hạn")
        await zalo_oa_api.tap("oa-1", "Nhắc lại sau")
        assert "sẽ nhắc lại về «Đăng ký thi đua»" in zalo_oa_api.texts("oa-1")[-1]

        clock.set(vn(2026, 12, 18, 8))  # the snoozed reminder comes back; «Đăng ký» opens the form
        await bot.app.reminders.tick()
        await wait_for_text(zalo_oa_api, "oa-1", "còn 13 ngày")
        await zalo_oa_api.tap("oa-1", "Đăng ký")
        assert "(1/9)" in zalo_oa_api.texts("oa-1")[-1]


async def wait_for_text(fake: FakeZaloBot | FakeZaloOA, user: str, text: str) -> str:
    for _ in range(200):
        if (said := fake.texts(user)) and text in said[-1]:
            return said[-1]
        await asyncio.sleep(0.02)
    raise AssertionError(f"{text!r} never came; {user} has {fake.texts(user)}")


async def test_on_the_deadline_day_the_time_left_is_in_hours_everywhere(quick_bot: Bot) -> None:
    quick_bot.clock.set(vn(2026, 12, 31, 7, 40))
    leader = await linked(quick_bot, "TAMKY")
    await leader.say("/dangky")
    assert "Hạn đăng ký: 17:00 ngày 31/12/2026 (còn 9 giờ 20 phút)." in leader.text
    await leader.say("/huy")
    await leader.say("còn bao nhiêu ngày nữa hết hạn đăng ký")
    assert "(còn 9 giờ 20 phút)" in leader.text


async def test_a_web_page_not_opened_for_days_gets_the_newest_reminder_not_a_pile(
    quick_bot: Bot,
) -> None:
    bot = quick_bot
    bot.clock.set(vn(2026, 12, 16, 9))
    leader = await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    for day in (17, 24, 28):  # three steps while the page stays closed
        bot.clock.set(vn(2026, 12, day, 8))
        await bot.app.reminders.tick()
    (only,) = await leader.inbox()
    assert "còn 3 ngày" in only.text


async def test_a_reopened_pledge_is_said_so_in_the_reminder_and_the_flow(quick_bot: Bot) -> None:
    bot = quick_bot
    bot.clock.set(vn(2027, 1, 2, 9))
    office, leader = bot.admin(), await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    await office.say("/mokhoa TAMKY")
    bot.clock.set(vn(2027, 1, 3, 8))
    await bot.app.reminders.tick()
    told, reminder = await leader.inbox()  # told when it was reopened, then the reminder
    assert "mở lại việc đăng ký cho đơn vị đến 09:00 ngày 09/01/2027" in told.text
    assert (
        "Cơ quan thường trực thi đua đã mở lại bản đăng ký của đơn vị đến 09:00 ngày 09/01/2027."
        in (reminder.text)
    )
    await leader.say("/dangky")
    assert "Bản đăng ký được mở lại đến 09:00 ngày 09/01/2027 (còn 6 ngày)." in leader.text


async def test_the_offices_own_people_get_no_reminder_for_their_department(quick_bot: Bot) -> None:
    bot = quick_bot
    bot.clock.set(vn(2026, 12, 24, 7, 30))
    staff = bot.person()
    await staff.say(await bot.invite("SNV", role="staff"))
    leader = await linked(bot, "SNV")  # Sở Nội vụ is also a unit that registers
    await bot.app.reminders.tick()
    bot.clock.set(vn(2026, 12, 24, 8, 1))  # the 7-day step
    await bot.app.reminders.tick()
    (reminder,) = await leader.inbox()
    assert "Sở Nội vụ: chưa bắt đầu đăng ký." in reminder.text
    assert [s.text for s in await staff.inbox() if "⏰" in s.text] == []
