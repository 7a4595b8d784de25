"""Bots wired to the fake Zalo APIs."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import APP_ID, APP_SECRET, OA_SECRET, FakeZaloOA
from harness import Bot, Clock, make_settings
from telegram_people import free_port

BOT_SECRET = "zalo-webhook-secret-1"


@contextlib.asynccontextmanager
async def zalo_bot(
    url: str,
    clock: Clock,
    *,
    bot: FakeZaloBot | None = None,
    oa: FakeZaloOA | None = None,
    mode: str = "polling",
    **extra: object,
) -> AsyncIterator[Bot]:
    port = free_port()
    values: dict[str, object] = {"http_port": port, **extra}
    if bot is not None:
        values.update(zalo_bot_token=bot.token, zalo_bot_api_base_url=bot.api_url)
        if mode == "webhook":
            values.update(
                zalo_bot_webhook_url=f"http://127.0.0.1:{port}/hooks/zalo",
                zalo_bot_webhook_secret=BOT_SECRET,
            )
    if oa is not None:
        values.update(
            zalo_oa_app_id=APP_ID,
            zalo_oa_secret_key=OA_SECRET,
            zalo_app_secret_key=APP_SECRET,
            zalo_oa_refresh_token="RT-first",
            zalo_oa_api_base_url=oa.url,
            zalo_oauth_base_url=oa.url,
        )
        oa.webhook_url = f"http://127.0.0.1:{port}/zalo/oa/webhook"
    running = Bot(make_settings(url, **values), clock)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()
