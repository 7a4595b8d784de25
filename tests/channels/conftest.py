"""Fixtures for the channel tests: the fake Telegram Bot API and bots wired to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fakes.telegram_api import FakeTelegram
from harness import Bot, Clock
from telegram_people import telegram_bot


@pytest.fixture
async def telegram_api() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def polling(telegram_api: FakeTelegram, sqlite_url: str, clock: Clock) -> AsyncIterator[Bot]:
    async with telegram_bot(telegram_api, sqlite_url, clock, "polling") as bot:
        yield bot


@pytest.fixture
async def webhook(telegram_api: FakeTelegram, sqlite_url: str, clock: Clock) -> AsyncIterator[Bot]:
    async with telegram_bot(telegram_api, sqlite_url, clock, "webhook") as bot:
        yield bot
