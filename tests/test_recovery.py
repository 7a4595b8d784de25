"""Failures inside an update roll everything back, so what a person typed is never half-saved."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite
from harness import Bot
from sqlalchemy import func, select

from storage.events import claim_event
from storage.models import ProcessedEvent


async def test_a_database_failure_mid_update_answers_politely_and_the_retry_goes_through(
    quick_bot: Bot,
) -> None:
    leader = quick_bot.person()
    await leader.say(await quick_bot.invite("TAYGIANG"))
    await leader.say("/dangky")
    path = quick_bot.settings.database_url.removeprefix("sqlite:///")
    async with aiosqlite.connect(path) as raw:  # the history table goes missing under the bot
        await raw.execute("ALTER TABLE pledge_revision RENAME TO pledge_revision_gone")
        await raw.commit()
    body = {"id": "answer-1", "payload": "opt:co_ubnd"}
    _, failed = await leader.post(body)
    assert failed["replies"][0]["text"].startswith("Xin lỗi, hệ thống gặp sự cố")
    pledge = await quick_bot.pledge("TAYGIANG")
    assert pledge is not None and pledge.fields == {}  # nothing half-saved

    async with aiosqlite.connect(path) as raw:
        await raw.execute("ALTER TABLE pledge_revision_gone RENAME TO pledge_revision")
        await raw.commit()
    _, retried = await leader.post(body)  # the same message again
    assert "Đã lưu: Cờ thi đua của UBND tỉnh" in retried["replies"][0]["text"]


async def test_old_event_ids_are_forgotten_at_start(quick_bot: Bot) -> None:
    async with quick_bot.app.db.transaction() as session:
        old = quick_bot.clock.now() - timedelta(days=31)
        assert await claim_event(session, "telegram", "old", old)
        assert await claim_event(session, "telegram", "recent", quick_bot.clock.now())
    await quick_bot.restart()
    async with quick_bot.app.db.transaction() as session:
        kept = list(await session.scalars(select(ProcessedEvent.event_id)))
        total = await session.scalar(select(func.count()).select_from(ProcessedEvent))
    assert kept == ["recent"] and total == 1
