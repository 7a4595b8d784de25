"""The bot's link to a Zalo Official Account: webhook, consultation messages, the 7-day window."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

import aiohttp
from aiohttp import web

from bot.channels.zalo_oa import channel as zalo_oa
from bot.channels.zalo_oa.tokens import OATokens
from bot.dispatcher import Dispatcher
from bot.media import MediaStore
from bot.settings import PlatformDown, Settings, StartupError
from bot.tasks import cancel
from handlers.types import Identity
from storage import accounts
from storage.db import Database

log = logging.getLogger(__name__)
OA_WEBHOOK_PATH = "/zalo/oa/webhook"


class ZaloOALink:
    def __init__(
        self,
        settings: Settings,
        dispatcher: Dispatcher,
        db: Database,
        media: MediaStore,
        now: Callable[[], datetime],
        http: aiohttp.ClientSession,
        answer: zalo_oa.Answer,
    ) -> None:
        self.settings, self._db, self._now = settings, db, now
        self.tokens = OATokens(settings, db, http, now)
        api = zalo_oa.ZaloOAApi(http, settings.zalo_oa_api_base_url, self.tokens)
        self.channel = zalo_oa.ZaloOAChannel(
            api, dispatcher.handle, now, media.link, answer, self.unreachable
        )
        self._task: asyncio.Task[None] | None = None

    async def open(self) -> None:
        try:
            await self.tokens.load()
        except zalo_oa.ZaloOAError as error:
            if error.code == 0:  # the OAuth server does not answer
                raise PlatformDown(f"Zalo's OAuth server cannot be reached ({error})") from None
            raise StartupError(f"ZALO_OA_REFRESH_TOKEN: Zalo refused it ({error})") from None

    def routes(self) -> list[web.RouteDef]:
        settings = self.settings
        assert settings.zalo_oa_app_id is not None and settings.zalo_oa_secret_key is not None
        return [
            zalo_oa.webhook_route(
                self.channel,
                settings.zalo_oa_app_id,
                settings.zalo_oa_secret_key.get_secret_value(),
                self._now,
                OA_WEBHOOK_PATH,
            )
        ]

    async def start(self) -> None:
        self._task = asyncio.create_task(self._keep_fresh())

    async def stop_receiving(self) -> None:
        """Events come by webhook, which the web server stops taking."""

    async def close(self) -> None:
        await cancel([self._task])

    async def unreachable(self, identity: Identity, reason: str) -> None:
        log.warning("zalo OA cannot reach %s: %s", identity.user_id, reason)
        async with self._db.transaction() as session:
            await accounts.mark_unreachable(
                session, "zalo_oa", identity.user_id, reason, self._now()
            )

    async def _keep_fresh(self) -> None:
        while True:
            try:
                await self.tokens.current()  # refreshes in the token's last hour
            except zalo_oa.ZaloOAError as error:
                log.error("zalo OA token could not be refreshed: %s", error)
            await asyncio.sleep(300)
