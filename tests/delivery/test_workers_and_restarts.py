"""Delivered once: across a lease that ran out, two instances on one database, and a restart."""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest
from fakes.telegram_api import Call, FakeTelegram
from harness import Clock
from outbox_rows import calls_to, own_worker, person, queue, rows, running, settled, until
from sqlalchemy import select
from telegram_people import telegram_bot

from bot.app import rates
from bot.delivery.pacing import Pacing
from bot.delivery.worker import LEASE, OutboxWorker
from handlers.types import Reply, pack
from storage import accounts, outbox
from storage.models import Outbox

REMINDER = Reply("Nhắc hạn: gửi đăng ký thi đua trước 17:00 thứ Sáu")


async def test_a_worker_whose_lease_ran_out_cannot_record_its_outcome(
    database_url: str, clock: Clock, telegram_api: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    # The first send hangs and is then refused for good; the second hangs and goes through.
    telegram_api.fail(
        "sendMessage", 400, description="Bad Request: message is too long", stall=1.0
    )
    telegram_api.fail("sendMessage", 200, stall=1.5)
    async with running(database_url, clock, telegram=telegram_api) as bot:
        slow = await own_worker(bot)
        fast = OutboxWorker(bot.app.db, bot.app.channels(), Pacing(rates(bot.settings)), clock.now)
        row_id = await queue(bot, await person(bot, "telegram", "8601"), REMINDER)
        slowly = asyncio.create_task(slow.drain())
        await until(lambda: calls_to(telegram_api, 8601))  # the slow worker's send is under way
        clock.advance(seconds=LEASE.total_seconds() + 1)  # and its lease runs out meanwhile
        await fast.drain()  # the fast worker takes the row over and delivers it
        await slowly  # the slow worker's refusal came back while the fast one held the row
        (stored,) = await rows(bot, [row_id])
    assert (stored.status, stored.attempts, stored.last_error) == ("sent", 2, None)
    assert telegram_api.texts(8601) == [REMINDER.text] and len(calls_to(telegram_api, 8601)) == 2
    assert f"outbox row {row_id} was taken over by another worker" in caplog.text


async def test_two_instances_on_one_postgresql_deliver_each_of_200_messages_once(
    database_url: str, clock: Clock
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("two instances share one database only on PostgreSQL; SQLite has one writer")
    # One fake Telegram per instance, to see that both sent; a chat's messages are the union.
    fakes = [FakeTelegram(), FakeTelegram()]
    chats = range(9000, 9200)
    async with contextlib.AsyncExitStack() as stack:
        bots = []
        for fake in fakes:
            await fake.start()
            stack.push_async_callback(fake.stop)
            bots.append(
                await stack.enter_async_context(
                    running(database_url, clock, telegram=fake, telegram_rate_per_s=200)
                )
            )
        async with bots[0].app.db.transaction() as session:
            people = [
                await accounts.ensure_account(
                    session, "telegram", str(c), locale="vi", at=clock.now()
                )
                for c in chats
            ]
            await outbox.enqueue_many(
                session, [(p.id, None) for p in people], "reminder", pack([REMINDER]), clock.now()
            )
        for bot in bots[1:]:
            assert bot.app.outbox is not None
            bot.app.outbox.wake()
        queued = await settled(bots[0], [row.id for row in await rows(bots[0])], timeout=20)
    assert len(queued) == 200 and {row.status for row in queued} == {"sent"}
    assert {row.attempts for row in queued} == {1}
    assert [fakes[0].texts(c) + fakes[1].texts(c) for c in chats] == [[REMINDER.text]] * 200
    assert all(fake.calls_of("sendMessage") for fake in fakes)  # both instances took a share


async def test_an_answer_held_up_at_shutdown_is_kept_and_sent_once_after_the_restart(
    database_url: str, clock: Clock, telegram_api: FakeTelegram
) -> None:
    telegram_api.fail("sendMessage", 429, retry_after=30)

    def menus() -> list[Call]:
        return telegram_api.calls_of("setMyCommands")

    async with telegram_bot(
        telegram_api, database_url, clock, "polling", shutdown_grace_seconds=0.5
    ) as bot:
        # Start-up is over once the admin's menu is set. (Stopping while that start-up task is
        # inside a SQLite transaction can leave the database locked: not what this test is for.)
        await until(lambda: any(call.params["scope"]["type"] == "chat" for call in menus()))
        await telegram_api.user_says(8701, "/start", wait=False)
        await until(lambda: calls_to(telegram_api, 8701))  # refused: wait 30 s
        started = time.monotonic()
        await bot.restart()  # the update comes again; the dispatcher has seen it
        assert time.monotonic() - started < 5  # the grace, not the 30 s
        await telegram_api.wait_for(8701, "Xin chào!")
        async with bot.app.db.transaction() as session:
            parked = list(await session.scalars(select(Outbox)))
        assert [(row.kind, row.chat_id) for row in parked] == [("answer", "8701")]
        (row,) = await settled(bot, [parked[0].id])
    assert (row.status, row.attempts) == ("sent", 1)
    (answer,) = telegram_api.texts(8701)  # once, not twice
    assert "Xin chào!" in answer and len(calls_to(telegram_api, 8701)) == 2
