"""A fake Zalo Bot Platform API on 127.0.0.1 (../shared/reference/zalo.md §A).

POST <base>/bot<token>/<method> with a JSON body; `{ok, result}` or `{ok:false, error_code,
description}` (with a matching HTTP status unless `errors_with_200`); getUpdates gives one update
per call or 408 after the timeout; webhooks are posted flat (as seen live) or wrapped.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer


class FakeZaloBot:
    def __init__(self, token: str = "1459232241:zalo-test-token") -> None:
        self.token = token
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.sent: dict[str, list[dict[str, Any]]] = {}
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.webhook: tuple[str, str] | None = None
        self.wrapped_webhooks = False
        self.errors_with_200 = False
        self.faults: dict[str, list[tuple[int, str]]] = {}
        self.polls = 0
        self._taken_at: list[int] = []  # the poll count when each update was handed out
        self._ids = itertools.count(1)
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._api)
        self.server = TestServer(app, host="127.0.0.1", port=0)

    async def start(self) -> None:
        await self.server.start_server()

    async def stop(self) -> None:
        await self.server.close()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    async def user_says(self, user_id: str, text: str, *, wait: bool = True) -> dict[str, Any]:
        update = {
            "event_name": "message.text.received",
            "message": {
                "message_id": secrets.token_hex(10),
                "date": int(time.time() * 1000),
                "chat": {"id": user_id, "chat_type": "PRIVATE"},
                "from": {"id": user_id, "display_name": f"Người dùng {user_id}", "is_bot": False},
                "text": text,
            },
        }
        await self.deliver(update, wait=wait)
        return update

    async def deliver(self, update: dict[str, Any], *, wait: bool = True) -> int:
        """Post to the webhook (its status is returned), or queue for getUpdates."""
        if self.webhook is not None:
            url, secret = self.webhook
            body = {"ok": True, "result": update} if self.wrapped_webhooks else update
            async with (
                aiohttp.ClientSession() as http,
                http.post(url, json=body, headers={"X-Bot-Api-Secret-Token": secret}) as answer,
            ):
                return answer.status
        await self.queue.put(update)
        if wait:
            await self.handled(len(self._taken_at) + self.queue.qsize())
        return 200

    async def handled(self, count: int, timeout: float = 10.0) -> None:
        """Wait until the first `count` updates are handled: the poller asks for the next one
        only after it has handled the one before."""
        deadline = time.monotonic() + timeout
        while len(self._taken_at) < count or self.polls <= self._taken_at[count - 1]:
            assert time.monotonic() < deadline, "the bot never handled the update"
            await asyncio.sleep(0.005)

    def texts(self, chat_id: str) -> list[str]:
        return [m.get("text", "") for m in self.sent.get(chat_id, [])]

    def fail(self, method: str, code: int, description: str = "", times: int = 1) -> None:
        self.faults.setdefault(method, []).extend(
            [(code, description or "Quota exceeded")] * times
        )

    def _error(self, code: int, description: str) -> web.Response:
        body = {"ok": False, "error_code": code, "description": description}
        return web.json_response(body, status=200 if self.errors_with_200 else code)

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"]
        payload = await request.json() if request.can_read_body else {}
        self.calls.append((method, payload))
        if queue := self.faults.get(method):
            return self._error(*queue.pop(0))
        if method == "getMe":
            return self._ok(
                {
                    "id": "1459232241454765289",
                    "account_name": "bot.ThiDuaTest",
                    "account_type": "BASIC",
                    "can_join_groups": False,
                }
            )
        if method == "getUpdates":
            self.polls += 1
            if self.webhook is not None:
                return self._error(409, "webhook is active")  # the modes exclude each other
            try:
                update = await asyncio.wait_for(
                    self.queue.get(), float(payload.get("timeout", 30))
                )
            except TimeoutError:
                return self._error(408, "Request timeout")
            self._taken_at.append(self.polls)
            return self._ok(update)
        if method == "setWebhook":
            self.webhook = (str(payload["url"]), str(payload["secret_token"]))
            return self._ok({"url": payload["url"], "updated_at": int(time.time() * 1000)})
        if method == "deleteWebhook":
            self.webhook = None
            return self._ok({"url": "", "updated_at": int(time.time() * 1000)})
        if method in ("sendMessage", "sendPhoto"):
            text = str(payload.get("text", payload.get("caption", "")))
            if method == "sendMessage" and not 1 <= len(text) <= 2000:
                return self._error(400, "text must be 1-2000 characters")
            message = {"message_id": f"{next(self._ids):020x}", **payload}
            self.sent.setdefault(str(payload["chat_id"]), []).append(message)
            return self._ok({"message_id": message["message_id"], "date": int(time.time() * 1000)})
        if method == "sendChatAction":
            return web.json_response({"ok": True})
        return self._error(400, f"unknown method {method}")

    def _ok(self, result: object) -> web.Response:
        return web.json_response({"ok": True, "result": result})
