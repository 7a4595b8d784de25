"""A fake Zalo Official Account: Open API v3, its OAuth token endpoint, and signed webhooks.

Follows ../shared/reference/zalo.md §B: errors with HTTP 200 and a negative `error`; the header
`access_token`; refresh tokens that work once; events signed with
`mac = SHA-256(app_id + body + timestamp + OA secret)`.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import secrets
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

APP_ID = "3608465248940903967"
OA_ID = "388613280878808645"
OA_SECRET = "TestOASecretKey123"
APP_SECRET = "TestAppSecret456"


class FakeZaloOA:
    def __init__(self, now: Callable[[], datetime], first_refresh_token: str = "RT-first") -> None:
        self.now = now  # events are stamped with the bot's clock
        self.valid_refresh = {first_refresh_token}
        self.valid_access: set[str] = set()
        self.expired_access: set[str] = set()
        self.refresh_calls: list[dict[str, str]] = []
        self.sent: dict[str, list[dict[str, Any]]] = {}
        self.send_calls = 0  # requests to the message endpoint, answered or refused
        self.faults: list[tuple[int, str]] = []
        self.webhook_url: str | None = None
        self._n = itertools.count(1)
        app = web.Application()
        app.router.add_post("/v4/oa/access_token", self._token)
        app.router.add_post("/v3.0/oa/message/cs", self._send)
        self.server = TestServer(app, host="127.0.0.1", port=0)

    async def start(self) -> None:
        await self.server.start_server()

    async def stop(self) -> None:
        await self.server.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def expire_tokens(self) -> None:
        """Every access token handed out so far is now expired (-220)."""
        self.expired_access |= self.valid_access
        self.valid_access.clear()

    def fail_next_send(self, code: int, message: str = "", times: int = 1) -> None:
        self.faults.extend([(code, message or f"error {code}")] * times)

    # A person on Zalo.

    def event(
        self, user_id: str, text: str, *, name: str = "user_send_text", at_ms: int | None = None
    ) -> dict[str, Any]:
        return {
            "app_id": APP_ID,
            "sender": {"id": user_id},
            "user_id_by_app": f"app-{user_id}",
            "recipient": {"id": OA_ID},
            "event_name": name,
            "message": {"text": text, "msg_id": secrets.token_hex(10)},
            "timestamp": str(at_ms if at_ms is not None else int(self.now().timestamp() * 1000)),
        }

    async def post(
        self, event: dict[str, Any], *, secret: str = OA_SECRET, signature: str | None = None
    ) -> int:
        """Deliver an event to the bot's webhook the way Zalo does; returns the HTTP status."""
        assert self.webhook_url is not None
        raw = json.dumps(event, separators=(",", ":"), ensure_ascii=False).encode()
        mac = hashlib.sha256(
            APP_ID.encode() + raw + event["timestamp"].encode() + secret.encode()
        ).hexdigest()
        headers = {
            "X-ZEvent-Signature": signature or f"mac={mac}",
            "Content-Type": "application/json",
        }
        async with (
            aiohttp.ClientSession() as http,
            http.post(self.webhook_url, data=raw, headers=headers) as answer,
        ):
            return answer.status

    async def user_says(self, user_id: str, text: str) -> dict[str, Any]:
        event = self.event(user_id, text)
        assert await self.post(event) == 200
        return event

    async def tap(self, user_id: str, label_part: str) -> dict[str, Any]:
        """Tap a button of the last message with buttons: Zalo sends its payload as text."""
        buttons = [
            b
            for m in self.sent.get(user_id, [])
            for b in (m.get("attachment") or {}).get("payload", {}).get("buttons", [])
        ]
        assert buttons, f"no buttons were sent to {user_id}"
        last = [
            m
            for m in self.sent[user_id]
            if (m.get("attachment") or {}).get("payload", {}).get("buttons")
        ][-1]["attachment"]["payload"]["buttons"]
        found = [b for b in last if label_part in b["title"]]
        assert len(found) == 1, f"no single button {label_part!r} in {last}"
        return await self.user_says(user_id, found[0]["payload"])

    def texts(self, user_id: str) -> list[str]:
        return [m.get("text", "") for m in self.sent.get(user_id, [])]

    # The API.

    async def _token(self, request: web.Request) -> web.Response:
        form = await request.post()
        self.refresh_calls.append({k: str(v) for k, v in form.items()})
        good = (
            request.headers.get("secret_key") == APP_SECRET
            and form.get("app_id") == APP_ID
            and form.get("grant_type") == "refresh_token"
        )
        spent = str(form.get("refresh_token"))
        if not good or spent not in self.valid_refresh:
            return web.json_response(
                {
                    "error": -14014,
                    "error_name": "Invalid refresh token",
                    "error_description": "refresh token is invalid",
                }
            )
        self.valid_refresh.discard(spent)  # single use
        n = next(self._n)
        access, renewed = f"AT-{n}-{secrets.token_hex(4)}", f"RT-{n}-{secrets.token_hex(4)}"
        self.valid_access.add(access)
        self.valid_refresh.add(renewed)
        return web.json_response(
            {"access_token": access, "refresh_token": renewed, "expires_in": "90000"}
        )

    async def _send(self, request: web.Request) -> web.Response:
        self.send_calls += 1
        token = request.headers.get("access_token", "")
        if token in self.expired_access:
            return web.json_response(
                {"error": -220, "message": "access_token is expired or removed"}
            )
        if token not in self.valid_access:
            return web.json_response({"error": -216, "message": "access_token is invalid"})
        if self.faults:
            code, message = self.faults.pop(0)
            return web.json_response({"error": code, "message": message})
        body = await request.json()
        message = body["message"]
        if len(message.get("text", "")) > 2000:
            return web.json_response({"error": -210, "message": "text exceeds 2000"})
        user = body["recipient"]["user_id"]
        self.sent.setdefault(user, []).append(message)
        return web.json_response(
            {
                "data": {
                    "message_id": secrets.token_hex(10),
                    "user_id": user,
                    "sent_time": str(int(time.time() * 1000)),
                },
                "error": 0,
                "message": "Success",
            }
        )
