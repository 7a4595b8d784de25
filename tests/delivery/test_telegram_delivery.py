"""The outbox worker on Telegram: pauses, blocked people, server errors, groups and the rates."""

from __future__ import annotations

import time

from fakes.telegram_api import FakeTelegram
from fakes.zalo_bot_api import FakeZaloBot
from harness import Clock
from outbox_rows import calls_to, own_worker, person, queue, rows, running, settled

from bot.delivery.worker import GIVE_UP_AFTER
from handlers.types import Reply, pack
from storage import outbox
from storage.models import Account

REMINDER = Reply("Nhắc hạn: gửi đăng ký thi đua trước 17:00 thứ Sáu")


async def test_a_429_pauses_telegram_only_and_the_message_goes_out_once_after_the_wait(
    sqlite_url: str, clock: Clock, telegram_api: FakeTelegram, zalo_bot_api: FakeZaloBot
) -> None:
    delivered: list[tuple[int, float]] = []
    telegram_api.on_output = lambda chat: delivered.append((chat, time.monotonic()))
    telegram_api.fail("sendMessage", 429, retry_after=2)
    async with running(
        sqlite_url,
        clock,
        telegram=telegram_api,
        zalo=zalo_bot_api,
        telegram_rate_per_s=5,  # the second Telegram send waits its turn while the 429 comes
        zalo_bot_rate_per_s=50,
    ) as bot:
        on_telegram = [await person(bot, "telegram", str(chat)) for chat in (8001, 8002)]
        on_zalo = [await person(bot, "zalo_bot", f"z-{n}") for n in range(3)]
        telegram_rows = [await queue(bot, someone, REMINDER) for someone in on_telegram]
        zalo_rows = [await queue(bot, someone, REMINDER) for someone in on_zalo]
        started = time.monotonic()
        assert {row.status for row in await settled(bot, zalo_rows)} == {"sent"}
        assert time.monotonic() - started < 2  # Zalo did not wait for Telegram's pause
        assert delivered == [] and bot.app.pacing.paused_for("telegram") > 0
        assert bot.app.pacing.paused_for("zalo_bot") == 0
        assert {row.status for row in await settled(bot, telegram_rows)} == {"sent"}
    assert sorted(chat for chat, _ in delivered) == [8001, 8002]
    assert min(at for _, at in delivered) - started >= 2  # nothing went out during the pause
    assert telegram_api.texts(8001) == telegram_api.texts(8002) == [REMINDER.text]
    assert len(calls_to(telegram_api, 8001) + calls_to(telegram_api, 8002)) == 3  # one refused
    assert [zalo_bot_api.texts(f"z-{n}") for n in range(3)] == [[REMINDER.text]] * 3


async def test_a_chat_that_blocked_the_bot_marks_the_person_and_later_rows_are_not_sent(
    database_url: str, clock: Clock, telegram_api: FakeTelegram
) -> None:
    telegram_api.block(8101)
    async with running(database_url, clock, telegram=telegram_api) as bot:
        someone = await person(bot, "telegram", "8101")
        (first,) = await settled(bot, [await queue(bot, someone, REMINDER)])
        assert (first.status, first.attempts) == ("unreachable", 1)
        assert first.last_error == "Forbidden: bot was blocked by the user"
        async with bot.app.db.transaction() as session:
            account = await session.get(Account, someone)
            assert account is not None and account.blocked
            assert account.blocked_reason == "Forbidden: bot was blocked by the user"
        later = [await queue(bot, someone, Reply(f"Thông báo {n}")) for n in range(2)]
        assert [(row.status, row.attempts) for row in await settled(bot, later)] == [
            ("unreachable", 0)
        ] * 2  # never claimed
    assert len(calls_to(telegram_api, 8101)) == 1  # the 403 was not retried, nor sent again


async def test_server_errors_are_retried_with_growing_waits_until_the_worker_gives_up(
    sqlite_url: str, clock: Clock, telegram_api: FakeTelegram
) -> None:
    telegram_api.fail("sendMessage", 502, times=GIVE_UP_AFTER)
    async with running(
        sqlite_url, clock, telegram=telegram_api, telegram_rate_per_chat_per_s=100
    ) as bot:
        worker = await own_worker(bot)
        row_id = await queue(bot, await person(bot, "telegram", "8201"), REMINDER)
        waits: list[float] = []
        for attempt in range(1, GIVE_UP_AFTER):
            await worker.drain()
            (row,) = await rows(bot, [row_id])
            assert (row.status, row.attempts) == ("pending", attempt)
            waits.append((row.next_attempt_at - clock.now()).total_seconds())
            clock.advance(seconds=waits[-1] - 1)
            await worker.drain()  # not due yet: nothing is sent
            assert len(calls_to(telegram_api, 8201)) == attempt
            clock.advance(seconds=1)
        await worker.drain()
        (row,) = await rows(bot, [row_id])
    assert (row.status, row.attempts) == ("failed", GIVE_UP_AFTER)
    assert row.last_error is not None and "Bad Gateway" in row.last_error
    assert waits == sorted(set(waits)) and waits[0] >= 1  # each wait longer than the one before
    assert len(calls_to(telegram_api, 8201)) == GIVE_UP_AFTER and telegram_api.texts(8201) == []


async def test_a_server_error_is_retried_later_and_the_message_delivered_once(
    sqlite_url: str, clock: Clock, telegram_api: FakeTelegram
) -> None:
    telegram_api.fail("sendMessage", 502, times=2)
    async with running(
        sqlite_url, clock, telegram=telegram_api, telegram_rate_per_chat_per_s=100
    ) as bot:
        worker = await own_worker(bot)
        row_id = await queue(bot, await person(bot, "telegram", "8301"), REMINDER)
        for _ in range(3):
            await worker.drain()
            (row,) = await rows(bot, [row_id])
            clock.set(row.next_attempt_at)
    assert (row.status, row.attempts) == ("sent", 3) and len(row.message_ids) == 1
    assert telegram_api.texts(8301) == [REMINDER.text]


async def test_a_row_for_a_group_chat_goes_to_that_group(
    database_url: str, clock: Clock, telegram_api: FakeTelegram
) -> None:
    group = -1001234567890
    async with running(database_url, clock, telegram=telegram_api) as bot:
        someone = await person(bot, "telegram", "8401")
        (row,) = await settled(bot, [await queue(bot, someone, REMINDER, chat_id=str(group))])
    assert row.status == "sent"
    assert telegram_api.texts(group) == [REMINDER.text] and telegram_api.texts(8401) == []
    assert telegram_api.sent(group)[0]["chat"] == {"id": group, "type": "group"}


async def test_two_messages_to_each_of_30_chats_stay_within_telegrams_limits(
    sqlite_url: str, clock: Clock, telegram_api: FakeTelegram
) -> None:
    telegram_api.enforce_limits(30, 1)
    async with running(sqlite_url, clock, telegram=telegram_api) as bot:
        people = [await person(bot, "telegram", str(8500 + n)) for n in range(30)]
        async with bot.app.db.transaction() as session:
            await outbox.enqueue_many(
                session, [(p, None) for p in people] * 2, "reminder", pack([REMINDER]), clock.now()
            )
        queued = await rows(bot)
        assert {row.status for row in await settled(bot, [row.id for row in queued])} == {"sent"}
    assert len(queued) == 60 and telegram_api.rejected_429 == 0, telegram_api.refusals
    assert all(telegram_api.texts(8500 + n) == [REMINDER.text] * 2 for n in range(30))
