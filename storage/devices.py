"""Web chat identities: the server issues each browser an unguessable token (kept only as a
hash) that opens one account; a short-lived code opens the same account on another device."""

from __future__ import annotations

import enum
import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.invites import hash_code, new_code
from storage.models import Account, AuditLog, DeviceCode, WebDevice

# A campaign runs a year: a leader who opens the page now and then stays signed in. Browsers
# keep a cookie 400 days at most, and each day of use moves the end on.
LIFETIME = timedelta(days=400)
RENEW_AFTER = timedelta(days=1)
CODE_LIFETIME = timedelta(minutes=10)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def new_device(
    db: AsyncSession, at: datetime, user_id: str | None = None
) -> tuple[str, WebDevice]:
    """A device for a new account (or for `user_id`): its token (returned this once) and the
    device, which names the account's reference."""
    token = secrets.token_urlsafe(32)
    if user_id is None:  # the account's reference: not a secret, never enough to act as it
        user_id = secrets.token_hex(6)
        while await _taken(db, user_id):
            user_id = secrets.token_hex(6)
    device = WebDevice(
        token_hash=hash_token(token),
        user_id=user_id,
        created_at=at,
        seen_at=at,
        expires_at=at + LIFETIME,
    )
    db.add(device)
    await db.flush()
    return token, device


async def _taken(db: AsyncSession, user_id: str) -> bool:
    """A reference in use, by a device or by an account whose devices were forgotten."""
    device = await db.scalar(select(WebDevice.id).where(WebDevice.user_id == user_id).limit(1))
    account = await db.scalar(
        select(Account.id).where(Account.channel == "web", Account.user_id == user_id)
    )
    return device is not None or account is not None


async def find_device(db: AsyncSession, token: str) -> WebDevice | None:
    """The device this token was given to, live or not; None for a token never given."""
    if not 20 <= len(token) <= 100:
        return None
    return await db.scalar(select(WebDevice).where(WebDevice.token_hash == hash_token(token)))


def is_live(device: WebDevice, at: datetime) -> bool:
    """Neither signed out nor expired."""
    return device.revoked_at is None and device.expires_at > at


async def device_of(db: AsyncSession, token: str, at: datetime) -> WebDevice | None:
    """The live device this token opens; None when unknown, expired or revoked."""
    device = await find_device(db, token)
    return device if device is not None and is_live(device, at) else None


def renew(device: WebDevice, at: datetime) -> bool:
    """Move the end of a device in use on, once a day: True when the cookie should be set again."""
    if at - device.seen_at < RENEW_AFTER:
        return False
    device.seen_at, device.expires_at = at, at + LIFETIME
    return True


async def devices_of(db: AsyncSession, user_id: str, at: datetime) -> int:
    """How many live devices open this account."""
    live = select(func.count(WebDevice.id)).where(
        WebDevice.user_id == user_id, WebDevice.revoked_at.is_(None), WebDevice.expires_at > at
    )
    return await db.scalar(live) or 0


async def revoke(db: AsyncSession, user_id: str, at: datetime) -> int:
    """Sign an account out everywhere: its devices end, its unused /link codes too, and it no
    longer acts for its unit or in its role (a new invite, or a new grant, opens it again).
    Returns how many devices were live."""
    result = await db.execute(
        update(WebDevice)
        .where(WebDevice.user_id == user_id, WebDevice.revoked_at.is_(None))
        .values(revoked_at=at)
    )
    await db.execute(
        update(DeviceCode)
        .where(DeviceCode.user_id == user_id, DeviceCode.used_at.is_(None))
        .values(used_at=at)
    )
    await db.execute(
        update(Account)
        .where(Account.channel == "web", Account.user_id == user_id)
        .values(unit_id=None, role="leader")
    )
    return result.rowcount  # type: ignore[attr-defined,no-any-return]


async def new_code_for(db: AsyncSession, user_id: str, at: datetime) -> tuple[str, datetime]:
    """A one-time code that opens this account on another device, for CODE_LIFETIME."""
    code = new_code()
    expires = at + CODE_LIFETIME
    db.add(
        DeviceCode(code_hash=hash_code(code), user_id=user_id, created_at=at, expires_at=expires)
    )
    await db.flush()
    return code, expires


class CodeFound(enum.Enum):
    OPENED = "opened"  # this device now opens the code's account
    HERE = "here"  # typed on the device that made it
    SPENT = "spent"  # expired, or used already
    BUSY = "busy"  # this device acts for a unit or the office: not replaced, the code kept
    NONE = "none"  # no such code


async def use_code(
    db: AsyncSession, code: str, user_id: str, at: datetime, *, settled: bool = False
) -> tuple[CodeFound, str | None]:
    """Open the account of a live code on the devices of `user_id` (the device that typed it),
    once; not when that account is `settled` (linked, or the office's). Returns what
    happened and the code's account."""
    found = await db.scalar(select(DeviceCode).where(DeviceCode.code_hash == hash_code(code)))
    if found is None:
        return CodeFound.NONE, None
    if found.used_at is not None or found.expires_at <= at:
        return CodeFound.SPENT, found.user_id
    if found.user_id == user_id:  # kept for the other device
        return CodeFound.HERE, user_id
    if settled:
        return CodeFound.BUSY, found.user_id
    taken = await db.execute(
        update(DeviceCode)
        .where(DeviceCode.id == found.id, DeviceCode.used_at.is_(None))
        .values(used_at=at)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        return CodeFound.SPENT, found.user_id  # a twin request used it first
    await db.execute(
        update(WebDevice)
        .where(WebDevice.user_id == user_id, WebDevice.revoked_at.is_(None))
        .values(user_id=found.user_id)
    )
    return CodeFound.OPENED, found.user_id


async def claim(db: AsyncSession, device: WebDevice, session: str) -> bool:
    """Carry a leader's account over from the page's own id of before (32 hex digits in the
    browser's storage), once: only to a device of a fresh account, only while no device
    opens that account, and never an office account (those are granted again by reference)."""
    if len(session) != 32 or any(c not in "0123456789abcdef" for c in session):
        return False
    account = await db.scalar(
        select(Account).where(Account.channel == "web", Account.user_id == session)
    )
    if account is None or account.role != "leader":
        return False
    if await db.scalar(select(WebDevice.id).where(WebDevice.user_id == session).limit(1)):
        return False
    claimed = select(AuditLog.id).where(AuditLog.action == "claim", AuditLog.detail == session)
    if await db.scalar(claimed.limit(1)):  # once, even after its devices were forgotten
        return False
    own = await db.scalar(
        select(Account).where(Account.channel == "web", Account.user_id == device.user_id)
    )
    if own is not None and own.settled:
        return False  # this device acts for a unit or the office already
    device.user_id = session
    db.add(AuditLog(at=device.seen_at, actor=f"web:{session}", action="claim", detail=session))
    await db.flush()
    return True


async def known_account(db: AsyncSession, user_id: str) -> bool:
    """A web account that someone has opened: a reference can be granted a role."""
    return await _taken(db, user_id)


async def forget_before(db: AsyncSession, before: datetime) -> None:
    """Drop devices and codes that ended before this moment."""
    await db.execute(delete(WebDevice).where(WebDevice.expires_at < before))
    await db.execute(delete(WebDevice).where(WebDevice.revoked_at < before))
    await db.execute(delete(DeviceCode).where(DeviceCode.expires_at < before))
