"""One-time invite codes that link a chat account to a unit and a role; only hashes are stored."""

import enum
import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts import ROLES
from storage.models import Account, Invite, LinkFailure, Unit

# No 0/O, 1/I/L: codes are read aloud and typed on phones.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
_SEPARATORS = re.compile(r"[\s\-_.]+")


class Redeemed(enum.Enum):
    LINKED = "linked"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str | None:
    """'abcd-efgh', 'ABCD EFGH' -> 'ABCDEFGH'; None when the text cannot be a code."""
    candidate = _SEPARATORS.sub("", text.strip()).upper()
    if len(candidate) != CODE_LENGTH or not candidate.isascii() or not candidate.isalnum():
        return None
    return candidate


def display_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


async def create_invite(
    db: AsyncSession, code: str, *, unit_id: int, role: str, at: datetime, expires_at: datetime
) -> Invite:
    invite = Invite(
        code_hash=hash_code(code), unit_id=unit_id, role=role, created_at=at, expires_at=expires_at
    )
    db.add(invite)
    await db.flush()
    return invite


async def issue_invite(
    db: AsyncSession, unit: Unit, *, role: str, at: datetime, lifetime: timedelta
) -> tuple[str, Invite]:
    """A fresh code for the unit: returned this once, only its hash is kept."""
    code = new_code()
    invite = await create_invite(
        db, code, unit_id=unit.id, role=role, at=at, expires_at=at + lifetime
    )
    return code, invite


async def redeem_invite(
    db: AsyncSession, code: str, account: Account, at: datetime
) -> tuple[Redeemed, Invite | None]:
    """Use a code once: the conditional UPDATE makes a second redeemer lose, on any backend."""
    invite = await db.scalar(select(Invite).where(Invite.code_hash == hash_code(code)))
    if invite is None:
        return Redeemed.UNKNOWN, None
    if invite.used_by is not None:
        return Redeemed.USED, invite
    if invite.expires_at <= at:
        return Redeemed.EXPIRED, invite
    result = await db.execute(
        update(Invite)
        .where(Invite.id == invite.id, Invite.used_by.is_(None))
        .values(used_by=account.id, used_at=at)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        return Redeemed.USED, invite
    await db.refresh(invite)
    account.unit_id = invite.unit_id
    if ROLES.index(invite.role) > ROLES.index(account.role):
        account.role = invite.role  # an admin who links to a unit stays an admin
    account.link_failures = 0
    account.link_blocked_until = None
    await db.flush()
    return Redeemed.LINKED, invite


async def record_failure(
    db: AsyncSession, account_id: int, origin: str | None, at: datetime
) -> None:
    db.add(LinkFailure(account_id=account_id, origin=origin, at=at))
    await db.flush()


async def failures_since(
    db: AsyncSession, since: datetime, *, origin: str | None = None, limit: int
) -> list[datetime]:
    """The newest `limit` wrong codes since `since` (from `origin` only, if given)."""
    query = select(LinkFailure.at).where(LinkFailure.at >= since)
    if origin is not None:
        query = query.where(LinkFailure.origin == origin)
    return list(await db.scalars(query.order_by(LinkFailure.at.desc()).limit(limit)))


async def forget_failures_before(db: AsyncSession, before: datetime) -> None:
    await db.execute(delete(LinkFailure).where(LinkFailure.at < before))
