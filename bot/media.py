"""Attachments by link: stored in the database, served at /media/<token>/<name> to platforms that
fetch images from a URL (Zalo). Links are unguessable and kept for a week."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from urllib.parse import quote

from aiohttp import web

from handlers.types import Attachment, Reply
from storage import media
from storage.db import Database

KEPT = timedelta(days=7)
mimetypes.add_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
CACHED = 8


class MediaStore:
    def __init__(self, db: Database, base_url: Callable[[], str], now: Callable[[], datetime]):
        self._db, self._base_url, self._now = db, base_url, now
        self._cache: dict[str, bytes] = {}  # a broadcast's file, read once for all recipients

    async def link(self, attachment: Attachment) -> str:
        return self.url(await self.keep(attachment), attachment.name)

    async def keep(self, attachment: Attachment) -> str:
        """The file's token: stored now, unless it was stored once already (a broadcast's)."""
        if attachment.ref is not None:
            return attachment.ref
        kind = mimetypes.guess_type(attachment.name)[0] or "application/octet-stream"
        async with self._db.transaction() as session:
            stored = await media.put_media(
                session, attachment.name, kind, attachment.data, self._now()
            )
            await media.forget_media_before(session, self._now() - KEPT, self._now())
        return stored.token

    async def as_links(self, reply: Reply) -> Reply:
        """The reply with every file stored, to be fetched by link (the web page)."""
        if all(a.ref is not None for a in reply.attachments):
            return reply
        kept = [replace(a, ref=await self.keep(a), data=b"") for a in reply.attachments]
        return replace(reply, attachments=tuple(kept))

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
            now = self._now()
            if found is None or not media.is_kept(found, now - KEPT, now):
                raise web.HTTPNotFound()
            headers = {"Cache-Control": "private, max-age=3600"}
            if not found.content_type.startswith("image/"):  # a workbook: saved, not shown
                name = quote(found.name)
                headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
            return web.Response(body=found.data, content_type=found.content_type, headers=headers)

        return web.get("/media/{token}/{name}", serve)
