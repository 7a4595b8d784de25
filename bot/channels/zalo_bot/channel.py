"""Zalo Bot Platform channel: its HTTP API, update -> Incoming, Reply -> sendMessage/sendPhoto.

Facts from ../shared/reference/zalo.md §A: JSON POSTs to <base>/bot<token>/<method>; failures are
`{ok:false, error_code, description}` with or without a matching HTTP status; no buttons (choices
become a numbered list, see the dispatcher); text at most 2,000 characters; photos by URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import unicodedata
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any, Final

import aiohttp
from aiohttp import web

from bot.channels.chunks import split_text
from bot.channels.downloads import fetch
from bot.channels.headers import header_bytes
from bot.delivery.results import Failed, Pace, Result, RetryAfter, Sent, Target, no_pace
from bot.tasks import backoff
from handlers.types import Attachment, Identity, Incoming, Reply

log = logging.getLogger(__name__)
TEXT_LIMIT = 2000
QUOTA_PAUSE = 5.0  # seconds to hold all sends after "quota exceeded"
TYPING_AFTER = 0.4  # seconds an answer may take before the person sees "typing…"
Dispatch = Callable[..., Awaitable[list[Reply]]]
Answer = Callable[[Any, Target, Sequence[Reply]], Awaitable[Result]]
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
        self.http, self._root = http, f"{base_url}/bot{token}"

    async def call(
        self, method: str, payload: dict[str, Any] | None = None, *, timeout: float = 15
    ) -> Any:
        try:
            async with self.http.post(
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
    name: Final = "zalo_bot"

    def __init__(
        self,
        api: ZaloBotApi,
        dispatch: Dispatch,
        now: Callable[[], datetime],
        link: Link,
        answer: Answer,
    ) -> None:
        self.api, self._dispatch, self._now, self._link = api, dispatch, now, link
        self._answer = answer

    async def on_update(self, update: dict[str, Any]) -> None:
        """Handle one update; a broken one is logged and skipped, never raised."""
        try:
            incoming = to_incoming(update, self._now())
            if incoming is None:
                return
            photo = (update.get("message") or {}).get("photo_url")
            if update.get("event_name") == "message.image.received" and isinstance(photo, str):
                data = await fetch(self.api.http, photo)
                name = f"zalo-photo-{incoming.event_id[:12]}.jpg"
                incoming = replace(incoming, attachments=(Attachment("image", name, data),))
            answer = asyncio.ensure_future(self._dispatch(incoming, max_buttons=0))
            done, _ = await asyncio.wait({answer}, timeout=TYPING_AFTER)
            if not done:
                with contextlib.suppress(ZaloBotError):
                    await self.api.call(
                        "sendChatAction", {"chat_id": incoming.chat_id, "action": "typing"}
                    )
            target = Target(
                "zalo_bot",
                incoming.chat_id,
                incoming.identity.user_id,
                last_inbound_at=incoming.received_at,
            )
            await self._answer(self, target, await answer)
        except Exception:
            log.exception("zalo bot update could not be handled: %.200r", update)

    async def send(
        self, target: Target, replies: Sequence[Reply], *, pace: Pace = no_pace, skip: int = 0
    ) -> Result:
        ids: list[str] = []
        for n, (method, payload) in enumerate(self._messages(target.chat_id, replies)):
            if n < skip:
                continue
            await pace()
            try:
                result = await self.api.call(method, await payload())
            except ZaloBotError as error:
                if error.code == 429:  # quota: no retry_after is given
                    return RetryAfter(QUOTA_PAUSE, done=n)
                return Failed(str(error), permanent=not error.retryable, done=n)
            if isinstance(result, dict) and result.get("message_id"):
                ids.append(str(result["message_id"]))
        return Sent(tuple(ids))

    def _messages(
        self, chat_id: str, replies: Sequence[Reply]
    ) -> Iterator[tuple[str, Callable[[], Awaitable[dict[str, Any]]]]]:
        """(method, payload maker) per platform message; files go as links."""

        async def fixed(payload: dict[str, Any]) -> dict[str, Any]:
            return payload

        async def media(attachment: Attachment) -> dict[str, Any]:
            url = await self._link(attachment)
            if attachment.kind == "image":
                return {"chat_id": chat_id, "photo": url}
            return {"chat_id": chat_id, "text": f"📎 {attachment.name}\n{url}"}

        for reply in replies:
            text = unicodedata.normalize("NFC", reply.text)
            for piece in split_text(text, TEXT_LIMIT) if text else []:
                yield "sendMessage", partial(fixed, {"chat_id": chat_id, "text": piece})
            for attachment in reply.attachments:
                method = "sendPhoto" if attachment.kind == "image" else "sendMessage"
                yield method, partial(media, attachment)


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
        given = header_bytes(request.headers.get("X-Bot-Api-Secret-Token", ""))
        if not secrets.compare_digest(given, expected):
            return web.json_response({"ok": False, "description": "wrong secret"}, status=403)
        try:
            body = json.loads(await request.read())
        except (ValueError, RecursionError):
            log.warning("zalo bot webhook body skipped: not JSON")
            return web.json_response({"ok": True})  # a 2xx, or Zalo would resend it
        if not isinstance(body, dict):  # no update is a list: forged, so refused
            return web.json_response({"ok": False, "description": "not an update"}, status=400)
        try:
            update = unwrap(body)
        except (ValueError, TypeError, KeyError, AttributeError):
            update = None
        if update is None:
            log.warning("zalo bot webhook body skipped")
        else:
            await channel.on_update(update)
        return web.json_response({"ok": True})

    return web.post(path, receive)
