"""A bot wired to the fake Telegram API, and people who use it the way a person does."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import AsyncIterator
from typing import Any

from fakes.telegram_api import FakeTelegram
from harness import Bot, Clock, make_settings

SECRET = "s3cret_Token-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def telegram_bot(
    fake: FakeTelegram,
    url: str,
    clock: Clock,
    mode: str,
    *,
    token: str | None = None,
    **extra: object,
) -> AsyncIterator[Bot]:
    port = free_port()
    webhook: dict[str, object] = {}
    if mode == "webhook":
        webhook = {
            "telegram_webhook_url": f"http://127.0.0.1:{port}/hooks/telegram",
            "telegram_webhook_secret": SECRET,
        }
    settings = make_settings(
        url,
        http_port=port,
        telegram_bot_token=token or fake.token,
        telegram_api_base_url=fake.api_url,
        bot_admins=("telegram:42",),
        **webhook,
        **extra,
    )
    bot = Bot(settings, clock)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()


class TelegramUser:
    def __init__(self, fake: FakeTelegram, user_id: int, language: str = "vi") -> None:
        self.fake, self.id, self.language = fake, user_id, language

    async def say(self, text: str) -> dict[str, Any]:
        return await self.fake.user_says(self.id, text, language=self.language)

    async def tap(self, label_part: str) -> dict[str, Any]:
        shown = self.fake.last_with_buttons(self.id)
        buttons = [
            b
            for row in shown["reply_markup"]["inline_keyboard"]
            for b in row
            if label_part in b["text"]
        ]
        assert len(buttons) == 1, f"no single button {label_part!r} in {shown['reply_markup']}"
        return await self.fake.user_presses(
            self.id, buttons[0]["callback_data"], language=self.language
        )

    @property
    def texts(self) -> list[str]:
        return self.fake.texts(self.id)

    @property
    def last(self) -> str:
        return self.texts[-1]
