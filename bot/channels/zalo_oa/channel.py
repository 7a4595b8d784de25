"""Zalo Official Account channel (Open API v3): signed webhook events -> Incoming, Reply ->
consultation messages. Facts from ../shared/reference/zalo.md §B.

A button is `oa.query.show` whose payload is its own label: a tap comes back as a text message
saying exactly what the person saw, and the dispatcher maps that label to the option.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import unicodedata
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, Final, Protocol

import aiohttp
from aiohttp import web

from bot.channels.chunks import split_text
from bot.channels.downloads import fetch
from bot.channels.headers import header_bytes
from bot.delivery.results import (
    Failed,
    Pace,
    Result,
    RetryAfter,
    Sent,
    Target,
    Unreachable,
    no_pace,
)
from handlers.types import REPLY_WINDOWS, Attachment, Identity, Incoming, Reply

log = logging.getLogger(__name__)
TEXT_LIMIT, MAX_BUTTONS = 2000, 5
WINDOW = REPLY_WINDOWS["zalo_oa"]
RATE_LIMITED, RATE_PAUSE = -32, 10.0  # the app's or OA's API rate limit: hold every send
STALE_AFTER = timedelta(hours=2)  # Zalo retries a failed delivery for about 1 h 50 min
AHEAD = timedelta(minutes=5)  # clocks differ a little
RETRY_LATER = {0, -100, -211, -218, -234}
TOKEN_ERRORS = {-216, -220}
UNREACHABLE = {-213, -217, -227, -230, -232, -244}
Dispatch = Callable[..., Awaitable[list[Reply]]]
Link = Callable[[Attachment], Awaitable[str]]
Unfollowed = Callable[[Identity, str], Awaitable[None]]
Answer = Callable[[Any, Target, Sequence[Reply]], Awaitable[Result]]
Message = dict[str, Any]


class Tokens(Protocol):
    async def current(self) -> str: ...
    async def refresh(self, stale: str) -> str: ...


class ZaloOAError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code, self.message = code, message


def signature_matches(
    raw: bytes, header: str | None, event: dict[str, Any], app_id: str, secret: str
) -> bool:
    """mac = SHA-256(app_id + raw body + timestamp + OA secret key); a plain hash, not an HMAC.

    Some integrations put the OA id first instead of the app id; both are accepted.
    """
    if not header:
        return False
    given = header_bytes(header.strip().removeprefix("mac=").lower())
    stamp = str(event.get("timestamp", "")).encode()
    oa_id = (event.get("recipient") or {}).get("id") or event.get("oa_id")
    ok = False
    for first in {app_id, str(oa_id or app_id)}:
        mac = hashlib.sha256(first.encode() + raw + stamp + secret.encode()).hexdigest().encode()
        ok |= secrets.compare_digest(given, mac)
    return ok


def is_fresh(event: dict[str, Any], now: datetime) -> bool:
    try:
        sent = datetime.fromtimestamp(int(event["timestamp"]) / 1000, UTC)
    except (KeyError, TypeError, ValueError):
        return False
    return now - STALE_AFTER <= sent <= now + AHEAD


def to_incoming(event: dict[str, Any], received_at: datetime) -> Incoming | None:
    """A person's message (or a follow, which greets them); None for echoes and the rest."""
    name = str(event.get("event_name", ""))
    if name == "follow":
        follower = str((event.get("follower") or {}).get("id", ""))
        if not follower:
            return None
        return Incoming(
            identity=Identity("zalo_oa", follower),
            chat_id=follower,
            event_id=f"follow:{follower}:{event.get('timestamp')}",
            received_at=received_at,
            text="/start",
        )
    if not name.startswith("user_send_"):
        return None
    sender, message = event.get("sender") or {}, event.get("message") or {}
    if not sender.get("id") or not message.get("msg_id"):
        return None
    return Incoming(
        identity=Identity("zalo_oa", str(sender["id"])),
        chat_id=str(sender["id"]),
        event_id=str(message["msg_id"]),
        received_at=received_at,
        text=str(message.get("text") or "") if name == "user_send_text" else "",
    )


class ZaloOAApi:
    def __init__(self, http: aiohttp.ClientSession, base_url: str, tokens: Tokens) -> None:
        self.http, self._base, self.tokens = http, base_url, tokens

    async def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """Errors come with HTTP 200 and a negative `error`; a token error refreshes once."""
        token = await self.tokens.current()
        for attempt in (1, 2):
            try:
                async with self.http.post(
                    f"{self._base}{path}",
                    json=body,
                    headers={"access_token": token},
                    timeout=aiohttp.ClientTimeout(total=15),
                ) as answer:
                    reply = await answer.json(content_type=None)
            except (aiohttp.ClientError, TimeoutError, ValueError) as error:
                raise ZaloOAError(0, f"no usable answer: {error!r}") from None
            code = int(reply.get("error", 0)) if isinstance(reply, dict) else 0
            if code == 0 and isinstance(reply, dict):
                return dict(reply.get("data") or {})
            if code in TOKEN_ERRORS and attempt == 1:
                token = await self.tokens.refresh(stale=token)
                continue
            raise ZaloOAError(code, str(reply.get("message", "")))
        raise AssertionError("unreachable")


