"""Fixtures for the channel tests: bots wired to the fake Telegram Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fakes.telegram_api import FakeTelegram
from harness import Bot, Clock
from telegram_people import telegram_bot


@pytest.fixture
async def polling(telegram_api: FakeTelegram, sqlite_url: str, clock: Clock) -> AsyncIterator[Bot]:
    async with telegram_bot(telegram_api, sqlite_url, clock, "polling") as bot:
        yield bot


@pytest.fixture
async def webhook(telegram_api: FakeTelegram, sqlite_url: str, clock: Clock) -> AsyncIterator[Bot]:
    async with telegram_bot(telegram_api, sqlite_url, clock, "webhook") as bot:
        yield bot
