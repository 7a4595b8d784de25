"""Zalo Bot Platform channel: its HTTP API, update -> Incoming, Reply -> sendMessage/sendPhoto.

Facts from ../shared/reference/zalo.md §A: JSON POSTs to <base>/bot<token>/<method>; failures are
`{ok:false, error_code, description}` with or without a matching HTTP status; no buttons (choices
become a numbered list, see the dispatcher); text at most 2,000 characters; photos by URL.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import unicodedata
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import aiohttp
from aiohttp import web

from bot.channels.chunks import split_text
from bot.tasks import backoff
from handlers.types import Identity, Incoming, Reply

log = logging.getLogger(__name__)
TEXT_LIMIT = 2000
TRIES = 4
TYPING_AFTER = 0.4  # seconds an answer may take before the person sees "typing…"
Dispatch = Callable[..., Awaitable[list[Reply]]]
Link = Callable[[Any], Awaitable[str]]  # stores an attachment, gives its public URL


class ZaloBotError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(f"{code} {description}")
        self.code, self.description = code, description

    @property
    def retryable(self) -> bool:
        """Network trouble (0), timeouts, quota and server errors pass; the rest will not."""
        return self.code in (0, 408, 429) or self.code >= 500


class ZaloBotApi:
    def __init__(self, http: aiohttp.ClientSession, base_url: str, token: str) -> None:
        self._http, self._root = http, f"{base_url}/bot{token}"

    async def call(
        self, method: str, payload: dict[str, Any] | None = None, *, timeout: float = 15
    ) -> Any:
        try:
            async with self._http.post(
                f"{self._root}/{method}",
                json=payload or {},
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as answer:
                body = await answer.json(content_type=None)
                status = answer.status
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise ZaloBotError(0, f"no usable answer: {error!r}") from None
        if isinstance(body, dict) and body.get("ok") is True:
            return body.get("result")
        if not isinstance(body, dict):
            raise ZaloBotError(status, "answer is not an object")
        raise ZaloBotError(int(body.get("error_code") or status), str(body.get("description", "")))


def unwrap(body: Any) -> dict[str, Any] | None:
    """The update in a webhook body, flat (seen live) or as {ok, result} (documented)."""
    if isinstance(body, dict) and body.get("ok") is True and isinstance(body.get("result"), dict):
        body = body["result"]
    return body if isinstance(body, dict) and "event_name" in body else None


def to_incoming(update: dict[str, Any], received_at: datetime) -> Incoming | None:
    """Text (and an image's caption) becomes an Incoming; stickers and unsupported kinds do not."""
    event, message = update.get("event_name"), update.get("message")
    if event not in ("message.text.received", "message.image.received"):
        return None
    if not isinstance(message, dict):
        return None
    sender, chat = message.get("from") or {}, message.get("chat") or {}
    if sender.get("is_bot") or not sender.get("id") or not message.get("message_id"):
        return None
    text = message.get("text") if event == "message.text.received" else message.get("caption")
    return Incoming(
        identity=Identity("zalo_bot", str(sender["id"])),
        chat_id=str(chat.get("id") or sender["id"]),
        event_id=str(message["message_id"]),
        received_at=received_at,
        text=str(text or ""),
        display_name=sender.get("display_name"),
    )


class ZaloBotChannel:
    def __init__(
        self,
        api: ZaloBotApi,
        dispatch: Dispatch,
        now: Callable[[], datetime],
        link: Link,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.api, self._dispatch, self._now, self._link = api, dispatch, now, link
        self._sleep = sleep

    async def on_update(self, update: dict[str, Any]) -> None:
        """Handle one update; a broken one is logged and skipped, never raised."""
        try:
            incoming = to_incoming(update, self._now())
            if incoming is None:
                return
            answer = asyncio.ensure_future(self._dispatch(incoming, max_buttons=0))
            done, _ = await asyncio.wait({answer}, timeout=TYPING_AFTER)
            if not done:
                await self._call(
                    "sendChatAction", {"chat_id": incoming.chat_id, "action": "typing"}
                )
            await self.deliver(incoming.chat_id, await answer)
        except Exception:
            log.exception("zalo bot update could not be handled: %.200r", update)

    async def send(self, identity: Identity, replies: list[Reply]) -> bool:
        """A message nobody asked for: in a private chat the chat id is the user id."""
        return await self.deliver(identity.user_id, replies)

    async def deliver(self, chat_id: str, replies: list[Reply]) -> bool:
        delivered = True
        for reply in replies:
            text = unicodedata.normalize("NFC", reply.text)
            for piece in split_text(text, TEXT_LIMIT) if text else []:
                delivered &= (
                    await self._call("sendMessage", {"chat_id": chat_id, "text": piece})
                    is not None
                )
            for attachment in reply.attachments:
                url = await self._link(attachment)
                if attachment.kind == "image":
                    result = await self._call("sendPhoto", {"chat_id": chat_id, "photo": url})
                else:  # no documents on this platform: a link to the file instead
                    text = f"📎 {attachment.name}\n{url}"
                    result = await self._call("sendMessage", {"chat_id": chat_id, "text": text})
                delivered &= result is not None
        return delivered

    async def _call(self, method: str, payload: dict[str, Any]) -> Any | None:
        for attempt in range(TRIES):
            try:
                result = await self.api.call(method, payload)
                return True if result is None else result
            except ZaloBotError as error:
                if not error.retryable:
                    log.warning("zalo bot %s refused: %s", method, error)
                    return None
                log.info("zalo bot %s failed (try %d): %s", method, attempt + 1, error)
                await self._sleep(backoff(attempt))
        log.error("zalo bot %s gave up after %d tries", method, TRIES)
        return None


async def poll(channel: ZaloBotChannel, *, timeout: int = 30) -> None:
    """One update per call; 408 means nothing came. Updates are consumed once returned."""
    failures = 0
    while True:
        try:
            update = await channel.api.call(
                "getUpdates", {"timeout": str(timeout)}, timeout=timeout + 5
            )
            failures = 0
        except ZaloBotError as error:
            if error.code == 408:
                continue
            if error.code == 401:
                log.error("Zalo refused ZALO_BOT_TOKEN; polling stops")
                return
            failures += 1
            log.info("zalo bot polling failed: %s", error)
            await asyncio.sleep(backoff(failures, cap=30.0))
            continue
        if (found := unwrap(update)) is not None:
            await channel.on_update(found)


def webhook_route(channel: ZaloBotChannel, secret: str, path: str) -> web.RouteDef:
    """Zalo posts each update with the raw secret in X-Bot-Api-Secret-Token (not an HMAC)."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get("X-Bot-Api-Secret-Token", "").encode()
        if not secrets.compare_digest(given, expected):
            return web.json_response({"ok": False, "description": "wrong secret"}, status=403)
        try:
            update = unwrap(json.loads(await request.text()))
        except ValueError:
            update = None
        if update is None:
            log.warning("zalo bot webhook body skipped")
        else:
            await channel.on_update(update)
        return web.json_response({"ok": True})

    return web.post(path, receive)
