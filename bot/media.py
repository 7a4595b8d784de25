"""Attachments by link: stored in the database, served at /media/<token>/<name> to platforms that
fetch images from a URL (Zalo). Links are unguessable and kept for a week."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import quote

from aiohttp import web

from handlers.types import Attachment
from storage import media
from storage.db import Database

KEPT = timedelta(days=7)


class MediaStore:
    def __init__(self, db: Database, base_url: Callable[[], str], now: Callable[[], datetime]):
        self._db, self._base_url, self._now = db, base_url, now

    async def link(self, attachment: Attachment) -> str:
        kind = mimetypes.guess_type(attachment.name)[0] or "application/octet-stream"
        async with self._db.transaction() as session:
            stored = await media.put_media(
                session, attachment.name, kind, attachment.data, self._now()
            )
            await media.forget_media_before(session, self._now() - KEPT)
        return f"{self._base_url()}/media/{stored.token}/{quote(attachment.name)}"

    def route(self) -> web.RouteDef:
        async def serve(request: web.Request) -> web.Response:
            async with self._db.transaction() as session:
                found = await media.find_media(session, request.match_info["token"])
            if found is None:
                raise web.HTTPNotFound()
            return web.Response(body=found.data, content_type=found.content_type)

        return web.get("/media/{token}/{name}", serve)
