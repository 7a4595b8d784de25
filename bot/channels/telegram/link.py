"""The bot's link to Telegram: the PTB client, the channel, how updates arrive, the menus."""

from __future__ import annotations

import asyncio
import gettext
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from aiohttp import web
from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.helpers import create_deep_linked_url

from bot.channels.telegram.channel import Answer, TelegramChannel
from bot.channels.telegram.menus import Menus
from bot.channels.telegram.request import AiohttpRequest
from bot.channels.telegram.updates import ALLOWED_UPDATES, poll, webhook_route
from bot.dispatcher import Dispatcher
from bot.settings import PlatformDown, Settings, StartupError
from bot.tasks import cancel
from handlers.router import Router
from handlers.types import Identity
from storage import accounts
from storage.db import Database

log = logging.getLogger(__name__)
# httpx logs every request's URL at INFO, and a Bot API URL holds the bot's token
for _chatty in ("httpx", "httpcore"):
    logging.getLogger(_chatty).setLevel(logging.WARNING)
POLL_SECONDS = 25


class TelegramLink:
    def __init__(
        self,
        settings: Settings,
        dispatcher: Dispatcher,
        db: Database,
        router: Router,
        catalogs: Mapping[str, gettext.NullTranslations],
        now: Callable[[], datetime],
        answer: Answer,
    ) -> None:
        assert settings.telegram_bot_token is not None
        base = settings.telegram_api_base_url
        api = AiohttpRequest(connection_pool_size=16)
        self.bot = Bot(
            settings.telegram_bot_token.get_secret_value(),
            base_url=f"{base}/bot",
            base_file_url=f"{base}/file/bot",
            request=api,
            get_updates_request=AiohttpRequest(
                connection_pool_size=1, read_timeout=POLL_SECONDS + 10
            ),
        )
        self.settings, self._db, self._now = settings, db, now
        self.channel = TelegramChannel(self.bot, api, dispatcher.handle, now, answer)
        self.menus = Menus(self.bot, router, catalogs, settings.bot_default_locale)
        dispatcher.on_account_change.append(self._account_changed)
        self._tasks: list[asyncio.Task[Any]] = []

    async def open(self) -> None:
        """Ask Telegram who we are (getMe): a wrong token stops start-up, an unreachable API
        leaves the channel to be retried."""
        try:
            await self.bot.initialize()
        except InvalidToken:
            raise StartupError("TELEGRAM_BOT_TOKEN: Telegram refused this token") from None
        except NetworkError as error:  # timeouts too
            raise PlatformDown(f"Telegram cannot be reached ({error.message})") from None
        log.info("telegram bot @%s", self.bot.username)

    def routes(self) -> list[web.RouteDef]:
        url, secret = self.settings.telegram_webhook_url, self.settings.telegram_webhook_secret
        if url is None or secret is None:
            return []
        path = urlparse(url).path or "/"
        return [webhook_route(self.channel, secret.get_secret_value(), path)]

    async def start(self) -> None:
        """Webhook mode when TELEGRAM_WEBHOOK_URL is set, long polling otherwise: never both."""
        url, secret = self.settings.telegram_webhook_url, self.settings.telegram_webhook_secret
        if url is not None and secret is not None:
            await self.bot.set_webhook(
                url, secret_token=secret.get_secret_value(), allowed_updates=ALLOWED_UPDATES
            )
            log.info("telegram webhook at %s", url)
        else:
            await self.bot.delete_webhook()
            self._tasks.append(asyncio.create_task(poll(self.channel, timeout=POLL_SECONDS)))
            log.info("telegram long polling")
        self._tasks.append(asyncio.create_task(self._set_menus()))

    async def stop_receiving(self) -> None:
        await cancel(self._tasks)
        self._tasks = []

    async def close(self) -> None:
        await cancel(self._tasks)
        await self.channel.drain()
        await self.bot.shutdown()

    async def _set_menus(self) -> None:
        await self.menus.set_defaults()
        async with self._db.transaction() as session:
            office = await accounts.list_office_accounts(session, "telegram")
        for account in office:
            await self.menus.set_for_chat(int(account.user_id), account.role, account.locale)

    async def _account_changed(self, identity: Identity, role: str, locale: str) -> None:
        if identity.channel == "telegram":
            await self.menus.set_for_chat(int(identity.user_id), role, locale)


async def deep_link(settings: Settings, payload: str) -> str:
    """t.me/<bot>?start=<payload>: opening it sends `/start <payload>` to the bot."""
    assert settings.telegram_bot_token is not None
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=f"{settings.telegram_api_base_url}/bot",
    )
    try:
        async with bot:
            return create_deep_linked_url(bot.username, payload)
    except TelegramError as error:
        return f"(no link: Telegram did not answer: {error.message})"
