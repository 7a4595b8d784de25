"""Reminders over weeks of a moved clock, on SQLite and PostgreSQL: exactly the planned steps to a
pending unit, none once a unit submits, only the latest step after downtime, snooze."""

from __future__ import annotations

from datetime import timedelta

from clockwork import as_said, run_until, vn
from harness import Bot, linked, register_everything


async def test_a_pending_unit_gets_each_planned_step_and_a_unit_that_submits_no_more(
    bot: Bot,
) -> None:
    bot.clock.set(vn(2026, 12, 16, 9))  # registration is due 17:00 on 31/12: 15 days ahead
    pending = await linked(bot, "TAMKY")
    submits = await linked(bot, "HOIAN")
    await bot.app.reminders.tick()

    got = await run_until(bot, vn(2026, 12, 19, 10), {"pending": pending, "submits": submits})
    await register_everything(submits)  # day 3
    later = await run_until(bot, vn(2027, 1, 12, 9), {"pending": pending, "submits": submits})

    times = [g.at for g in got["pending"] + later["pending"]]
    assert times == [
        vn(2026, 12, 17, 8),  # 14 days before, at the send time
        vn(2026, 12, 24, 8),
        vn(2026, 12, 28, 8),
        vn(2026, 12, 30, 8),
        vn(2026, 12, 31, 8),  # the day itself
        vn(2027, 1, 3, 8),  # overdue every 3 days, 3 times
        vn(2027, 1, 6, 8),
        vn(2027, 1, 9, 8),
    ]
    assert [g.at for g in got["submits"]] == [vn(2026, 12, 17, 8)]
    assert later["submits"] == []

    first = got["pending"][0]
    assert first.text.splitlines() == [
        "⏰ Nhắc hạn: Đăng ký thi đua",
        "Hạn chót: 17:00 ngày 31/12/2026 — còn 14 ngày.",
        "UBND thành phố Tam Kỳ: chưa bắt đầu đăng ký.",
        "Bấm «Đăng ký» để bắt đầu: 9 câu hỏi, mỗi câu trả lời được lưu ngay.",
    ]
    assert [label for label, _ in first.buttons] == ["📝 Đăng ký", "🔔 Nhắc lại sau"]
    the_day = later["pending"][-4]
    assert "còn 9 giờ" in the_day.text
    overdue = later["pending"][-1]
    assert overdue.text.startswith("⏰ Quá hạn: Đăng ký thi đua")
    assert "đã quá 8 ngày 15 giờ" not in overdue.text and "đã quá 8 ngày" in overdue.text
    assert "Đã hết hạn đăng ký. Bấm «Xin mở lại» để gửi đề nghị" in overdue.text
    assert [label for label, _ in overdue.buttons] == ["✉️ Xin mở lại", "🔔 Nhắc lại sau"]

    pending.last = [as_said(overdue)]  # the office gets the request, and can reopen the pledge
    await pending.tap("Xin mở lại")
    assert pending.text.startswith("Đề nghị mở lại bản đăng ký đã được gửi tới cơ quan")
    pending.last = [as_said(overdue)]
    await pending.tap("Xin mở lại")  # a second press sends nothing more
    assert "đã được gửi tới cơ quan thường trực thi đua trước đó" in pending.text
    office = await bot.admin().inbox()  # with a morning digest of each day
    requests = [m.text for m in office if "xin được mở lại bản đăng ký" in m.text]
    assert len(requests) == 1 and "UBND thành phố Tam Kỳ" in requests[0]


async def test_the_register_button_goes_straight_back_to_where_the_leader_stopped(
    bot: Bot,
) -> None:
    bot.clock.set(vn(2026, 12, 16, 9))
    leader = await linked(bot, "TAMKY")
    await leader.say("/dangky")
    await leader.tap("Tập thể lao động xuất sắc")
    await leader.say("3")
    await leader.say("/huy")
    await bot.app.reminders.tick()

    got = await run_until(bot, vn(2026, 12, 17, 8), {"leader": leader})
    (reminder,) = got["leader"]
    assert "UBND thành phố Tam Kỳ: bản nháp, đã trả lời 2/9 câu." in reminder.text
    leader.last = [as_said(reminder)]
    await leader.tap("Tiếp tục")
    assert "tiếp tục từ chỗ đang dừng" in leader.text
    assert (
        "(3/9) Đơn vị đăng ký bao nhiêu cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở?"
        in leader.text
    )


