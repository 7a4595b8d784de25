"""A bot on the fake platforms, rows in its outbox, and waiting until workers have settled them."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime
from typing import Any

from fakes.telegram_api import Call, FakeTelegram
from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import FakeZaloOA
from harness import Bot, Clock
from sqlalchemy import select
from zalo_people import zalo_bot

from bot.app import rates
from bot.delivery.pacing import Pacing
from bot.delivery.worker import OutboxWorker
from handlers.types import Reply, pack
from storage import accounts, outbox
from storage.models import Account, Outbox


@contextlib.asynccontextmanager
async def running(
    url: str,
    clock: Clock,
    *,
    telegram: FakeTelegram | None = None,
    zalo: FakeZaloBot | None = None,
    oa: FakeZaloOA | None = None,
    **settings: object,
) -> AsyncIterator[Bot]:
    """The whole bot, started, with the platforms given pointed at their fakes."""
    if telegram is not None:
        settings.update(telegram_bot_token=telegram.token, telegram_api_base_url=telegram.api_url)
    async with zalo_bot(url, clock, bot=zalo, oa=oa, **settings) as bot:
        yield bot


async def person(bot: Bot, channel: str, user_id: str, *, wrote_at: datetime | None = None) -> int:
    """An account (its id) as the bot knows it, last heard from at `wrote_at`."""
    async with bot.app.db.transaction() as session:
        account = await accounts.ensure_account(
            session, channel, user_id, locale="vi", at=bot.clock.now()
        )
        account.last_inbound_at = wrote_at
        return account.id


async def account(bot: Bot, account_id: int) -> Account:
    async with bot.app.db.transaction() as session:
        found = await session.get(Account, account_id)
    assert found is not None
    return found


async def queue(bot: Bot, account_id: int, *replies: Reply, chat_id: str | None = None) -> int:
    """One outbox row (its id) for the account, due now."""
    async with bot.app.db.transaction() as session:
        row = await outbox.enqueue(
            session, account_id, "reminder", pack(replies), bot.clock.now(), chat_id=chat_id
        )
        return row.id


async def rows(bot: Bot, ids: Sequence[int] | None = None) -> list[Outbox]:
    """The rows as stored (all of them when `ids` is None), in id order."""
    query = select(Outbox).order_by(Outbox.id)
    if ids is not None:
        query = query.where(Outbox.id.in_(ids))
    async with bot.app.db.transaction() as session:
        return list(await session.scalars(query))


async def until(condition: Callable[[], Any], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        await asyncio.sleep(0.01)


async def settled(bot: Bot, ids: Sequence[int], timeout: float = 10.0) -> list[Outbox]:
    """Wake the bot's own worker and wait until none of these rows is pending any more."""
    assert bot.app.outbox is not None
    bot.app.outbox.wake()
    deadline = time.monotonic() + timeout
    while True:
        found = await rows(bot, ids)
        stuck = [
            (row.id, row.attempts, row.last_error) for row in found if row.status == "pending"
        ]
        if not stuck:
            return found
        assert time.monotonic() < deadline, f"still pending: {stuck}"
        await asyncio.sleep(0.02)


def calls_to(fake: FakeTelegram, chat_id: int | str, method: str = "sendMessage") -> list[Call]:
    return [c for c in fake.calls_of(method) if str(c.params.get("chat_id")) == str(chat_id)]


class VirtualTime:
    """Monotonic time for pauses that passes at once when waited for, and remembers the waits."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


async def own_worker(bot: Bot, pacing: Pacing | None = None) -> OutboxWorker:
    """The bot's worker stops looking for rows; the test has this one claim and send them with
    `drain()`, over the bot's channels and database (and pacing, unless given another)."""
    assert bot.app.outbox is not None
    await bot.app.outbox.stop(0)
    return OutboxWorker(bot.app.db, bot.app.channels(), pacing or bot.app.pacing, bot.clock.now)


def virtual_pacing(bot: Bot, time: VirtualTime) -> Pacing:
    """The bot's rates, but a platform's pause passes in virtual time."""
    return Pacing(rates(bot.settings), sleep=time.sleep, clock=time.clock)
