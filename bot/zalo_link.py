"""The bot's links to Zalo: the Bot Platform (polling or webhook) and an Official Account
(webhook, consultation messages, a rotating OAuth token pair kept in the database)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import urlparse

import aiohttp
from aiohttp import web

from bot.channels import zalo_bot, zalo_oa
from bot.dispatcher import Dispatcher
from bot.media import MediaStore
from bot.settings import Settings, StartupError
from bot.tasks import cancel
from handlers.types import Identity, Reply
from storage import accounts, tokens
from storage.db import Database

log = logging.getLogger(__name__)
OA_WEBHOOK_PATH = "/zalo/oa/webhook"
REFRESH_AHEAD = timedelta(hours=1)  # the access token lives 25 h; refresh in its last hour
OA_WINDOW = timedelta(days=7)  # consultation messages only within 7 days of the last message


class ZaloBotLink:
    def __init__(
        self,
        settings: Settings,
        dispatcher: Dispatcher,
        media: MediaStore,
        now: Callable[[], datetime],
        http: aiohttp.ClientSession,
    ) -> None:
        assert settings.zalo_bot_token is not None
        self.settings = settings
        api = zalo_bot.ZaloBotApi(
            http, settings.zalo_bot_api_base_url, settings.zalo_bot_token.get_secret_value()
        )
        self.channel = zalo_bot.ZaloBotChannel(api, dispatcher.handle, now, media.link)
        self._task: asyncio.Task[None] | None = None

    async def open(self) -> None:
        try:
            me = await self.channel.api.call("getMe")
        except zalo_bot.ZaloBotError as error:
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

    async def close(self) -> None:
        await cancel([self._task])


class OATokens:
    """The OA's access token, refreshed by one writer at a time across instances.

    A refresh token works once: the new pair is committed before it is used, under a row lock,
    so a second instance waits and then finds the fresh pair instead of spending the old one.
    """

    def __init__(
        self,
        settings: Settings,
        db: Database,
        http: aiohttp.ClientSession,
        now: Callable[[], datetime],
    ) -> None:
        assert settings.zalo_oa_app_id is not None and settings.zalo_app_secret_key is not None
        self.key = f"zalo_oa:{settings.zalo_oa_app_id}"
        self._settings, self._db, self._http, self._now = settings, db, http, now
        self._access: str | None = None
        self._expires: datetime | None = None
        self._lock = asyncio.Lock()

    async def load(self) -> None:
        async with self._db.transaction() as session:
            row = await tokens.find_token(session, self.key)
        if row is not None:
            self._access, self._expires = row.access_token, row.access_expires_at
        elif self._settings.zalo_oa_refresh_token is None:
            raise StartupError("ZALO_OA_REFRESH_TOKEN: needed once, to get the first token")
        else:
            await self.refresh(stale="")

    async def current(self) -> str:
        if (
            self._access is None
            or self._expires is None
            or (self._expires - self._now() < REFRESH_AHEAD)
        ):
            return await self.refresh(stale=self._access or "")
        return self._access

    async def refresh(self, stale: str) -> str:
        async with self._lock, self._db.transaction() as session:
            row = await tokens.lock_token(session, self.key)
            now = self._now()
            if (
                row is not None
                and row.access_token != stale
                and (row.access_expires_at - now >= REFRESH_AHEAD)
            ):  # another instance (or task) refreshed while we waited
                self._access, self._expires = row.access_token, row.access_expires_at
                return row.access_token
            spent = row.refresh_token if row is not None else self._bootstrap()
            access, renewed, lifetime = await self._exchange(spent)
            saved = await tokens.save_token(
                session,
                self.key,
                access=access,
                refresh=renewed,
                expires_at=now + lifetime,
                at=now,
            )
            self._access, self._expires = saved.access_token, saved.access_expires_at
        log.info("zalo OA access token refreshed; valid until %s", self._expires)
        return access

    def _bootstrap(self) -> str:
        assert self._settings.zalo_oa_refresh_token is not None
        return self._settings.zalo_oa_refresh_token.get_secret_value()

    async def _exchange(self, refresh_token: str) -> tuple[str, str, timedelta]:
        settings = self._settings
        assert settings.zalo_app_secret_key is not None and settings.zalo_oa_app_id is not None
        form = {
            "refresh_token": refresh_token,
            "app_id": settings.zalo_oa_app_id,
            "grant_type": "refresh_token",
        }
        try:
            async with self._http.post(
                f"{settings.zalo_oauth_base_url}/v4/oa/access_token",
                data=form,
                headers={"secret_key": settings.zalo_app_secret_key.get_secret_value()},
                timeout=aiohttp.ClientTimeout(total=15),
            ) as answer:
                body = await answer.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise zalo_oa.ZaloOAError(0, f"token endpoint unreachable: {error!r}") from None
        if not isinstance(body, dict) or not body.get("access_token"):
            log.error(
                "zalo OA token refresh refused (%.200r): an OA admin must grant access "
                "again and set ZALO_OA_REFRESH_TOKEN",
                body,
            )
            raise zalo_oa.ZaloOAError(-216, "token refresh refused")
        seconds = int(str(body.get("expires_in") or 90000))  # a string in Zalo's answer
        return str(body["access_token"]), str(body["refresh_token"]), timedelta(seconds=seconds)


class ZaloOALink:
    def __init__(
        self,
        settings: Settings,
        dispatcher: Dispatcher,
        db: Database,
        media: MediaStore,
        now: Callable[[], datetime],
        http: aiohttp.ClientSession,
    ) -> None:
        self.settings, self._db, self._now = settings, db, now
        self.tokens = OATokens(settings, db, http, now)
        api = zalo_oa.ZaloOAApi(http, settings.zalo_oa_api_base_url, self.tokens)
        self.channel = zalo_oa.ZaloOAChannel(
            api, dispatcher.handle, now, media.link, self.unreachable
        )
        self._task: asyncio.Task[None] | None = None

    async def open(self) -> None:
        await self.tokens.load()

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

    async def close(self) -> None:
        await cancel([self._task])

    async def send(self, identity: Identity, replies: list[Reply]) -> bool:
        """A proactive message, only to someone who wrote to the OA within the last 7 days."""
        async with self._db.transaction() as session:
            account = await accounts.find_account(session, "zalo_oa", identity.user_id)
            last = account.last_inbound_at if account is not None else None
            if last is None or self._now() - last > OA_WINDOW:
                when = last.isoformat(timespec="minutes") if last else "never"
                await accounts.mark_unreachable(
                    session,
                    "zalo_oa",
                    identity.user_id,
                    f"outside Zalo's 7-day window (last message: {when})",
                    self._now(),
                )
                return False
        return await self.channel.deliver(identity, replies)

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
