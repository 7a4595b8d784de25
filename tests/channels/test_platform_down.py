"""A platform that cannot be reached at start: the web chat and the other channels serve at
once, /healthz says which channel is degraded (and answers 200), and the channel comes up by
itself when the platform answers again."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp.test_utils import TestServer
from fakes.telegram_api import FakeTelegram
from fakes.zalo_bot_api import FakeZaloBot
from harness import Bot, Clock, make_settings
from telegram_people import TelegramUser, free_port


async def health(bot: Bot) -> dict[str, Any]:
    assert bot.http is not None
    async with bot.http.get("/healthz") as answer:
        assert answer.status == 200
        return dict(await answer.json())


async def back_up(fake: FakeTelegram | FakeZaloBot, port: int) -> None:
    """The platform answers again, at the same address."""
    fake.server = TestServer(fake.server.app, host="127.0.0.1", port=port)
    await fake.server.start_server()


async def until_up(bot: Bot, name: str) -> None:
    for _ in range(100):
        if (await health(bot))["channels"][name] == "ok":
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{name} did not come up: {await health(bot)}")


async def test_telegram_down_at_start(sqlite_url: str, clock: Clock) -> None:
    fake = FakeTelegram()
    await fake.start()
    port = fake.server.port
    await fake.server.close()  # Telegram cannot be reached
    settings = make_settings(
        sqlite_url,
        http_port=free_port(),
        telegram_bot_token=fake.token,
        telegram_api_base_url=f"http://127.0.0.1:{port}",
    )
    bot = Bot(settings, clock)
    bot.app.retry_wait = 0.1
    await bot.start()
    try:
        leader = bot.person()
        await leader.say("/trogiup")  # the web chat serves meanwhile
        assert "/dangky" in leader.text
        state = (await health(bot))["channels"]
        assert state["web"] == "ok" and state["telegram"].startswith("degraded: Telegram")
        await back_up(fake, port)
        await until_up(bot, "telegram")
        person = TelegramUser(fake, 777)
        await person.say("/start")
        assert "Xin chào!" in person.last
    finally:
        await bot.stop()
        await fake.stop()


async def test_zalo_bot_down_at_start(sqlite_url: str, clock: Clock) -> None:
    fake = FakeZaloBot()
    await fake.start()
    port = fake.server.port
    await fake.server.close()
    settings = make_settings(
        sqlite_url,
        http_port=free_port(),
        zalo_bot_token=fake.token,
        zalo_bot_api_base_url=f"http://127.0.0.1:{port}",
    )
    bot = Bot(settings, clock)
    bot.app.retry_wait = 0.1
    await bot.start()
    try:
        assert (await health(bot))["channels"]["zalo_bot"].startswith("degraded: the Zalo Bot")
        leader = bot.person()
        await leader.say("/trogiup")
        assert "/dangky" in leader.text
        await back_up(fake, port)
        await until_up(bot, "zalo_bot")
        await fake.user_says("zalo-user-9", "/start")
        assert any("Xin chào!" in t for t in fake.texts("zalo-user-9"))
    finally:
        await bot.stop()
        await fake.stop()


async def test_stopping_while_a_platform_is_still_down(
    sqlite_url: str, clock: Clock, caplog: Any
) -> None:
    settings = make_settings(
        sqlite_url,
        http_port=free_port(),
        telegram_bot_token="123456:TEST-token",
        telegram_api_base_url=f"http://127.0.0.1:{free_port()}",  # nothing listens there
    )
    bot = Bot(settings, clock)
    bot.app.retry_wait = 0.05
    await bot.start()
    await asyncio.sleep(0.3)  # a few retries
    assert (await health(bot))["channels"]["telegram"].startswith("degraded")
    await bot.stop()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
