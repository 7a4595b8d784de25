"""Web chat channel: the chat page, POST /api/chat (JSON in, replies out), POST /api/inbox
(the office's answers), POST /api/claim (an account from before cookies) and GET /healthz."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import ipaddress
import json
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels.web.identity import (
    COOKIE,
    Visitor,
    from_proxy,
    keep,
    same_site,
    visit,
    visitor,
)
from bot.dispatcher import Dispatcher
from bot.media import MediaStore
from handlers.types import PAYLOAD_LIMIT, Attachment, Identity, Incoming, Reply, pack, unpack
from storage import accounts, devices, events, outbox
from storage.campaigns import get_unit
from storage.db import Database

PAGE = Path(__file__).with_name("page.html")
MAX_TEXT = 10_000  # above any limit of the conversation, which answers an overlong text
MAX_FILE = 20 * 2**20  # a file for an announcement
MAX_BODY = MAX_FILE * 4 // 3 + 64 * 1024  # the file in base64, and the text
DISPATCHER = web.AppKey("dispatcher", Dispatcher)
DATABASE = web.AppKey("database", Database)
CLOCK: web.AppKey[Callable[[], datetime]] = web.AppKey("clock")
CAMPAIGN_KEY = web.AppKey("campaign_key", str)
MEDIA = web.AppKey("media", MediaStore)
CHANNELS: web.AppKey[dict[str, str]] = web.AppKey("channels")
PUBLIC_URL: web.AppKey[str | None] = web.AppKey("public_url")


class BadRequest(ValueError):
    """A request the page would never send; answered 400 (or `status`) with the reason."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


def _clean(value: Any, name: str) -> Any:
    """A string as the bot can keep it: NUL characters dropped (PostgreSQL refuses them in
    text), an unpaired surrogate refused (it is not text). Other values pass unchanged."""
    if not isinstance(value, str):
        return value
    if any("\ud800" <= c <= "\udfff" for c in value):
        raise BadRequest(f"'{name}' must be valid Unicode text")
    return value.replace("\x00", "")


def to_incoming(
    body: Any,
    user_id: str,
    received_at: datetime,
    accept_language: str | None,
    origin: str | None = None,
) -> Incoming:
    """A message of the account `user_id` (from the server's cookie; a `session` in the body
    is not an identity and is ignored)."""
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    text, payload, event_id, locale = (
        _clean(body.get(key, default), key)
        for key, default in (
            ("text", ""),
            ("payload", None),
            ("id", None),
            ("locale", None),
        )
    )
    event_id = event_id or uuid.uuid4().hex
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise BadRequest(f"'text' must be a string of at most {MAX_TEXT} characters")
    if payload is not None and (
        not isinstance(payload, str) or not payload or len(payload.encode()) > PAYLOAD_LIMIT
    ):
        raise BadRequest(f"'payload' must be a string of 1 to {PAYLOAD_LIMIT} bytes")
    if not isinstance(event_id, str) or len(event_id) > 64:
        raise BadRequest("'id' must be a string of at most 64 characters")
    files = to_attachments(body.get("file"))
    if not text.strip() and payload is None and not files:
        raise BadRequest("send 'text', 'payload' or 'file'")
    locale = locale or _clean(accept_language, "Accept-Language") or None
    return Incoming(
        identity=Identity("web", user_id),
        chat_id=user_id,
        # a client picks its ids: one account's id must never silence another's message
        event_id=hashlib.sha256(f"{user_id}\n{event_id}".encode()).hexdigest()[:40],
        received_at=received_at,
        text=text.strip(),
        payload=payload,
        locale_hint=locale if isinstance(locale, str) else None,
        attachments=files,
        origin=origin,
    )


