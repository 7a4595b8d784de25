"""Who a web request acts for: the server's own cookie, never an id the client picks; and no
request from another site acts for anyone."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from storage import devices
from storage.db import Database
from storage.models import WebDevice

COOKIE = "thidua_device"


@dataclass(frozen=True)
class Visitor:
    """The account a request acts for, its device's token, and whether the cookie is to be set
    (a new device, or a renewed one)."""

    user_id: str
    token: str
    set_cookie: bool = False
    signed_out: bool = False  # the cookie's device was signed out (main.py revoke)


def from_proxy(request: web.Request) -> bool:
    """The request came through a reverse proxy on this machine or network."""
    try:
        near = ipaddress.ip_address(request.remote or "")
    except ValueError:
        return False
    return near.is_loopback or near.is_private


def same_site(request: web.Request, public_url: str | None) -> bool:
    """A browser names the page that sends a POST in Origin: it must be this server (as the
    request addresses it, as a proxy in front forwards it, or as PUBLIC_URL names it). A
    client that is no browser sends none, and has no person's cookie to ride on."""
    origin = request.headers.get("Origin")
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return False
    if origin is None:
        return True
    sent = urlsplit(origin).netloc.lower() if origin != "null" else ""
    ours = {request.host.lower()}
    if from_proxy(request) and (forwarded := request.headers.get("X-Forwarded-Host")):
        ours.add(forwarded.split(",")[0].strip().lower())
    if public_url:
        ours.add(urlsplit(public_url).netloc.lower())
    return bool(sent) and sent in ours


def secure(request: web.Request, public_url: str | None) -> bool:
    """Served over HTTPS, here or at a proxy in front: the cookie is then sent over HTTPS only."""
    if request.secure or (public_url or "").startswith("https://"):
        return True
    return from_proxy(request) and request.headers.get("X-Forwarded-Proto", "") == "https"


async def visit(
    session: AsyncSession, request: web.Request, at: datetime, *, create: bool
) -> tuple[Visitor | None, WebDevice | None]:
    """The account of this browser's cookie and its device, in the caller's transaction. With
    `create`, a browser without a live cookie gets a new account and token; without, it gets
    None (or, for a device that was signed out, a Visitor that says so)."""
    token = request.cookies.get(COOKIE, "")
    found = await devices.find_device(session, token) if token else None
    if found is not None and devices.is_live(found, at):
        return Visitor(found.user_id, token, devices.renew(found, at)), found
    revoked = found is not None and found.revoked_at is not None
    if not create:
        return (Visitor("", "", signed_out=True) if revoked else None), None
    token, device = await devices.new_device(session, at)
    return Visitor(device.user_id, token, set_cookie=True, signed_out=revoked), device


async def visitor(
    request: web.Request, db: Database, now: Callable[[], datetime], *, create: bool
) -> Visitor | None:
    """`visit` in a transaction of its own, for a request whose work opens its own."""
    async with db.transaction() as session:
        who, _ = await visit(session, request, now(), create=create)
        return who


def keep(
    response: web.StreamResponse, request: web.Request, who: Visitor, public_url: str | None
) -> None:
    """Set the cookie when it is new or renewed: not readable by scripts, not sent along by
    other sites' requests (SameSite=Lax), over HTTPS only when served so."""
    if not who.set_cookie:
        return
    response.set_cookie(
        COOKIE,
        who.token,
        max_age=int(devices.LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="Lax",
        secure=secure(request, public_url),
    )
