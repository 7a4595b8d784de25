"""The OA's rotating OAuth token pair, kept in the database and refreshed by one writer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import aiohttp

from bot.channels.zalo_oa import channel as zalo_oa
from bot.settings import Settings, StartupError
from storage import tokens
from storage.db import Database

log = logging.getLogger(__name__)
REFRESH_AHEAD = timedelta(hours=1)  # the access token lives 25 h; refresh in its last hour


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
