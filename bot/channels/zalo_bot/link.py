"""The bot's link to the Zalo Bot Platform: checked at start, polling or a webhook."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlparse

import aiohttp
from aiohttp import web

from bot.channels.zalo_bot import channel as zalo_bot
from bot.dispatcher import Dispatcher
from bot.media import MediaStore
from bot.settings import PlatformDown, Settings, StartupError
from bot.tasks import cancel

log = logging.getLogger(__name__)


class ZaloBotLink:
    def __init__(
        self,
        settings: Settings,
        dispatcher: Dispatcher,
        media: MediaStore,
        now: Callable[[], datetime],
        http: aiohttp.ClientSession,
        answer: zalo_bot.Answer,
    ) -> None:
        assert settings.zalo_bot_token is not None
        self.settings = settings
        api = zalo_bot.ZaloBotApi(
            http, settings.zalo_bot_api_base_url, settings.zalo_bot_token.get_secret_value()
        )
        self.channel = zalo_bot.ZaloBotChannel(api, dispatcher.handle, now, media.link, answer)
        self._task: asyncio.Task[None] | None = None

    async def open(self) -> None:
        try:
            me = await self.channel.api.call("getMe")
        except zalo_bot.ZaloBotError as error:
            if error.code == 0 or error.code >= 500:  # no answer, or Zalo's own trouble
                raise PlatformDown(f"the Zalo Bot Platform cannot be reached ({error})") from None
            raise StartupError(f"ZALO_BOT_TOKEN: Zalo did not accept it ({error})") from None
        log.info("zalo bot %s", (me or {}).get("account_name"))

    def routes(self) -> list[web.RouteDef]:
        url, secret = self.settings.zalo_bot_webhook_url, self.settings.zalo_bot_webhook_secret
        if url is None or secret is None:
            return []
        path = urlparse(url).path or "/"
        return [zalo_bot.webhook_route(self.channel, secret.get_secret_value(), path)]

    async def start(self) -> None:
        """Webhook when ZALO_BOT_WEBHOOK_URL is set, else polling; never both (they exclude)."""
        url, secret = self.settings.zalo_bot_webhook_url, self.settings.zalo_bot_webhook_secret
        if url is not None and secret is not None:
            await self.channel.api.call(
                "setWebhook", {"url": url, "secret_token": secret.get_secret_value()}
            )
        else:
            await self.channel.api.call("deleteWebhook")  # a stale webhook silences polling
            self._task = asyncio.create_task(zalo_bot.poll(self.channel))

    async def stop_receiving(self) -> None:
        await cancel([self._task])
        self._task = None

    async def close(self) -> None:
        await cancel([self._task])
