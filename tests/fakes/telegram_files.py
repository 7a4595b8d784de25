"""Files people send the bot on the fake Telegram: a photo or document message, getFile, and
the download URL <base>/file/bot<token>/<file_path>, as the Bot API serves them."""

from __future__ import annotations

import itertools
import time
from typing import Any

from aiohttp import web

MAX_DOWNLOAD = 20 * 1024 * 1024  # bots download files up to 20 MB


class TelegramFiles:
    """Mixed into FakeTelegram, which provides _deliver, _user, token and the web app."""

    token: str
    uploads: dict[str, bytes]
    _file_ids = itertools.count(1)

    def add_file_routes(self, app: web.Application) -> None:
        self.uploads = {}
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)

    async def user_sends_file(
        self,
        user_id: int,
        name: str,
        data: bytes,
        *,
        kind: str = "document",
        caption: str = "",
        language: str = "vi",
    ) -> dict[str, Any]:
        file_id = f"f{next(self._file_ids)}"
        self.uploads[file_id] = data
        described = {"file_id": file_id, "file_unique_id": file_id, "file_size": len(data)}
        message: dict[str, Any] = {
            "message_id": 10_000 + next(self._file_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": self._user(user_id, language),  # type: ignore[attr-defined]
        }
        if kind == "image":
            message["photo"] = [{**described, "width": 800, "height": 600}]
        else:
            message["document"] = {**described, "file_name": name, "mime_type": "application/pdf"}
        if caption:
            message["caption"] = caption
        return await self._deliver({"message": message})  # type: ignore[attr-defined,no-any-return]

    async def _m_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params.get("file_id"))
        data = self.uploads.get(file_id)
        if data is None or len(data) > MAX_DOWNLOAD:
            raise web.HTTPBadRequest(
                text='{"ok":false,"error_code":400,"description":"Bad Request: file is too big"}',
                content_type="application/json",
            )
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": len(data),
            "file_path": f"documents/{file_id}.bin",
        }

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1].removesuffix(".bin")
        if (data := self.uploads.get(file_id)) is None:
            return web.Response(status=404)
        return web.Response(body=data)