def to_attachments(file: Any) -> tuple[Attachment, ...]:
    """The page's attach button: {"name", "type" (MIME), "data" (base64)}."""
    if file is None:
        return ()
    if not isinstance(file, dict):
        raise BadRequest("'file' must be an object with 'name', 'type' and 'data'")
    name, kind, data = (
        _clean(file.get(k, d), f"file.{k}")
        for k, d in (("name", None), ("type", ""), ("data", None))
    )
    if not isinstance(name, str) or not 1 <= len(name) <= 255 or "/" in name:
        raise BadRequest("'file.name' must be a file name of 1 to 255 characters")
    if not isinstance(data, str) or not isinstance(kind, str):
        raise BadRequest("'file.data' must be base64 text and 'file.type' a MIME type")
    try:
        raw = base64.b64decode(data, validate=True)
    except ValueError:
        raise BadRequest("'file.data' is not valid base64") from None
    if not raw or len(raw) > MAX_FILE:
        raise BadRequest(f"'file' must hold 1 byte to {MAX_FILE // 2**20} MB")
    return (Attachment("image" if kind.startswith("image/") else "document", name, raw),)


def to_json(reply: Reply) -> dict[str, Any]:
    """The Reply's own JSON form; a stored file becomes a link the page can open."""
    shown = reply.to_json()
    for attachment in shown["attachments"]:
        if "ref" in attachment:
            attachment["url"] = f"/media/{attachment.pop('ref')}/{quote(attachment['name'])}"
    return shown


async def linked(request: web.Request, replies: list[Reply]) -> list[Reply]:
    """Replies for the page: files (a chart, a workbook) as stored links, never inline bytes."""
    media = request.app.get(MEDIA)
    if media is None:
        return replies
    return [await media.as_links(r) if r.attachments else r for r in replies]


def origin_of(request: web.Request) -> str | None:
    """The client's address. Behind a reverse proxy on this machine (the request comes from a
    loopback or private address), the address that proxy saw: the last of X-Forwarded-For."""
    remote = request.remote
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and from_proxy(request):
        last = forwarded.split(",")[-1].strip()
        with contextlib.suppress(ValueError):
            return str(ipaddress.ip_address(last))  # an address, not whatever was sent
    return remote


async def read_json(request: web.Request) -> Any:
    """The body as JSON, read as UTF-8 whatever charset the header claims (JSON is UTF-8)."""
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise BadRequest(f"the body is over the limit of {MAX_BODY // 2**20} MB", 413) from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest("the body must be UTF-8 JSON") from None
    except RecursionError:
        raise BadRequest("the JSON is nested too deeply") from None
    except ValueError:
        raise BadRequest("the body must be JSON") from None


def refused(request: web.Request) -> web.Response | None:
    """A POST sent by another site's page: it never acts for the person whose browser it is."""
    if same_site(request, request.app.get(PUBLIC_URL)):
        return None
    return web.json_response({"error": "a request from another site is refused"}, status=403)


def answer(request: web.Request, body: dict[str, Any], who: Visitor) -> web.Response:
    if who.signed_out:  # the page clears what it showed for the account that was signed out
        body = {**body, "signed_out": True}
    response = web.json_response(body)
    if who.signed_out and not who.set_cookie:  # said once: the next poll has no cookie
        response.del_cookie(COOKIE, path="/")
    keep(response, request, who, request.app.get(PUBLIC_URL))
    return response


async def chat(request: web.Request) -> web.Response:
    if (refusal := refused(request)) is not None:
        return refusal
    who: Visitor | None = None
    try:
        body = await read_json(request)
        who = await visitor(request, request.app[DATABASE], request.app[CLOCK], create=True)
        assert who is not None
        incoming = to_incoming(
            body,
            who.user_id,
            request.app[CLOCK](),
            request.headers.get("Accept-Language"),
            origin_of(request),
        )
    except BadRequest as problem:
        refusal = web.json_response({"error": str(problem)}, status=problem.status)
        if who is not None:  # the browser keeps the account it was given
            keep(refusal, request, who, request.app.get(PUBLIC_URL))
        return refusal
    replies = await request.app[DISPATCHER].handle(incoming)
    replies = await linked(request, replies)  # kept small, and the same links on a retry
    async with request.app[DATABASE].transaction() as db:
        if replies:
            await events.remember_replies(db, "web", incoming.event_id, pack(replies))
        else:  # a retry of a request already answered: the same answer again
            kept = await events.replies_of(db, "web", incoming.event_id)
            replies = unpack(kept) if kept else []
        shown: dict[str, Any] = {"replies": [to_json(r) for r in replies]}
        if body.get("me") is True:  # the page's header and words, when it may have changed
            shown["me"] = await _me(db, who.user_id)
    return answer(request, shown, who)


