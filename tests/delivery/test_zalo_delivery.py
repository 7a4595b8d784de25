"""The outbox worker on Zalo: the OA's 7-day window and rate limit, the Bot Platform's quota."""

from __future__ import annotations

from datetime import timedelta

from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import FakeZaloOA
from harness import Clock
from outbox_rows import (
    VirtualTime,
    account,
    own_worker,
    person,
    queue,
    rows,
    running,
    settled,
    virtual_pacing,
)

from bot.channels.zalo_bot.channel import QUOTA_PAUSE
from bot.channels.zalo_oa.channel import RATE_PAUSE
from bot.delivery.results import RetryAfter, Sent, Target
from handlers.types import Attachment, Reply

REMINDER = Reply("Nhắc hạn: gửi đăng ký thi đua trước 17:00 thứ Sáu")
CHART = Attachment("image", "bieu-do.png", b"\x89PNG\r\n\x1a\nchart")


async def test_outside_the_7_day_window_a_row_is_unreachable_without_calling_zalo(
    database_url: str, clock: Clock, zalo_oa_api: FakeZaloOA
) -> None:
    async with running(database_url, clock, oa=zalo_oa_api) as bot:
        quiet = await person(bot, "zalo_oa", "oa-1", wrote_at=clock.now() - timedelta(days=8))
        recent = await person(bot, "zalo_oa", "oa-2", wrote_at=clock.now() - timedelta(days=6))
        late, fine = await settled(
            bot, [await queue(bot, quiet, REMINDER), await queue(bot, recent, REMINDER)]
        )
        marked = await account(bot, quiet)
    assert (late.status, fine.status) == ("unreachable", "sent")
    assert marked.blocked and marked.blocked_reason is not None
    assert "outside Zalo's 7-day window" in marked.blocked_reason
    assert zalo_oa_api.send_calls == 1 and zalo_oa_api.texts("oa-2") == [REMINDER.text]
    assert "oa-1" not in zalo_oa_api.sent


async def test_the_oa_rate_limit_pauses_the_oa_and_the_message_goes_out_once_after(
    sqlite_url: str, clock: Clock, zalo_oa_api: FakeZaloOA
) -> None:
    zalo_oa_api.fail_next_send(-32, "The application has exceeded its rate limit")
    async with running(sqlite_url, clock, oa=zalo_oa_api, zalo_oa_rate_per_chat_per_s=100) as bot:
        time = VirtualTime()
        worker = await own_worker(bot, virtual_pacing(bot, time))
        someone = await person(bot, "zalo_oa", "oa-3", wrote_at=clock.now())
        row_id = await queue(bot, someone, REMINDER)
        await worker.drain()
        (row,) = await rows(bot, [row_id])
    assert time.waits == [RATE_PAUSE]  # the OA waited out Zalo's limit, then sent again
    assert (row.status, row.attempts) == ("sent", 1)
    assert zalo_oa_api.send_calls == 2 and zalo_oa_api.texts("oa-3") == [REMINDER.text]


async def test_the_bot_platforms_429_asks_for_a_pause_and_a_retry_skips_what_went_out(
    sqlite_url: str, clock: Clock, zalo_bot_api: FakeZaloBot
) -> None:
    report = Reply("Biểu đồ tiến độ đăng ký", attachments=(CHART,))
    async with running(
        sqlite_url, clock, zalo=zalo_bot_api, zalo_bot_rate_per_chat_per_s=100
    ) as bot:
        assert bot.app.zalo_bot is not None
        channel, target = bot.app.zalo_bot.channel, Target("zalo_bot", "zb-1", "zb-1")
        zalo_bot_api.fail("sendPhoto", 429)
        assert await channel.send(target, [report]) == RetryAfter(QUOTA_PAUSE, done=1)
        again = await channel.send(target, [report], skip=1)
        assert isinstance(again, Sent) and len(again.message_ids) == 1
        assert [m.get("text") or m["photo"][:4] for m in zalo_bot_api.sent["zb-1"]] == [
            report.text,
            "http",
        ]
        zalo_bot_api.fail("sendPhoto", 429)  # the same through the worker
        time = VirtualTime()
        worker = await own_worker(bot, virtual_pacing(bot, time))
        row_id = await queue(bot, await person(bot, "zalo_bot", "zb-2"), report)
        await worker.drain()
        (row,) = await rows(bot, [row_id])
    assert QUOTA_PAUSE in time.waits  # the quota pause was waited out
    assert (row.status, row.attempts, len(row.message_ids)) == ("sent", 1, 1)
    assert [("text" in m, "photo" in m) for m in zalo_bot_api.sent["zb-2"]] == [
        (True, False),
        (False, True),
    ]  # the text once, before the 429, and the photo once, after it
