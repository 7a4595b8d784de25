"""Attachments by link: stored in the database, served at /media/<token>/<name> to platforms that
fetch images from a URL (Zalo). Links are unguessable and kept for a week."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from urllib.parse import quote

from aiohttp import web

from handlers.types import Attachment
from storage import media
from storage.db import Database

KEPT = timedelta(days=7)
CACHED = 8


class MediaStore:
    def __init__(self, db: Database, base_url: Callable[[], str], now: Callable[[], datetime]):
        self._db, self._base_url, self._now = db, base_url, now
        self._cache: dict[str, bytes] = {}  # a broadcast's file, read once for all recipients

    async def link(self, attachment: Attachment) -> str:
        if attachment.ref is not None:  # stored once already (a broadcast's file)
            return self.url(attachment.ref, attachment.name)
        kind = mimetypes.guess_type(attachment.name)[0] or "application/octet-stream"
        async with self._db.transaction() as session:
            stored = await media.put_media(
                session, attachment.name, kind, attachment.data, self._now()
            )
            await media.forget_media_before(session, self._now() - KEPT, self._now())
        return self.url(stored.token, attachment.name)

    def url(self, token: str, name: str) -> str:
        return f"{self._base_url()}/media/{token}/{quote(name)}"

    async def load(self, attachments: Sequence[Attachment]) -> tuple[Attachment, ...]:
        """Stored files with their bytes, for platforms that take uploads (Telegram)."""
        loaded = []
        for attachment in attachments:
            if attachment.ref is not None and not attachment.data:
                data = self._cache.get(attachment.ref)
                if data is None:
                    async with self._db.transaction() as session:
                        found = await media.find_media(session, attachment.ref)
                    data = found.data if found is not None else b""
                    if len(self._cache) >= CACHED:
                        self._cache.pop(next(iter(self._cache)))
                    self._cache[attachment.ref] = data
                attachment = replace(attachment, data=data)
            loaded.append(attachment)
        return tuple(loaded)

    def route(self) -> web.RouteDef:
        async def serve(request: web.Request) -> web.Response:
            async with self._db.transaction() as session:
                found = await media.find_media(session, request.match_info["token"])
            if found is None:
                raise web.HTTPNotFound()
            return web.Response(body=found.data, content_type=found.content_type)

        return web.get("/media/{token}/{name}", serve)
