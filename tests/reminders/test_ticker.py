"""The real clock: APScheduler ticks by itself and a web leader's reminder arrives once.

The shape of the check an operator runs by hand (registration due in a day, the send time the
next minute, no quiet hours), with the bot's time set a few seconds before that minute and a
tick every second, so that it takes seconds rather than minutes.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from harness import VN, Bot, Clock, linked, make_settings

ROOT = Path(__file__).resolve().parent.parent.parent


class RunningClock(Clock):
    """Real time, shifted: it moves by itself, as the scheduler's own clock does."""

    def __init__(self, start: datetime) -> None:
        super().__init__(start)
        self._shift = start - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._shift


async def test_the_scheduler_sends_the_reminder_at_the_send_time_once(
    sqlite_url: str, tmp_path: Path
) -> None:
    start = datetime(2026, 12, 30, 10, 0, 57, tzinfo=VN)
    text = (ROOT / "campaigns" / "quang-nam-2024.yaml").read_text(encoding="utf-8")
    text = text.replace("due: 2026-12-31T17:00:00", "due: 2026-12-31T10:01:00")
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(text + '\nreminders:\n  send_at: "10:01"\n  quiet_hours: ""\n', "utf-8")
    clock = RunningClock(start)
    bot = Bot(make_settings(sqlite_url, campaign_file=campaign, reminder_tick_seconds=1), clock)
    await bot.start()
    try:
        leader = await linked(bot, "TAMKY")
        got: list[tuple[datetime, str]] = []
        limit = time.monotonic() + 12
        while time.monotonic() < limit:
            got += [(clock.now(), s.text) for s in await leader.inbox()]
            await asyncio.sleep(0.2)
        assert len(got) == 1, got
        arrived, reminder = got[0]
        send_at = datetime(2026, 12, 30, 10, 1, tzinfo=VN)
        assert send_at <= arrived < send_at + timedelta(seconds=3)
        assert reminder.startswith("⏰ Nhắc hạn: Đăng ký thi đua\nHạn chót: 10:01 ngày 31/12/2026")
    finally:
        await bot.stop()
