"""The bot's token never reaches the bot's log (at INFO, the level `main.py` logs at)."""

from __future__ import annotations

import logging

import pytest
from fakes.telegram_api import FakeTelegram
from harness import Clock
from telegram_people import TelegramUser, telegram_bot


async def test_the_telegram_token_is_not_logged(
    telegram_api: FakeTelegram, sqlite_url: str, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with telegram_bot(telegram_api, sqlite_url, clock, "polling") as bot:
        person = TelegramUser(telegram_api, 4242)
        await person.say("/start " + await bot.invite("TAMKY"))
        await person.say("/dangky")
        assert "(1/9)" in person.last
    secret = telegram_api.token.split(":", 1)[1]
    ours = [r for r in caplog.records if r.name != "aiohttp.access"]  # the fake's own log
    logged = [r for r in ours if secret in r.getMessage() or secret in str(r.args)]
    assert len(ours) > 3  # the run did log
    assert logged == [], [r.getMessage()[:120] for r in logged]