async def _me(db: AsyncSession, user_id: str) -> dict[str, str | None]:
    """Who the page acts for, for its own words and header: the language and the unit."""
    account = await accounts.find_account(db, "web", user_id)
    if account is None:
        return {"locale": None, "unit": None}
    unit = await get_unit(db, account.unit_id) if account.unit_id is not None else None
    return {"locale": account.locale, "unit": unit.name if unit is not None else None}


async def inbox(request: web.Request) -> web.Response:
    """Messages waiting for this browser's account (the office's answers), taken once. A
    POST, so that no link on another site can take them."""
    if (refusal := refused(request)) is not None:
        return refusal
    at = request.app[CLOCK]()
    async with request.app[DATABASE].transaction() as db:
        who, device = await visit(db, request, at, create=False)
        if who is None or device is None:  # no account (any more): nothing can wait for it
            return answer(request, {"replies": []}, who or Visitor("", ""))
        rows = await outbox.take_for(db, "web", who.user_id, at, device.inbox_after)
        if rows:
            device.inbox_after = max(device.inbox_after, rows[-1].id)
        replies = [reply for row in rows for reply in unpack(row.payload)]
    body = {"replies": [to_json(r) for r in await linked(request, replies)]}
    return answer(request, body, who)


async def claim(request: web.Request) -> web.Response:
    """The page's id of before cookies ({"session": ...}), given once: a leader linked on this
    browser keeps the link. Answers {"claimed": true|false}."""
    if (refusal := refused(request)) is not None:
        return refusal
    try:
        body = await read_json(request)
    except BadRequest as problem:
        return web.json_response({"error": str(problem)}, status=problem.status)
    session = body.get("session") if isinstance(body, dict) else None
    if not isinstance(session, str):
        return web.json_response({"error": "'session' must be a string"}, status=400)
    async with request.app[DATABASE].transaction() as db:
        who, device = await visit(db, request, request.app[CLOCK](), create=True)
        assert who is not None and device is not None
        done = await devices.claim(db, device, session)
    return answer(request, {"claimed": done}, who)


async def page(request: web.Request) -> web.FileResponse:
    return web.FileResponse(PAGE, headers={"Cache-Control": "no-cache"})


async def health(request: web.Request) -> web.Response:
    try:
        await asyncio.wait_for(request.app[DATABASE].ping(), timeout=3)
    except Exception as error:
        body = {"status": "error", "database": f"unreachable: {type(error).__name__}"}
        return web.json_response(body, status=503)
    channels: dict[str, str] = {}
    if CHANNELS in request.app:
        channels = request.app[CHANNELS]
    return web.json_response(
        {
            "status": "ok",
            "database": "ok",
            "campaign": request.app[CAMPAIGN_KEY],
            "channels": {"web": "ok", **channels},  # a degraded platform: 200 still
        }
    )


def build(
    dispatcher: Dispatcher,
    db: Database,
    now: Callable[[], datetime],
    campaign_key: str,
    media: MediaStore | None = None,
    channels: dict[str, str] | None = None,
    public_url: str | None = None,
) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)
    app[DISPATCHER], app[DATABASE], app[CLOCK], app[CAMPAIGN_KEY] = (
        dispatcher,
        db,
        now,
        campaign_key,
    )
    if media is not None:
        app[MEDIA] = media
    if channels is not None:
        app[CHANNELS] = channels  # each platform's state, kept current by the App
    app.router.add_get("/", page)
    app.router.add_post("/api/chat", chat)
    app[PUBLIC_URL] = public_url
    app.router.add_post("/api/inbox", inbox)
    app.router.add_post("/api/claim", claim)
    app.router.add_get("/healthz", health)
    return app