def to_message(text: str, reply: Reply | None) -> dict[str, Any]:
    message: dict[str, Any] = {"text": text}
    if reply is not None and reply.buttons:
        buttons = [
            {"title": b.label[:100], "type": "oa.query.show", "payload": b.label}
            for b in reply.buttons[:MAX_BUTTONS]
        ]
        message["attachment"] = {"type": "template", "payload": {"buttons": buttons}}
    return message


class ZaloOAChannel:
    name: Final = "zalo_oa"

    def __init__(
        self,
        api: ZaloOAApi,
        dispatch: Dispatch,
        now: Callable[[], datetime],
        link: Link,
        answer: Answer,
        on_unfollow: Unfollowed,
    ) -> None:
        self.api, self._dispatch, self._now, self._link = api, dispatch, now, link
        self._answer, self._on_unfollow = answer, on_unfollow

    async def on_event(self, event: dict[str, Any]) -> None:
        try:
            if event.get("event_name") == "unfollow":
                follower = str((event.get("follower") or {}).get("id", ""))
                await self._on_unfollow(Identity("zalo_oa", follower), "unfollowed the OA")
                return
            if (incoming := to_incoming(event, self._now())) is None:
                return
            if (file := await self._file_in(event)) is not None:
                incoming = replace(incoming, attachments=(file,))
            replies = await self._dispatch(incoming, max_buttons=MAX_BUTTONS)
            user = incoming.identity.user_id
            target = Target("zalo_oa", user, user, last_inbound_at=incoming.received_at)
            await self._answer(self, target, replies)
        except Exception:
            log.exception("zalo OA event could not be handled: %.200r", event)

    async def _file_in(self, event: dict[str, Any]) -> Attachment | None:
        """The photo or file of a user_send_image / user_send_file event, fetched from its link."""
        name = str(event.get("event_name", ""))
        if name not in ("user_send_image", "user_send_file"):
            return None
        found = ((event.get("message") or {}).get("attachments") or [{}])[0]
        payload = found.get("payload") or {} if isinstance(found, dict) else {}
        url = payload.get("url")
        if not isinstance(url, str):
            return None
        data = await fetch(self.api.http, url)
        if name == "user_send_image":
            return Attachment("image", f"zalo-photo-{event.get('timestamp')}.jpg", data)
        return Attachment("document", str(payload.get("name") or "tep-dinh-kem"), data)

    async def send(
        self, target: Target, replies: Sequence[Reply], *, pace: Pace = no_pace, skip: int = 0
    ) -> Result:
        """Consultation messages, only to someone who wrote within the last 7 days."""
        last = target.last_inbound_at
        if last is None or self._now() - last > WINDOW:
            when = last.isoformat(timespec="minutes") if last else "never"
            return Unreachable(f"outside Zalo's 7-day window (last message: {when})")
        for n, message in enumerate(self._messages(replies)):
            if n < skip:
                continue
            await pace()
            body = {"recipient": {"user_id": target.user_id}, "message": await message()}
            try:
                await self.api.post("/v3.0/oa/message/cs", body)
            except ZaloOAError as error:
                if error.code in UNREACHABLE:
                    return Unreachable(f"Zalo {error.code}: {error.message}")
                if error.code == RATE_LIMITED:
                    return RetryAfter(RATE_PAUSE, done=n)
                return Failed(str(error), permanent=error.code not in RETRY_LATER, done=n)
        return Sent()

    def _messages(self, replies: Sequence[Reply]) -> Iterator[Callable[[], Awaitable[Message]]]:
        async def fixed(message: Message) -> Message:
            return message

        for reply in replies:
            pieces = split_text(unicodedata.normalize("NFC", reply.text), TEXT_LIMIT)
            for n, piece in enumerate(pieces if reply.text else [], start=1):
                yield partial(fixed, to_message(piece, reply if n == len(pieces) else None))
            for attachment in reply.attachments:
                yield partial(self._attachment, attachment)

    async def _attachment(self, attachment: Attachment) -> Message:
        url = await self._link(attachment)
        if attachment.kind == "image":
            element = {"media_type": "image", "url": url}
            return {
                "attachment": {
                    "type": "template",
                    "payload": {"template_type": "media", "elements": [element]},
                }
            }
        return {"text": f"📎 {attachment.name}\n{url}"}


def webhook_route(
    channel: ZaloOAChannel, app_id: str, secret: str, now: Callable[[], datetime], path: str
) -> web.RouteDef:
    """A forged or stale event is refused (401, 403) before anything reads it further."""

    async def receive(request: web.Request) -> web.Response:
        raw = await request.read()  # the signature covers these exact bytes
        try:
            event = json.loads(raw)
        except (ValueError, RecursionError):
            return web.Response(status=400, text="not JSON")
        if not isinstance(event, dict):
            return web.Response(status=400, text="not an event")
        if not signature_matches(
            raw, request.headers.get("X-ZEvent-Signature"), event, app_id, secret
        ):
            return web.Response(status=401, text="bad signature")
        if not is_fresh(event, now()):
            return web.Response(status=403, text="stale event")
        await channel.on_event(event)
        return web.Response(text="ok")

    return web.post(path, receive)