async def test_after_downtime_across_two_steps_only_the_latest_goes_out_once(bot: Bot) -> None:
    bot.clock.set(vn(2026, 12, 16, 9))
    leader = await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    await bot.stop()
    bot.clock.set(vn(2026, 12, 28, 11))  # down over the 7-day and the 3-day steps
    await bot.restart()
    await bot.app.reminders.tick()
    caught_up = [s.text for s in await leader.inbox()]
    assert len(caught_up) == 1 and "còn 3 ngày" in caught_up[0]

    await bot.restart()  # a second restart at once sends nothing again
    await bot.app.reminders.tick()
    assert await leader.inbox() == []
    got = await run_until(bot, vn(2026, 12, 30, 8), {"leader": leader})
    assert [g.at for g in got["leader"]] == [vn(2026, 12, 30, 8)]  # the next step, on time


async def test_snooze_brings_the_reminder_back_a_day_later_and_before_the_deadline(
    bot: Bot,
) -> None:
    bot.clock.set(vn(2026, 12, 16, 9))
    leader = await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    got = await run_until(bot, vn(2026, 12, 17, 8), {"leader": leader})
    leader.last = [as_said(got["leader"][0])]
    await leader.tap("Nhắc lại sau")
    assert "sẽ nhắc lại về «Đăng ký thi đua» lúc 08:00 ngày 18/12/2026" in leader.text

    again = await run_until(
        bot, vn(2026, 12, 19, 8), {"leader": leader}, every=timedelta(minutes=30)
    )
    assert [g.at for g in again["leader"]] == [vn(2026, 12, 18, 8)]

    bot.clock.set(vn(2026, 12, 31, 7, 30))
    on_the_day = await run_until(bot, vn(2026, 12, 31, 9), {"leader": leader})
    leader.last = [as_said(on_the_day["leader"][0])]
    await leader.tap("Nhắc lại sau")
    assert (
        "lúc 16:00 ngày 31/12/2026" in leader.text
    )  # an hour before the deadline, not a day later
    late = await run_until(bot, vn(2026, 12, 31, 18), {"leader": leader})
    assert [g.at for g in late["leader"]] == [vn(2026, 12, 31, 16)]


async def test_a_step_missed_while_down_waits_for_the_quiet_night_to_end(bot: Bot) -> None:
    bot.clock.set(vn(2026, 12, 16, 9))
    leader = await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    await bot.stop()
    bot.clock.set(vn(2026, 12, 17, 22, 0))  # down at 08:00; back in quiet hours
    await bot.restart()
    got = await run_until(
        bot, vn(2026, 12, 18, 9), {"leader": leader}, every=timedelta(minutes=30)
    )
    assert [g.at for g in got["leader"]] == [vn(2026, 12, 18, 7)]  # when the night ends
    assert "còn 13 ngày" in got["leader"][0].text


async def test_a_snoozed_reminder_overtaken_by_the_next_step_is_not_sent_again(
    bot: Bot,
) -> None:
    bot.clock.set(vn(2026, 12, 29, 9))
    leader = await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    got = await run_until(bot, vn(2026, 12, 30, 8, 5), {"leader": leader})
    leader.last = [as_said(got["leader"][-1])]
    await leader.tap("Nhắc lại sau")
    assert "lúc 08:05 ngày 31/12/2026" in leader.text

    later = await run_until(
        bot, vn(2026, 12, 31, 9), {"leader": leader}, every=timedelta(minutes=5)
    )
    assert [g.at for g in later["leader"]] == [vn(2026, 12, 31, 8)]  # the day's own step only
